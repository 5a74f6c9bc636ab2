/**
 * The benchmark workload: a workspace with an 800-field object in the describe cache,
 * a 3,000-path XDM schema and a dataflow with 1,000 mappings over them (mostly valid,
 * a mix of ATTRIBUTE, EXPRESSION and STATIC). Deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateLargeSchema } from '../server/xdm/generate';
import { loadXdmSchema } from '../server/xdm/load';
import type { XdmField } from '../server/xdm/schema';

const SF_TYPES = ['string', 'double', 'boolean', 'date', 'datetime', 'picklist', 'email', 'int', 'textarea', 'currency'] as const;

export interface Workload {
  root: string;
  dataflowFile: string;
  dataflowText: string;
  mappingCount: number;
}

function describeField(i: number) {
  const type = SF_TYPES[i % SF_TYPES.length];
  return {
    name: `Field${i}__c`, label: `Field ${i}`, type, length: type === 'string' || type === 'textarea' || type === 'email' ? 255 : 0,
    precision: type === 'double' || type === 'currency' ? 18 : 0, scale: type === 'currency' ? 2 : 0, nillable: true, custom: true,
    picklistValues: type === 'picklist' ? [{ active: true, defaultValue: false, label: 'A', value: 'A' }] : [], referenceTo: [], relationshipName: null,
  };
}

/** Which Salesforce type fits which XDM leaf, so the generated mappings are valid. */
function fieldFor(target: XdmField, i: number): string {
  const want = target.xdmType === 'boolean' ? 'boolean'
    : target.xdmType === 'date' || target.format === 'date' ? 'date'
    : target.xdmType === 'date-time' || target.format === 'date-time' ? 'datetime'
    : ['number', 'long', 'int', 'integer', 'short', 'byte'].includes(target.xdmType) ? 'int'
    : target.format === 'email' ? 'email' : 'string';
  const base = SF_TYPES.indexOf(want as (typeof SF_TYPES)[number]);
  const slot = (i * 7) % 80;
  return `Field${slot * SF_TYPES.length + base}__c`;
}

export function writeWorkload(root: string, mappings = 1000, fields = 800, paths = 3000): Workload {
  mkdirSync(path.join(root, '.crmflow', 'metadata', 'bench'), { recursive: true });
  mkdirSync(path.join(root, 'schemas'), { recursive: true });
  mkdirSync(path.join(root, 'dataflows'), { recursive: true });
  writeFileSync(path.join(root, 'crmflow.yaml'), 'version: 1\nconnections:\n  bench:\n    kind: emulator\n');
  const describe = { name: 'Big__c', label: 'Big', labelPlural: 'Bigs', keyPrefix: 'a00', custom: true, queryable: true, fields: [{ name: 'Id', label: 'Record ID', type: 'id', length: 18, precision: 0, scale: 0, nillable: false, custom: false, picklistValues: [], referenceTo: [], relationshipName: null }, ...Array.from({ length: fields - 1 }, (_, i) => describeField(i))] };
  writeFileSync(path.join(root, '.crmflow', 'metadata', 'bench', 'Big__c.json'), JSON.stringify(describe, null, 2));
  const schemaText = generateLargeSchema(paths);
  writeFileSync(path.join(root, 'schemas', 'big.schema.json'), schemaText);
  const schema = loadXdmSchema(schemaText).schema!;
  const leaves = schema.leaves().filter((f) => !f.inArray && f.xdmType !== 'object' && f.xdmType !== 'map' && f.xdmType !== 'array' && !f.enum && !f.pattern);
  let text = 'dataflow: Bench\nsource:\n  connection: bench\n  object: Big__c\ntarget:\n  dataset: Bench\n  schema: ../schemas/big.schema.json\nmappings:\n';
  for (let i = 0; i < mappings; i++) {
    const t = leaves[i % leaves.length];
    const f = fieldFor(t, i);
    if (i % 10 === 3 && t.xdmType === 'string' && !t.format) text += `  - expression: concat(upper(trim(${f})), "@\${CRM_ORG_ID}.Salesforce")\n    target: ${t.path}\n`;
    else if (i % 10 === 7 && t.xdmType === 'string' && !t.format) text += `  - value: constant ${i}\n    target: ${t.path}\n`;
    else text += `  - source: ${f}\n    target: ${t.path}\n`;
  }
  const dataflowFile = path.join(root, 'dataflows', 'bench.dataflow.yaml');
  writeFileSync(dataflowFile, text);
  return { root, dataflowFile, dataflowText: text, mappingCount: mappings };
}
