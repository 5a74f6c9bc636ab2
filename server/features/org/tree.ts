/**
 * The org tree as plain nodes: connections → standard/custom groups → objects → fields,
 * and reference fields → the referenced object's fields (as relationship paths, the way
 * a mapping's `source:` writes them). Built lazily one level per request from the
 * describe cache, so an org of any size opens at once. Ids derive from kind + connection
 * + object + field path only, so the client keeps expansion across refreshes.
 */
import type { ConnectionInfo, ConnectionRef, FieldInfo, ObjectInfo, OrgNodeRef, OrgTreeNode, OrgTreeParams } from '../../../shared/protocol';
import type { Workspace } from '../../workspace/workspace';
import { listConnections } from './connections';
import { fieldInfo } from './fields';
import { resolveConnection } from './location';
import { listObjects } from './objects';

/** SOQL follows at most five child-to-parent relationships. */
export const MAX_RELATIONSHIP_DEPTH = 5;
const PICKLIST_SHOWN = 20;

export interface OrgTreeEnv {
  isConnected(project: string, name: string): boolean;
}

/** `kind|project|connection|object|path`: the parts that name the node, nothing that describes it. */
export function nodeId(ref: OrgNodeRef): string {
  const parts: string[] = [ref.kind, ref.connection?.project ?? '', ref.connection?.name ?? ''];
  if (ref.kind === 'group') parts.push(ref.group ?? '');
  if (ref.kind === 'object') parts.push(ref.object ?? '');
  if (ref.kind === 'field') parts.push(ref.rootObject ?? '', (ref.path ?? []).join('.'));
  if (ref.kind === 'message') parts.push(ref.object ?? '', (ref.path ?? []).join('.'));
  return parts.join('|');
}

/** Case-insensitive substring of the API name or the label; an empty filter matches everything. */
export function matchesFilter(o: Pick<ObjectInfo, 'name' | 'label'>, filter: string | undefined): boolean {
  const f = (filter ?? '').trim().toLowerCase();
  if (!f) return true;
  return o.name.toLowerCase().includes(f) || o.label.toLowerCase().includes(f);
}

const FIELD_ICONS: Readonly<Record<string, string>> = {
  id: 'key', reference: 'references',
  string: 'symbol-string', textarea: 'symbol-text', encryptedstring: 'lock', email: 'mail', phone: 'device-mobile', url: 'link',
  picklist: 'list-selection', multipicklist: 'checklist', combobox: 'list-selection',
  boolean: 'symbol-boolean',
  int: 'symbol-number', long: 'symbol-number', double: 'symbol-number', percent: 'symbol-number', currency: 'symbol-number',
  date: 'calendar', datetime: 'calendar', time: 'watch',
  address: 'location', location: 'location', base64: 'file-binary',
};

/** A codicon per Salesforce field type. */
export function fieldIcon(type: string): string {
  return FIELD_ICONS[type] ?? 'symbol-field';
}

