/**
 * "Create dataflow for this object": a new dataflow file for a Salesforce object with
 * its source, the best-fitting target schema of the workspace, the template's identities
 * and a first set of mappings from MappingSuggester (the Salesforce template first, then
 * name similarity). The text is validated before it is returned and every mapping or
 * identity that would be an error is dropped, so it opens with zero errors whenever a
 * schema fits.
 */
import * as path from 'node:path';
import type { CreateDataflowResult } from '../../../shared/protocol';
import { normalisePath } from '../../checks/paths';
import type { DataflowService } from '../../service';
import { contains, yamlString } from '../codeActions/edits';
import type { MappingStub } from '../codeActions/mappingInsert';
import type { MappingSuggester } from '../suggestMappings';
import { pathToUri, type ResolvedConnection } from './location';
import { objectInfo } from './objects';
import { entityKeyPath, KEY_NAMESPACES, rankSchemas } from './targetSchema';

const DATAFLOWS_DIR = 'dataflows';
/** Secondary identities of the template, beside the object's own key (reference/aep.md §4.3). */
const SECONDARY_IDENTITIES: Readonly<Record<string, ReadonlyArray<{ path: string; namespace: string }>>> = {
  Contact: [{ path: 'workEmail.address', namespace: 'Email' }],
  Lead: [{ path: 'workEmail.address', namespace: 'Email' }],
};

export interface IdentityStub {
  path: string;
  namespace: string;
  primary: boolean;
}

export interface Draft {
  header: string[];
  name: string;
  connection: string;
  object: string;
  incremental?: string;
  dataset?: string;
  schema: string;
  identities: IdentityStub[];
  mappings: MappingStub[];
}

/** `contact.dataflow.yaml`, or `contact-2.dataflow.yaml` when that exists (on disk or open). */
export function freeDataflowName(exists: (relative: string) => boolean, object: string): string {
  const base = object.toLowerCase().replace(/[^a-z0-9_]+/g, '-');
  for (let i = 1; ; i++) {
    const rel = `${DATAFLOWS_DIR}/${base}${i === 1 ? '' : `-${i}`}.dataflow.yaml`;
    if (!exists(rel)) return rel;
  }
}

export function renderDataflow(d: Draft): string {
  const lines = [...d.header.map((h) => `# ${h}`), `dataflow: ${yamlString(d.name)}`, 'source:', `  connection: ${yamlString(d.connection)}`, `  object: ${d.object}`];
  if (d.incremental) lines.push(`  incremental: ${d.incremental}`);
  lines.push('target:');
  if (d.dataset) lines.push(`  dataset: ${yamlString(d.dataset)}`);
  lines.push(`  schema: ${yamlString(d.schema)}`);
  if (d.identities.length) {
    lines.push('identities:');
    for (const id of d.identities) {
      lines.push(`  - path: ${yamlString(id.path)}`, `    namespace: ${yamlString(id.namespace)}`);
      if (id.primary) lines.push('    primary: true');
    }
  }
  lines.push(d.mappings.length ? 'mappings:' : 'mappings: []');
  for (const m of d.mappings) {
    const value = m.kind === 'value' && m.text === 'null' ? 'null' : yamlString(m.text);
    lines.push(`  - ${m.kind}: ${value}`, `    target: ${yamlString(m.target)}`);
  }
  lines.push('schedule: { frequency: hour, interval: 1, backfill: true }', 'ingestion: { partialIngestionPercent: 5, errorDiagnostics: true }');
  return lines.join('\n') + '\n';
}

function identitiesFor(object: string, mapped: ReadonlySet<string>): IdentityStub[] {
  const out: IdentityStub[] = [];
  const key = entityKeyPath(object);
  const keyObject = key?.slice(0, -'.sourceKey'.length);
  const isMapped = (p: string) => mapped.has(p) || [...mapped].some((t) => p.startsWith(`${t}.`));
  if (key && keyObject && KEY_NAMESPACES[keyObject] && isMapped(key)) out.push({ path: key, namespace: KEY_NAMESPACES[keyObject], primary: true });
  for (const s of SECONDARY_IDENTITIES[object] ?? []) {
    if (isMapped(s.path)) out.push({ ...s, primary: out.length === 0 });
  }
  return out;
}

/**
 * The proposed file for `object` of a resolved connection. `exists` tells whether a
 * project-relative path is taken. Never throws on odd metadata: a failure to propose
 * mappings leaves an empty mapping list.
 */
