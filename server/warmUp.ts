/**
 * A small synthetic workspace the server checks a few times at start-up, so the first real
 * file opened does not pay for compiling the YAML parser, the schema loader, the describe
 * index, ajv validators, expressions and checks in the JIT. Paths are virtual: nothing is
 * read from or written to disk.
 */
import * as path from 'node:path';
import { generateLargeSchema } from './xdm/generate';
import { loadXdmSchema } from './xdm/load';

export interface WarmUpWorkload {
  files: ReadonlyMap<string, string>;
  dataflowPath: string;
  text: string;
}

const ROOT = path.resolve('/crmflow-warm-up');
const TYPES = ['string', 'double', 'boolean', 'date', 'datetime', 'picklist', 'email', 'int', 'reference', 'currency'] as const;

export function warmUpWorkload(mappings = 300): WarmUpWorkload {
  const files = new Map<string, string>();
  files.set(path.join(ROOT, 'crmflow.yaml'), 'version: 1\nconnections:\n  warm:\n    kind: emulator\n');
  const fields = Array.from({ length: 120 }, (_, i) => {
    const type = TYPES[i % TYPES.length];
    return {
      name: `F${i}__c`, label: `F ${i}`, type, length: 80, precision: 18, scale: 2, nillable: true, custom: true,
      picklistValues: type === 'picklist' ? [{ active: true, defaultValue: false, label: 'A', value: 'A' }] : [],
      referenceTo: type === 'reference' ? ['Warm__c'] : [], relationshipName: type === 'reference' ? `R${i}__r` : null,
    };
  });
  files.set(path.join(ROOT, '.crmflow', 'metadata', 'warm', 'Warm__c.json'), JSON.stringify({ name: 'Warm__c', label: 'Warm', labelPlural: 'Warm', keyPrefix: 'a01', custom: true, queryable: true, fields: [{ name: 'Id', label: 'Id', type: 'id', length: 18, precision: 0, scale: 0, nillable: false, custom: false, picklistValues: [], referenceTo: [], relationshipName: null }, ...fields] }));
  const schemaText = generateLargeSchema(300);
  files.set(path.join(ROOT, 'warm.schema.json'), schemaText);
  const leaves = loadXdmSchema(schemaText).schema?.leaves() ?? [];
  let text = 'dataflow: Warm-up\nsource:\n  connection: warm\n  object: Warm__c\ntarget:\n  schema: ../warm.schema.json\nidentities:\n  - path: _bench.x\n    namespace: Email\n    primary: true\nmappings:\n';
  for (let i = 0; i < mappings; i++) {
    const target = leaves[i % Math.max(1, leaves.length)]?.path ?? `a.b${i}`;
    const f = `F${i % 120}__c`;
    text += i % 3 === 0 ? `  - expression: iif(${f} != null, concat(upper(trim(${f})), "@\${CRM_ORG_ID}"), null)\n    target: ${target}\n`
      : i % 3 === 1 ? `  - source: ${i % 7 === 0 ? `R8__r.${f}` : f}\n    target: ${target}\n`
      : `  - value: v${i}\n    target: ${target}\n`;
  }
  return { files, dataflowPath: path.join(ROOT, 'dataflows', 'warm.dataflow.yaml'), text };
}