/** Escapes text for a Markdown tooltip (labels and help text are org data, not markup). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function fieldTooltip(f: FieldInfo, owner: string, apiName: string): string {
  const lines = [`**${escapeMarkdown(f.label)}** — \`${apiName}\` on ${escapeMarkdown(owner)}`, '', `Type: \`${f.typeLabel}\`${f.custom ? ' · custom' : ''}${f.calculated ? ' · formula' : ''}`];
  lines.push(`Nillable: ${yesNo(f.nillable)} · Unique: ${yesNo(f.unique)} · External ID: ${yesNo(f.externalId)}`);
  if (f.referenceTo.length) lines.push(`References: ${f.referenceTo.map(escapeMarkdown).join(', ')}${f.relationshipName ? ` (relationship \`${f.relationshipName}\`)` : ''}`);
  const active = f.picklistValues.filter((p) => p.active);
  if (active.length) {
    const shown = active.slice(0, PICKLIST_SHOWN).map((p) => `\`${p.value}\`${p.defaultValue ? ' (default)' : ''}`);
    lines.push(`Picklist values: ${shown.join(', ')}${active.length > PICKLIST_SHOWN ? ` … and ${active.length - PICKLIST_SHOWN} more` : ''}`);
  }
  if (f.inlineHelpText) lines.push('', `> ${escapeMarkdown(f.inlineHelpText).replace(/\n/g, '\n> ')}`);
  // two trailing spaces: Markdown line breaks between the property lines
  return lines.join('  \n');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function node(ref: OrgNodeRef, fields: Omit<OrgTreeNode, 'id' | 'ref' | 'contextValue'>): OrgTreeNode {
  return { id: nodeId(ref), ref, contextValue: ref.kind, ...fields };
}

function message(connection: ConnectionRef, scope: string, label: string, tooltip?: string, action?: 'refreshMetadata'): OrgTreeNode {
  const ref: OrgNodeRef = { kind: 'message', connection };
  if (scope) ref.object = scope;
  const n = node(ref, { label, icon: action ? 'cloud-download' : 'info', collapsible: false });
  if (tooltip) n.tooltip = tooltip;
  if (action) n.action = action;
  return n;
}

function connectionNode(c: ConnectionInfo): OrgTreeNode {
  const ref: OrgNodeRef = { kind: 'connection', connection: { project: c.project, name: c.name } };
  const state = c.problem ? 'invalid' : c.connected ? 'connected' : c.hasMetadata ? `${c.objectCount} objects cached` : 'no metadata cached';
  const tooltip = [
    `**${escapeMarkdown(c.name)}** (${escapeMarkdown(c.kind)})`, '',
    `Login URL: ${escapeMarkdown(c.loginUrl)}`,
    ...(c.username ? [`User: ${escapeMarkdown(c.username)}`] : []),
    `API version: ${escapeMarkdown(c.apiVersion)}`,
    `Describe cache: ${c.objectCount} objects`,
    `Session: ${c.connected ? 'connected' : 'not connected'}`,
    ...(c.problem ? ['', `⚠ ${escapeMarkdown(c.problem)}`] : []),
  ].join('  \n');
  return node(ref, {
    label: c.name,
    description: `${c.kind} · ${hostOf(c.loginUrl)} · ${state}`,
    tooltip,
    icon: c.problem ? 'warning' : c.connected ? 'vm-connect' : 'plug',
    collapsible: true,
  });
}

function groupNode(connection: ConnectionRef, group: 'standard' | 'custom', count: number): OrgTreeNode {
  return node({ kind: 'group', connection, group }, {
    label: group === 'standard' ? 'Standard objects' : 'Custom objects',
    description: String(count),
    icon: group === 'standard' ? 'symbol-namespace' : 'symbol-module',
    collapsible: true,
  });
}

function objectNode(connection: ConnectionRef, o: ObjectInfo): OrgTreeNode {
  const flags = [o.custom ? 'custom object' : 'standard object', o.queryable ? 'queryable' : 'not queryable', o.hasDescribe ? 'fields cached' : 'fields not cached — Refresh to fetch them'];
  return node({ kind: 'object', connection, object: o.name }, {
    label: o.name,
    description: o.queryable ? o.label : `${o.label} (not queryable)`,
    tooltip: `**${escapeMarkdown(o.label)}** — \`${o.name}\` (${escapeMarkdown(o.labelPlural)})  \n${flags.join(' · ')}`,
    icon: !o.queryable ? 'circle-slash' : o.custom ? 'symbol-interface' : 'symbol-class',
    collapsible: true,
    apiName: o.name,
  });
}

/** Nodes for the fields of `owner`, reached from `rootObject` through `relationships`. */
export function fieldNodes(connection: ConnectionRef, rootObject: string, relationships: readonly string[], owner: string, fields: readonly FieldInfo[]): OrgTreeNode[] {
  return fields.map((f) => {
    const path = [...relationships, f.name];
    const apiName = path.join('.');
    const expandable = f.type === 'reference' && f.relationshipName !== null && f.referenceTo.length > 0 && relationships.length < MAX_RELATIONSHIP_DEPTH;
    return node({ kind: 'field', connection, rootObject, object: owner, path }, {
      label: f.name,
      description: `${f.label} · ${f.typeLabel}`,
      tooltip: fieldTooltip(f, owner, apiName),
      icon: fieldIcon(f.type),
      collapsible: expandable,
      apiName,
    });
  });
}

