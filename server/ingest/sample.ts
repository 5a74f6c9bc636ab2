/**
 * Maps a sample of real records through a dataflow: extract from the org through the
 * gateway, map with the compiled mapping set, validate against the XDM schema. The
 * shared core of the CLI demo and of "Preview records"; ingestion builds on it.
 */
import type { DataflowAnalysis } from '../service';
import type { FunctionCatalogue } from '../expr/catalogue';
import { analyzeExpression } from '../expr';
import { splitPath } from '../checks/paths';
import type { SalesforceGateway } from '../salesforce/gateway/gateway';
import type { SalesforceRuntime } from '../salesforce/loadRuntime';
import { XdmValidatorCache, type RecordError } from '../xdm/validate';
import { RecordMapper, type MappingWarning } from './mapper';

export interface SampleRecord {
  id: string;
  output: Record<string, unknown>;
  warnings: MappingWarning[];
  errors: RecordError[];
}

export interface SampleResult {
  object: string;
  fields: string[];
  records: SampleRecord[];
}

/** Source fields a dataflow reads: ATTRIBUTE paths and the field references of its expressions. */
export function fieldsRead(analysis: DataflowAnalysis, catalogue: FunctionCatalogue): string[] {
  const out = new Set<string>(['Id']);
  for (const m of analysis.parsed.model.mappings) {
    if (m.kind === 'ATTRIBUTE' && m.source) out.add(splitPath(m.source.value).map((s) => s.name).join('.'));
    if (m.kind === 'EXPRESSION' && m.expression) for (const r of analyzeExpression(m.expression.value, { catalogue }).fieldRefs) out.add(r.path.join('.'));
  }
  return [...out];
}

export async function mapSample(
  analysis: DataflowAnalysis,
  catalogue: FunctionCatalogue,
  gateway: SalesforceGateway,
  runtime: Pick<SalesforceRuntime, 'extractRecords'>,
  options: { limit: number; orgId: string; nowMs?: number },
): Promise<SampleResult> {
  const model = analysis.parsed.model;
  const object = model.source?.object?.value;
  if (!object) throw new Error('the dataflow names no source object');
  const schema = analysis.context.schema?.schema;
  const mapper = RecordMapper.compile(model, catalogue, schema);
  const validator = schema ? new XdmValidatorCache().validatorFor(schema) : undefined;
  const fields = fieldsRead(analysis, catalogue);
  const where = model.source?.where?.value;
  const describe = analysis.context.object?.describe ?? null;
  const ctx = { nowMs: options.nowMs ?? Date.now(), variables: { CRM_ORG_ID: options.orgId } };
  const records: SampleRecord[] = [];
  for await (const batch of runtime.extractRecords(gateway, { object, fields, ...(where ? { where } : {}), limit: options.limit, api: 'rest', describe })) {
    for (const r of batch.records) {
      const { output, warnings } = mapper.map(r, ctx);
      records.push({ id: String(r.Id ?? ''), output, warnings, errors: validator ? validator.validateRecord(output) : [] });
    }
  }
  return { object, fields, records };
}
