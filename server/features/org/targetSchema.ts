/**
 * Which of the workspace's XDM schemas a Salesforce object should land in: the B2B
 * class Adobe's Salesforce template uses for it (reference/aep.md §4.2), the entity key
 * the template writes (`b2b.personKey`, `accountKey`…), and the schema's title. Schemas
 * are the project's `schemas/*.schema.json` plus those its datasets name.
 */
import * as path from 'node:path';
import { templateProposals } from '../codeActions/salesforceTemplate';
import type { ProjectInfo, Workspace } from '../../workspace/workspace';
import { splitWords } from '../suggestMappings';
import type { XdmSchema } from '../../xdm/schema';

const PROFILE = 'https://ns.adobe.com/xdm/context/profile';
const PERSON_DETAILS = 'https://ns.adobe.com/xdm/mixins/b2b-person-details';

interface ClassHint {
  classes: readonly string[];
  /** a field group the schema must extend to be the right kind of profile */
  mixin?: string;
}

/** Salesforce object → XDM B2B class (and field group) of the template. */
export const B2B_CLASSES: Readonly<Record<string, ClassHint>> = {
  Contact: { classes: [PROFILE], mixin: PERSON_DETAILS },
  Lead: { classes: [PROFILE], mixin: PERSON_DETAILS },
  Account: { classes: ['https://ns.adobe.com/xdm/context/account'] },
  Opportunity: { classes: ['https://ns.adobe.com/xdm/context/opportunity'] },
  OpportunityContactRole: { classes: ['https://ns.adobe.com/xdm/classes/opportunity-person'] },
  Campaign: { classes: ['https://ns.adobe.com/xdm/classes/campaign', 'https://ns.adobe.com/xdm/context/campaign'] },
  CampaignMember: { classes: ['https://ns.adobe.com/xdm/context/campaign-member'] },
  AccountContactRelation: { classes: ['https://ns.adobe.com/xdm/classes/account-person'] },
};

/** The template's key object of each entity → its B2B identity namespace (reference/aep.md §4.3). */
export const KEY_NAMESPACES: Readonly<Record<string, string>> = {
  'b2b.personKey': 'b2b_person',
  accountKey: 'b2b_account',
  opportunityKey: 'b2b_opportunity',
  opportunityPersonKey: 'b2b_opportunity_person_relation',
  campaignKey: 'b2b_campaign',
  campaignMemberKey: 'b2b_campaign_member',
  accountPersonKey: 'b2b_account_person_relation',
};

/** The object's own key path in the template (`b2b.personKey.sourceKey`), if it has one. */
export function entityKeyPath(object: string): string | undefined {
  for (const p of templateProposals(object).values()) {
    if (p.field === 'Id' && p.kind === 'expression' && p.target.endsWith('.sourceKey')) return p.target;
  }
  return undefined;
}

export interface SchemaCandidate {
  /** absolute path */
  file: string;
  schema: XdmSchema;
  score: number;
  /** datasets of crmflow.yaml whose schema is this file */
  datasets: string[];
}

function extendsOf(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const json = JSON.parse(text) as { 'meta:extends'?: unknown };
    return Array.isArray(json['meta:extends']) ? json['meta:extends'].filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Schema files the project knows: its datasets' schemas and `schemas/*.schema.json`. */
export function projectSchemaFiles(ws: Workspace, project: ProjectInfo): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const ds of project.model.datasets.values()) {
    if (!ds.schema) continue;
    const abs = path.resolve(project.root, ds.schema.value);
    files.set(abs, [...(files.get(abs) ?? []), ds.name]);
  }
  const dir = path.join(project.root, 'schemas');
  for (const e of ws.files.listFiles?.(dir) ?? []) {
    if (!e.isDirectory && e.name.endsWith('.schema.json')) {
      const abs = path.join(dir, e.name);
      if (!files.has(abs)) files.set(abs, []);
    }
  }
  return files;
}

/** Every loadable schema of the project, scored for `object` (label words help for custom objects), best first. */
export function rankSchemas(ws: Workspace, project: ProjectInfo, object: string, label = object): SchemaCandidate[] {
  const hint = B2B_CLASSES[object];
  const key = entityKeyPath(object);
  const words = new Set([...splitWords(object), ...splitWords(label)].filter((w) => w.length > 2));
  const out: SchemaCandidate[] = [];
  for (const [file, datasets] of projectSchemaFiles(ws, project)) {
    const info = ws.schema(file);
    const schema = info.schema;
    if (!schema) continue;
    let score = 0;
    if (hint && schema.metaClass && hint.classes.includes(schema.metaClass)) {
      score += 4;
      if (hint.mixin) score += extendsOf(info.text).includes(hint.mixin) ? 2 : -3;
    }
    if (key && schema.has(key)) score += 3;
    const named = new Set([...splitWords(schema.title), ...splitWords(path.basename(file, '.schema.json'))]);
    if ([...words].some((w) => named.has(w) || named.has(`${w}s`))) score += 1;
    if (score > 0) out.push({ file, schema, score, datasets });
  }
  return out.sort((a, b) => b.score - a.score || (a.file < b.file ? -1 : 1));
}
