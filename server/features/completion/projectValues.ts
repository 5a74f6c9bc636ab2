/**
 * Values that come from the project around the dataflow: connections and datasets of
 * crmflow.yaml, sObjects of the connection (describeGlobal + the describe cache), schema
 * files of the workspace, and identity namespaces (standard, B2B and declared ones).
 */
import * as path from 'node:path';
import { MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { DataflowContext } from '../../checks/context';
import { STANDARD_NAMESPACES } from '../../identity/namespaces';
import type { DescribeGlobal, GlobalSObject } from '../../salesforce/describeTypes';
import { METADATA_DIR, type FileReader } from '../../workspace/workspace';
import { code, CompletionItemKind, md, place, sortKey } from './items';

export function connectionItems(ctx: DataflowContext, range: Range, prefix: string): CompletionItem[] {
  const conns = ctx.project?.model.connections;
  if (!conns) return [];
  return [...conns.values()].map((c, i) => {
    const facts = [c.kind?.value, c.loginUrl?.value ?? c.instanceUrl?.value, c.apiVersion ? `API ${c.apiVersion.value}` : undefined].filter(Boolean);
    const template: CompletionItem = {
      label: c.name,
      kind: CompletionItemKind.Reference,
      detail: facts.join(' · ') || 'connection',
      documentation: { kind: MarkupKind.Markdown, value: `Connection ${code(c.name)} from ${code(path.basename(ctx.project!.file))}${facts.length ? `\n\n${facts.map((f) => md(String(f))).join(' · ')}` : ''}${c.username ? `\n\nUser: ${md(c.username.value)}` : ''}` },
      filterText: c.name,
    };
    return place(template, range, `${prefix}${c.name}`, sortKey(0, i));
  });
}

export function datasetItems(ctx: DataflowContext, range: Range, prefix: string): CompletionItem[] {
  const sets = ctx.project?.model.datasets;
  if (!sets) return [];
  return [...sets.values()].map((d, i) => {
    const template: CompletionItem = {
      label: d.name,
      kind: CompletionItemKind.Reference,
      detail: d.schema ? `schema ${d.schema.value}` : 'dataset',
      documentation: { kind: MarkupKind.Markdown, value: `Dataset ${code(d.name)}${d.schema ? ` of schema ${code(d.schema.value)}` : ''}${d.profile ? ' · enabled for Profile' : ''}` },
      filterText: d.name,
    };
    return place(template, range, `${prefix}${d.name}`, sortKey(0, i));
  });
}

/** Per describeGlobal: its queryable objects as templates. */
export class ObjectIndex {
  private readonly byGlobal = new WeakMap<DescribeGlobal, readonly { name: string; template: CompletionItem }[]>();

  items(ctx: DataflowContext, files: FileReader, describeGlobal: DescribeGlobal | undefined, range: Range, prefix: string): CompletionItem[] {
    const root = ctx.project?.root;
    const conn = ctx.connection?.name;
    // which objects have a cached describe (their fields can be checked and completed)
    const cached = new Set<string>();
    if (root && conn) {
      for (const e of listSafe(files, path.join(root, METADATA_DIR, conn)) ?? []) {
        if (!e.isDirectory && e.name.endsWith('.json') && e.name !== 'describeGlobal.json') cached.add(e.name.slice(0, -5));
      }
    }
    const out: CompletionItem[] = [];
    const seen = new Set<string>();
    for (const o of describeGlobal ? this.templates(describeGlobal) : []) {
      seen.add(o.name);
      const has = cached.has(o.name);
      const item = place(o.template, range, `${prefix}${o.name}`, sortKey(has ? 0 : 1, o.name.toLowerCase()));
      if (has) item.labelDetails = { ...o.template.labelDetails, detail: ' (describe cached)' };
      out.push(item);
    }
    for (const name of cached) {
      if (seen.has(name)) continue;
      out.push(place({ label: name, kind: CompletionItemKind.Class, detail: 'describe cached', labelDetails: { detail: ' (describe cached)' }, filterText: name }, range, `${prefix}${name}`, sortKey(0, name.toLowerCase())));
    }
    return out;
  }

  private templates(g: DescribeGlobal): readonly { name: string; template: CompletionItem }[] {
    let list = this.byGlobal.get(g);
    if (!list) {
      list = (Array.isArray(g.sobjects) ? g.sobjects : [])
        .filter((o): o is GlobalSObject => !!o && typeof o.name === 'string' && o.queryable !== false)
        .map((o) => ({
          name: o.name,
          template: {
            label: o.name,
            kind: CompletionItemKind.Class,
            detail: `${o.label ?? o.name}${o.custom ? ' · custom' : ''}`,
            labelDetails: { description: o.label ?? '' },
            documentation: { kind: MarkupKind.Markdown, value: `**${md(o.label ?? o.name)}** ${code(o.name)}${o.labelPlural ? ` (${md(o.labelPlural)})` : ''}${o.custom ? '\n\nCustom object.' : ''}` },
            filterText: o.name,
          } satisfies CompletionItem,
        }));
      this.byGlobal.set(g, list);
    }
    return list;
  }
}

const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.crmflow', 'dist', 'out']);
const MAX_DEPTH = 5;
const MAX_LISTED = 2000;

function listSafe(files: FileReader, dir: string) {
  try {
    return files.listFiles?.(dir);
  } catch {
    return undefined;
  }
}

/** `*.schema.json` files under `root` (bounded walk: depth 5, 2,000 entries). */
export function schemaFiles(files: FileReader, root: string): string[] {
  const out: string[] = [];
  let listed = 0;
  const walk = (dir: string, depth: number): void => {
    const entries = listSafe(files, dir);
    if (!entries) return;
    for (const e of entries) {
      if (++listed > MAX_LISTED) return;
      const abs = path.join(dir, e.name);
      if (e.isDirectory) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) walk(abs, depth + 1);
      } else if (e.name.endsWith('.schema.json')) out.push(abs);
    }
  };
  walk(root, 0);
  return out.sort();
}

