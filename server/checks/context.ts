/**
 * Resolves what a dataflow refers to — project, connection, sObject describe, XDM
 * schema — and reports the references that do not resolve. Later checks and editor
 * features read the resolved context instead of looking things up again.
 */
import * as path from 'node:path';
import type { DataflowModel } from '../dataflow/model';
import type { FunctionCatalogue } from '../expr/catalogue';
import { STANDARD_NAMESPACES } from '../identity/namespaces';
import type { ConnectionDecl } from '../project/project';
import type { DescribeLookup, SObjectIndex } from '../salesforce/describeIndex';
import { didYouMean, suggestionText } from '../util/didYouMean';
import { problem, type Problem } from '../util/problems';
import type { ProjectInfo, SchemaInfo, Workspace } from '../workspace/workspace';

export interface DataflowContext {
  file?: string;
  catalogue: FunctionCatalogue;
  project?: ProjectInfo;
  connection?: ConnectionDecl;
  object?: SObjectIndex;
  lookup: DescribeLookup;
  schema?: SchemaInfo;
  /** namespace codes that resolve: standard + B2B + declared in crmflow.yaml */
  namespaces: ReadonlySet<string>;
  /** identifies the inputs: equal keys mean equal describe/schema, so results can be reused */
  key: string;
}

export function resolveContext(model: DataflowModel, file: string | undefined, ws: Workspace, catalogue: FunctionCatalogue, problems: Problem[]): DataflowContext {
  const namespaces = new Set(STANDARD_NAMESPACES.map((n) => n.code));
  const ctx: DataflowContext = { catalogue, lookup: () => undefined, namespaces, key: `g${ws.generation}` };
  if (file === undefined) return ctx;
  ctx.file = file;
  const project = ws.projectFor(file);
  const src = model.source;
  if (!project) {
    if (src?.connection) problems.push(problem('project-missing', src.connection.span, 'No crmflow.yaml was found in this folder or above it, so the connection cannot be resolved.'));
  } else {
    ctx.project = project;
    for (const code of project.model.namespaces.keys()) namespaces.add(code);
    const conn = src?.connection;
    if (conn) {
      const decl = project.model.connections.get(conn.value);
      if (!decl) {
        const known = [...project.model.connections.keys()];
        problems.push(problem('unknown-connection', conn.span, `Connection '${conn.value}' is not declared in crmflow.yaml.${suggestionText(didYouMean(conn.value, known))}${known.length ? ` Declared: ${known.join(', ')}.` : ''}`, { suggestions: didYouMean(conn.value, known) }));
      } else {
        ctx.connection = decl;
        const root = project.root;
        ctx.lookup = (name) => ws.describe(root, decl.name, name);
        const obj = src?.object;
        if (obj) {
          const idx = ws.describe(root, decl.name, obj.value);
          if (idx) ctx.object = idx;
          else {
            const global = ws.describeGlobal(root, decl.name);
            const names = global?.sobjects.map((s) => s.name) ?? [];
            if (global && !names.includes(obj.value)) {
              const sug = didYouMean(obj.value, names);
              problems.push(problem('unknown-object', obj.span, `Object '${obj.value}' does not exist in connection '${decl.name}'.${suggestionText(sug)}`, { suggestions: sug }));
            } else {
              problems.push(problem('describe-missing', obj.span, `No cached describe for '${obj.value}' (${path.join('.crmflow', 'metadata', decl.name, `${obj.value}.json`)}); source fields are not checked. Run "crmflow snapshot ${decl.name} ${obj.value}" or connect to the org.`));
            }
          }
        }
      }
    }
    const ds = model.target?.dataset;
    if (ds && project.model.datasets.size > 0 && !project.model.datasets.has(ds.value)) {
      const sug = didYouMean(ds.value, project.model.datasets.keys());
      problems.push(problem('unknown-dataset', ds.span, `Dataset '${ds.value}' is not declared in crmflow.yaml.${suggestionText(sug)}`, { suggestions: sug }));
    }
  }
  const schemaRef = model.target?.schema;
  if (schemaRef) {
    const abs = path.resolve(path.dirname(file), schemaRef.value);
    const info = ws.schema(abs);
    ctx.schema = info;
    if (info.text === undefined) {
      problems.push(problem('schema-not-found', schemaRef.span, `Schema file '${schemaRef.value}' does not exist (looked for ${abs}).`));
    } else if (!info.schema) {
      const first = info.problems[0]?.message;
      problems.push(problem('schema-invalid', schemaRef.span, `Schema file '${schemaRef.value}' is not a usable XDM schema${first ? `: ${first}` : '.'}`));
    }
  }
  ctx.key = `g${ws.generation}|${ctx.object?.name ?? '-'}|${ctx.schema?.file ?? '-'}`;
  return ctx;
}
