/**
 * What "Preview records" selects and how the rows are shown: for an object, its Id and
 * the fields a table can show (no compound or binary fields), capped so the query stays
 * small; for a dataflow, the fields its mappings read. Values become display text.
 */
import type { DataflowModel } from '../../dataflow/model';
import { resolveFieldPath, type DescribeLookup, type SObjectIndex } from '../../salesforce/describeIndex';

export const PREVIEW_LIMIT = 50;
const MAX_COLUMNS = 30;
/** Not selectable one by one in a table-friendly way (compound), or too large to show. */
const UNSHOWN_TYPES = new Set(['address', 'location', 'base64', 'complexvalue', 'anyType', 'json']);

/** Columns for an object: Id, Name-like fields, then the rest in describe order. */
export function objectPreviewFields(describe: SObjectIndex): string[] {
  const shown = [...describe.fields.values()].filter((f) => !UNSHOWN_TYPES.has(String(f.type)));
  const first = shown.filter((f) => f.name === 'Id' || f.nameField === true || f.name === 'Name');
  const rest = shown.filter((f) => !first.includes(f));
  return [...first, ...rest].slice(0, MAX_COLUMNS).map((f) => f.name);
}

/** Columns for a dataflow: Id, then every mapped source field that resolves in the describe, in mapping order. */
export function dataflowPreviewFields(model: DataflowModel, describe: SObjectIndex, lookup: DescribeLookup): string[] {
  const out = describe.field('Id') ? ['Id'] : [];
  for (const m of model.mappings) {
    const src = m.kind === 'ATTRIBUTE' ? m.source?.value : undefined;
    if (!src || out.includes(src) || out.length >= MAX_COLUMNS) continue;
    const r = resolveFieldPath(describe, src.split('.'), lookup);
    if (r.ok && !UNSHOWN_TYPES.has(String(r.resolved.field.type))) out.push(src);
  }
  return out.length > 1 ? out : objectPreviewFields(describe);
}

/** A cell as text: '' for null, JSON for nested values. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function previewRows(records: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): string[][] {
  return records.map((r) => columns.map((c) => cellText(r[c])));
}