function childrenOfConnection(ws: Workspace, connection: ConnectionRef, root: string, params: OrgTreeParams): OrgTreeNode[] {
  const list = listObjects(ws, root, connection.name, { includeNonQueryable: params.includeNonQueryable === true });
  if (!list.cached) {
    return [message(connection, '', 'No metadata cached yet — click to describe the org', `Describes the org into .crmflow/metadata/${escapeMarkdown(connection.name)}/ (the CLI: \`crmflow snapshot ${connection.name}\`).`, 'refreshMetadata')];
  }
  const shown = list.objects.filter((o) => matchesFilter(o, params.filter));
  if (shown.length === 0) return [message(connection, '', params.filter ? `No object matches '${params.filter}'` : 'No queryable objects in the cache')];
  const standard = shown.filter((o) => !o.custom).length;
  const custom = shown.length - standard;
  return [...(standard ? [groupNode(connection, 'standard', standard)] : []), ...(custom ? [groupNode(connection, 'custom', custom)] : [])];
}

function childrenOfGroup(ws: Workspace, connection: ConnectionRef, root: string, parent: OrgNodeRef, params: OrgTreeParams): OrgTreeNode[] {
  const custom = parent.group === 'custom';
  return listObjects(ws, root, connection.name, { includeNonQueryable: params.includeNonQueryable === true })
    .objects.filter((o) => o.custom === custom && matchesFilter(o, params.filter))
    .map((o) => objectNode(connection, o));
}

function notCached(connection: ConnectionRef, object: string): OrgTreeNode[] {
  return [message(connection, object, `${object} is not in the describe cache — click to fetch it`, undefined, 'refreshMetadata')];
}

function childrenOfObject(ws: Workspace, connection: ConnectionRef, root: string, object: string): OrgTreeNode[] {
  const idx = ws.describe(root, connection.name, object);
  if (!idx) return notCached(connection, object);
  return fieldNodes(connection, object, [], object, [...idx.fields.values()].map(fieldInfo));
}

function childrenOfField(ws: Workspace, connection: ConnectionRef, root: string, parent: OrgNodeRef): OrgTreeNode[] {
  const owner = parent.object ? ws.describe(root, connection.name, parent.object) : undefined;
  const path = parent.path ?? [];
  const field = owner?.field(path[path.length - 1] ?? '');
  if (!field || field.type !== 'reference' || !field.relationshipName) return [];
  const targets = (field.referenceTo ?? []).filter((t) => typeof t === 'string');
  // a polymorphic lookup resolves through the first target whose describe is cached, as the checks do
  const target = targets.find((t) => ws.describe(root, connection.name, t));
  if (!target) return notCached(connection, targets[0] ?? field.name);
  const relationships = [...path.slice(0, -1), field.relationshipName];
  const idx = ws.describe(root, connection.name, target)!;
  return fieldNodes(connection, parent.rootObject ?? parent.object ?? '', relationships, target, [...idx.fields.values()].map(fieldInfo));
}

/** The children of `params.parent` (the connections of every folder at the root); never throws on odd input. */
export function orgTreeChildren(ws: Workspace, params: OrgTreeParams, env: OrgTreeEnv): OrgTreeNode[] {
  const parent = params?.parent;
  if (!parent) return listConnections(ws, params?.folders ?? [], env.isConnected).map(connectionNode);
  if (!parent.connection) return [];
  const resolved = resolveConnection(ws, parent.connection);
  const children = resolved.ok ? childrenOf(ws, parent, resolved.value.ref, resolved.value.project.root, params) : [message(parent.connection, '', resolved.message)];
  // the same message can appear under several parents (an object, and every lookup to it): its id names the parent
  const parentId = nodeId(parent);
  for (const c of children) if (c.contextValue === 'message') c.id = `${c.id}|${parentId}`;
  return children;
}

function childrenOf(ws: Workspace, parent: OrgNodeRef, connection: ConnectionRef, root: string, params: OrgTreeParams): OrgTreeNode[] {
  switch (parent.kind) {
    case 'connection': return childrenOfConnection(ws, connection, root, params);
    case 'group': return childrenOfGroup(ws, connection, root, parent, params);
    case 'object': return parent.object ? childrenOfObject(ws, connection, root, parent.object) : [];
    case 'field': return childrenOfField(ws, connection, root, parent);
    default: return [];
  }
}
