/** The fields of one cached object describe, as plain data for the tree and other clients. */
import type { DescribeObjectResult, FieldInfo } from '../../../shared/protocol';
import { fieldTypeLabel } from '../../salesforce/describeIndex';
import type { FieldDescribe } from '../../salesforce/describeTypes';
import type { Workspace } from '../../workspace/workspace';
import { objectInfo } from './objects';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function fieldInfo(f: FieldDescribe): FieldInfo {
  return {
    name: f.name,
    label: typeof f.label === 'string' ? f.label : f.name,
    type: String(f.type),
    typeLabel: fieldTypeLabel(f),
    length: num(f.length),
    precision: num(f.precision),
    scale: num(f.scale),
    nillable: f.nillable === true,
    unique: f.unique === true,
    externalId: f.externalId === true,
    custom: f.custom === true,
    calculated: f.calculated === true,
    picklistValues: (Array.isArray(f.picklistValues) ? f.picklistValues : [])
      .filter((p) => p && typeof p.value === 'string')
      .map((p) => ({ value: p.value, label: typeof p.label === 'string' ? p.label : p.value, active: p.active !== false, defaultValue: p.defaultValue === true })),
    referenceTo: (Array.isArray(f.referenceTo) ? f.referenceTo : []).filter((r): r is string => typeof r === 'string'),
    relationshipName: str(f.relationshipName),
    inlineHelpText: str(f.inlineHelpText),
  };
}

/** Fields in describe order (Salesforce lists Id first, then standard, then custom fields). */
export function describeObject(ws: Workspace, root: string, connection: string, object: string): DescribeObjectResult | null {
  const idx = ws.describe(root, connection, object);
  const info = objectInfo(ws, root, connection, object);
  if (!idx || !info) return null;
  return { object: info, fields: [...idx.fields.values()].map(fieldInfo) };
}