export function createDataflow(service: DataflowService, conn: ResolvedConnection, object: string, suggester: MappingSuggester, exists: (relative: string) => boolean): CreateDataflowResult {
  const ws = service.workspace;
  const { project, decl } = conn;
  const notes: string[] = [];
  const info = objectInfo(ws, project.root, decl.name, object);
  const describe = ws.describe(project.root, decl.name, object);
  const label = info?.label ?? object;
  const plural = info?.labelPlural ?? `${label}s`;
  if (!describe) notes.push(`${object} is not in the describe cache, so no field mappings were proposed: refresh the metadata of '${decl.name}' and run "Suggest mappings".`);

  const relativePath = freeDataflowName(exists, object);
  const file = path.join(project.root, ...relativePath.split('/'));
  const ranked = rankSchemas(ws, project, object, label);
  const best = ranked[0];
  const schemaRel = (abs: string) => path.relative(path.dirname(file), abs).split(path.sep).join('/');
  const draft: Draft = {
    header: [`${plural} of '${decl.name}' → XDM, generated by CRM Dataflows from the cached describe. Review before the first run.`],
    name: `Salesforce ${plural}`,
    connection: decl.name,
    object,
    schema: best ? schemaRel(best.file) : `../schemas/${object.toLowerCase()}.schema.json`,
    identities: [],
    mappings: [],
  };
  if (describe?.field('SystemModstamp')) draft.incremental = 'SystemModstamp';
  if (best) {
    // a dataset of the schema named after the object (`Salesforce Contacts`); Leads do not land in the Contacts dataset
    const names = [plural.toLowerCase(), label.toLowerCase(), object.toLowerCase()];
    const dataset = best.datasets.find((d) => names.some((n) => d.toLowerCase().includes(n)));
    if (dataset) draft.dataset = dataset;
    else notes.push(`No dataset of crmflow.yaml named after ${plural} uses ${path.relative(project.root, best.file).split(path.sep).join('/')}; declare one and set target.dataset.`);
  } else {
    draft.header.push(`No schema of this project fits ${object}: create ${draft.schema} or point target.schema at yours.`);
    notes.push(`No schema in the project fits ${object}; target.schema names a file to create.`);
  }

  if (best && describe) {
    try {
      const skeleton = renderDataflow(draft);
      draft.mappings = suggester.propose(service.analyse({ path: file, text: skeleton })).map((p) => ({ kind: p.kind, text: p.text, target: p.target }));
    } catch {
      draft.mappings = [];
    }
  }
  draft.identities = identitiesFor(object, new Set(draft.mappings.map((m) => normalisePath(m.target))));
  const text = best ? withoutErrors(service, file, draft) : renderDataflow(draft);
  const result: CreateDataflowResult = { uri: pathToUri(file), relativePath, text, mappingCount: draft.mappings.length, notes };
  if (best) result.schema = path.relative(project.root, best.file).split(path.sep).join('/');
  return result;
}

/** Drops the mappings and identities the checks call errors until none is left (a few rounds at most). */
export function withoutErrors(service: DataflowService, file: string, draft: Draft): string {
  const droppedIdentities = new Set<string>();
  let text = renderDataflow(draft);
  for (let round = 0; round < 4; round++) {
    const analysis = service.analyse({ path: file, text });
    const errors = analysis.problems.filter((p) => p.severity === 'error');
    if (errors.length === 0) break;
    const model = analysis.parsed.model;
    const badMappings = new Set<number>();
    for (const e of errors) {
      model.mappings.forEach((m, i) => contains(m.span, e.span) && badMappings.add(i));
      model.identities.forEach((id, i) => contains(id.span, e.span) && droppedIdentities.add(draft.identities[i]?.path ?? ''));
    }
    const before = draft.mappings.length + draft.identities.length;
    draft.mappings = draft.mappings.filter((_, i) => !badMappings.has(i));
    draft.identities = identitiesFor(draft.object, new Set(draft.mappings.map((m) => normalisePath(m.target)))).filter((id) => !droppedIdentities.has(id.path));
    if (draft.identities.length && !draft.identities.some((id) => id.primary)) draft.identities[0].primary = true;
    if (draft.mappings.length + draft.identities.length === before) break;
    text = renderDataflow(draft);
  }
  return text;
}
