/**
 * A deterministic, realistic-looking large XDM schema for benchmarks and tests:
 * `pathCount` leaf paths under a tenant object, `_bench.section<s>.block<b>.field<f>`,
 * with mixed XDM types and formats, sections defined in `definitions` and reached by
 * `$ref`, and every fifth block an array of objects.
 */

const FIELDS_PER_BLOCK = 10;
const BLOCKS_PER_SECTION = 10;

type LeafSchema = Record<string, unknown>;

/** The leaf kinds cycled through, so every run mixes the same types and formats. */
const LEAF_KINDS: readonly ((title: string) => LeafSchema)[] = [
  (title) => ({ type: 'string', 'meta:xdmType': 'string', title, description: `${title} text.` }),
  (title) => ({ type: 'string', format: 'date', 'meta:xdmType': 'date', title }),
  (title) => ({ type: 'string', format: 'date-time', 'meta:xdmType': 'date-time', title }),
  (title) => ({ type: 'string', format: 'email', 'meta:xdmType': 'string', title }),
  (title) => ({ type: 'number', 'meta:xdmType': 'number', title, minimum: 0 }),
  (title) => ({ type: 'integer', 'meta:xdmType': 'int', title, minimum: -2147483648, maximum: 2147483647 }),
  (title) => ({ type: 'integer', 'meta:xdmType': 'long', title }),
  (title) => ({ type: 'boolean', 'meta:xdmType': 'boolean', title }),
  (title) => ({ type: 'string', 'meta:xdmType': 'string', title, enum: ['new', 'active', 'closed'], 'meta:enum': { new: 'New', active: 'Active', closed: 'Closed' } }),
  (title) => ({ type: 'string', 'meta:xdmType': 'string', title, pattern: '^[A-Z]{3}$' }),
  (title) => ({ type: 'string', format: 'uri', 'meta:xdmType': 'string', title }),
  (title) => ({ type: 'string', 'meta:xdmType': 'string', title, maxLength: 255 }),
];

/** Schema JSON text with exactly `pathCount` (at least 1) leaf paths. */
export function generateLargeSchema(pathCount: number): string {
  const leaves = Math.max(1, Math.floor(pathCount));
  const blockCount = Math.ceil(leaves / FIELDS_PER_BLOCK);
  const sectionCount = Math.ceil(blockCount / BLOCKS_PER_SECTION);
  const definitions: Record<string, unknown> = {};
  const sectionRefs: Record<string, unknown> = {};
  let leafIndex = 0;
  for (let s = 0; s < sectionCount; s++) {
    const blocks: Record<string, unknown> = {};
    for (let b = 0; b < BLOCKS_PER_SECTION && leafIndex < leaves; b++) {
      const fields: Record<string, unknown> = {};
      for (let f = 0; f < FIELDS_PER_BLOCK && leafIndex < leaves; f++, leafIndex++) {
        fields[`field${f}`] = LEAF_KINDS[leafIndex % LEAF_KINDS.length]!(`Field ${s}.${b}.${f}`);
      }
      const body = { type: 'object', 'meta:xdmType': 'object', properties: fields, required: ['field0'] };
      const blockNumber = s * BLOCKS_PER_SECTION + b;
      blocks[`block${b}`] = blockNumber % 5 === 4
        ? { type: 'array', 'meta:xdmType': 'array', title: `Block ${s}.${b} items`, items: body }
        : { ...body, title: `Block ${s}.${b}` };
    }
    definitions[`section${s}`] = {
      type: 'object', 'meta:xdmType': 'object', title: `Section ${s}`, properties: blocks, required: ['block0'],
    };
    sectionRefs[`section${s}`] = { $ref: `#/definitions/section${s}`, description: `Generated section ${s}.` };
  }
  const schema = {
    $id: `https://ns.adobe.com/bench/schemas/generated-${leaves}`,
    $schema: 'http://json-schema.org/draft-06/schema#',
    title: `Generated schema (${leaves} paths)`,
    type: 'object',
    'meta:xdmType': 'object',
    'meta:class': 'https://ns.adobe.com/xdm/context/profile',
    version: '1.0',
    definitions,
    properties: {
      _bench: { type: 'object', 'meta:xdmType': 'object', title: 'Bench tenant fields', properties: sectionRefs },
    },
    required: ['_bench'],
  };
  return JSON.stringify(schema, null, 2);
}