/** How a dataflow at `fromFile` refers to `abs`: relative, with forward slashes. */
export function relativeRef(fromFile: string, abs: string): string {
  const rel = path.relative(path.dirname(fromFile), abs).split(path.sep).join('/');
  return rel || path.basename(abs);
}

export function schemaItems(ctx: DataflowContext, files: FileReader, dataset: string | undefined, range: Range, prefix: string): CompletionItem[] {
  const file = ctx.file;
  if (!file) return [];
  const root = ctx.project?.root ?? path.dirname(file);
  // the schema crmflow.yaml declares for the chosen dataset fits best
  const declared = dataset !== undefined ? ctx.project?.model.datasets.get(dataset)?.schema?.value : undefined;
  const datasetSchema = ctx.project && declared ? path.resolve(ctx.project.root, declared) : undefined;
  return schemaFiles(files, root).map((abs) => {
    const ref = relativeRef(file, abs);
    const fits = abs === datasetSchema;
    const template: CompletionItem = {
      label: ref,
      kind: CompletionItemKind.File,
      detail: fits ? 'schema of the dataset' : path.relative(root, abs).split(path.sep).join('/'),
      documentation: { kind: MarkupKind.Markdown, value: `XDM schema file ${code(abs)}` },
      filterText: ref,
    };
    return place(template, range, `${prefix}${ref}`, sortKey(fits ? 0 : 1, ref.toLowerCase()));
  });
}

/**
 * The namespace likely for an identity path, by the key in it (the B2B schemas name each
 * key after its entity, section 4.3 of the AEP notes). The first matching pattern wins, so
 * the specific keys come before the ones they contain: `opportunityPersonKey` is the
 * opportunity-person relation, not a person; `marketingListMemberKey` a list member.
 */
const NAMESPACE_HINTS: readonly [RegExp, string][] = [
  [/opportunitypersonkey/i, 'b2b_opportunity_person_relation'],
  [/accountpersonkey/i, 'b2b_account_person_relation'],
  [/marketinglistmemberkey/i, 'b2b_marketing_list_member'],
  [/marketinglistkey/i, 'b2b_marketing_list'],
  [/campaignmemberkey/i, 'b2b_campaign_member'],
  [/campaignkey/i, 'b2b_campaign'],
  [/opportunitykey/i, 'b2b_opportunity'],
  [/accountkey|accountparentkey/i, 'b2b_account'],
  [/personkey/i, 'b2b_person'],
  [/email/i, 'Email'],
  [/phone/i, 'Phone'],
  [/ecid/i, 'ECID'],
  [/crmid|personid/i, 'CRMID'],
];

export function namespaceItems(ctx: DataflowContext, identityPath: string | undefined, range: Range, prefix: string): CompletionItem[] {
  const hint = identityPath ? NAMESPACE_HINTS.find(([re]) => re.test(identityPath))?.[1] : undefined;
  const likely = new Set(hint ? [hint] : []);
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (code_: string, name: string, idType: string | undefined, description: string, declared: boolean, order: number) => {
    if (seen.has(code_)) return;
    seen.add(code_);
    const template: CompletionItem = {
      label: code_,
      kind: CompletionItemKind.EnumMember,
      detail: `${name}${idType ? ` · ${idType}` : ''}${declared ? ' · crmflow.yaml' : ''}`,
      labelDetails: { description: name },
      documentation: { kind: MarkupKind.Markdown, value: `**${md(name)}** ${code(code_)}${idType ? ` — identity type ${code(idType)}` : ''}\n\n${md(description)}` },
      filterText: code_,
    };
    out.push(place(template, range, `${prefix}${code_}`, sortKey(likely.has(code_) ? 0 : declared ? 1 : 2, order)));
  };
  let order = 0;
  for (const [c, decl] of ctx.project?.model.namespaces ?? []) add(c, decl.name ?? c, decl.idType, 'Custom namespace declared in crmflow.yaml.', true, order++);
  for (const n of STANDARD_NAMESPACES) add(n.code, n.name, n.idType, n.description, false, order++);
  return out;
}
