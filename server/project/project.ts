/**
 * crmflow.yaml → project model: connections (never secrets), tenant, identity
 * namespaces, datasets and the lake folder. Like dataflow files it is parsed with
 * ranges and validated against its JSON Schema, so it gets live diagnostics too.
 */
import { isMap, parseDocument, type Node, type Pair } from 'yaml';
import { problem, type Problem, type Span } from '../util/problems';
import type { Located } from '../dataflow/model';
import { tooLargeProblem, tooLargeToAnalyse } from '../dataflow/parse';
import { REFS, type StructureValidator } from '../dataflow/structure';
import { asScalar, keyName, pairsOf, spanOf, toPlain } from '../dataflow/yamlNodes';

export const PROJECT_FILE_NAMES = ['crmflow.yaml', 'crmflow.yml'] as const;

export interface ConnectionDecl {
  name: string;
  keySpan: Span;
  kind?: Located<string>;
  loginUrl?: Located<string>;
  instanceUrl?: Located<string>;
  apiVersion?: Located<string>;
  username?: Located<string>;
  clientId?: Located<string>;
  orgId?: Located<string>;
}

export interface NamespaceDecl { code: string; keySpan: Span; name?: string; idType?: string }
export interface DatasetDecl { name: string; keySpan: Span; schema?: Located<string>; profile?: boolean }

export interface ProjectModel {
  tenant?: Located<string>;
  connections: Map<string, ConnectionDecl>;
  namespaces: Map<string, NamespaceDecl>;
  datasets: Map<string, DatasetDecl>;
  lakePath?: string;
}

// Keys that would hold credentials; flagged with a pointer to where secrets belong.
const SECRET_KEYS = /^(password|passwd|secret|clientSecret|client_secret|securityToken|security_token|refreshToken|refresh_token|accessToken|access_token|privateKey|private_key|token)$/i;

export function parseProject(text: string, structure: StructureValidator): { model: ProjectModel; problems: Problem[] } {
  const model: ProjectModel = { connections: new Map(), namespaces: new Map(), datasets: new Map() };
  const problems: Problem[] = [];
  // the same limit as dataflows: a huge project file is not parsed (nor read by the checks)
  if (tooLargeToAnalyse(text)) return { model, problems: [tooLargeProblem(text)] };
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { model, problems: [problem('yaml-syntax', { start: 0, end: 1 }, `crmflow.yaml cannot be parsed: ${String((e as Error).message)}`)] };
  }
  for (const e of doc.errors) problems.push(problem('yaml-syntax', { start: Math.min(e.pos[0], text.length), end: Math.min(Math.max(e.pos[1], e.pos[0] + 1), text.length) }, e.message.split('\n')[0]));
  const root = doc.contents as Node | null;
  if (!isMap(root)) return { model, problems };
  let js: unknown;
  try {
    js = toPlain(root, doc);
  } catch {
    problems.push(problem('yaml-alias-limit', { start: 0, end: 1 }, 'YAML aliases expand beyond the safe limit; the file is not analysed.'));
    return { model, problems };
  }
  const first = spanOf(root.items[0]?.key as Node, 0) ?? { start: 0, end: 0 };
  // Secrets are reported by their own check with a clearer message than "unknown key".
  const structural = structure.validate(REFS.project, js, root, 0, first);
  const secretSpans = new Set<number>();
  for (const pair of root.items) {
    const key = keyName(pair);
    const entries = pairsOf(pair.value);
    if (key === 'tenant') model.tenant = str(pair);
    if (key === 'lake') model.lakePath = str(pairsOf(pair.value).find((p) => keyName(p) === 'path'))?.value;
    for (const entry of entries) {
      const name = keyName(entry);
      const keySpan = spanOf(entry.key as Node, 0);
      if (!name || !keySpan) continue;
      const get = (k: string) => str(pairsOf(entry.value).find((p) => keyName(p) === k));
      if (key === 'connections') {
        const decl: ConnectionDecl = { name, keySpan };
        for (const k of ['kind', 'loginUrl', 'instanceUrl', 'apiVersion', 'username', 'clientId', 'orgId'] as const) {
          const v = get(k);
          if (v) decl[k] = v;
        }
        model.connections.set(name, decl);
        for (const p of pairsOf(entry.value)) {
          const k = keyName(p);
          const ks = spanOf(p.key as Node, 0);
          if (k && ks && SECRET_KEYS.test(k)) {
            secretSpans.add(ks.start);
            problems.push(problem('project-secret', ks, `'${k}' is a secret and must not be written in crmflow.yaml (it is committed to git). The extension keeps secrets in VS Code SecretStorage ("CRM Dataflows: Connect to Salesforce…"); the CLI reads them from environment variables or the git-ignored .crmflow.env.`));
          }
        }
      } else if (key === 'namespaces') {
        const n: NamespaceDecl = { code: name, keySpan };
        const dn = get('name')?.value;
        const idType = get('idType')?.value;
        if (dn) n.name = dn;
        if (idType) n.idType = idType;
        model.namespaces.set(name, n);
      } else if (key === 'datasets') {
        const d: DatasetDecl = { name, keySpan };
        const schema = get('schema');
        if (schema) d.schema = schema;
        const prof = asScalar(pairsOf(entry.value).find((p) => keyName(p) === 'profile')?.value);
        if (prof && typeof prof.value === 'boolean') d.profile = prof.value;
        model.datasets.set(name, d);
      }
    }
  }
  for (const p of structural) if (!(p.code === 'structure-unknown-key' && secretSpans.has(p.span.start))) problems.push(p);
  return { model, problems };
}

function str(pair: Pair | undefined): Located<string> | undefined {
  const s = asScalar(pair?.value);
  const span = spanOf(s as Node | undefined, 0);
  if (!s || !span || s.value === null || typeof s.value === 'object') return undefined;
  const out: Located<string> = { value: String(s.value), span };
  const ks = spanOf(pair?.key as Node, 0);
  if (ks) out.keySpan = ks;
  return out;
}
