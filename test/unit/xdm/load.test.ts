import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadXdmSchema } from '../../../server/xdm/load';
import type { XdmSchema } from '../../../server/xdm/schema';

const EXAMPLES = path.resolve(__dirname, '../../../examples/schemas');
const personText = readFileSync(path.join(EXAMPLES, 'b2b-person.schema.json'), 'utf8');
const accountText = readFileSync(path.join(EXAMPLES, 'b2b-account.schema.json'), 'utf8');

function load(text: string): { schema: XdmSchema; reasons: string[] } {
  const { schema, problems } = loadXdmSchema(text);
  assert.ok(schema, `expected a schema, got ${JSON.stringify(problems)}`);
  return { schema, reasons: problems.map((p) => String(p.data?.reason)) };
}

function obj(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'object', properties, ...extra };
}

const str = { type: 'string' };

function spanText(text: string, span: { start: number; end: number } | undefined): string {
  assert.ok(span, 'expected a span');
  return text.slice(span.start, span.end);
}

test('b2b-person example: identity, counts and the template paths', () => {
  const { schema, reasons } = load(personText);
  assert.deepEqual(reasons, []);
  assert.equal(schema.id, 'https://ns.adobe.com/acme/schemas/b2b-person');
  assert.equal(schema.title, 'B2B Person');
  assert.equal(schema.version, '1.0');
  assert.equal(schema.metaClass, 'https://ns.adobe.com/xdm/context/profile');
  assert.equal(schema.fields.size, 129);
  assert.equal(schema.leaves().length, 102);
  const expectLeaf = (p: string, xdmType: string, format?: string): void => {
    const field = schema.get(p);
    assert.ok(field, `missing ${p}`);
    assert.equal(field.xdmType, xdmType, p);
    assert.equal(field.format, format, p);
    assert.equal(field.isLeaf, true, p);
  };
  for (const p of [
    '_id', 'b2b.personKey.sourceType', 'b2b.personKey.sourceInstanceID', 'b2b.personKey.sourceID', 'b2b.personKey.sourceKey',
    'b2b.accountKey.sourceKey', 'b2b.personSource', 'b2b.personStatus', 'b2b.companyName', 'b2b.companyWebsite',
    'person.name.firstName', 'person.name.lastName', 'person.name.middleName', 'person.name.fullName', 'person.name.courtesyTitle',
    'person.name.suffix', 'workPhone.number', 'mobilePhone.number', 'homePhone.number', 'otherPhone.number', 'faxPhone.number',
    'workAddress.street1', 'workAddress.city', 'workAddress.state', 'workAddress.postalCode', 'workAddress.country',
    'otherAddress.street1', 'otherAddress.country', 'extendedWorkDetails.jobTitle', 'extendedWorkDetails.departments',
    'extendedWorkDetails.reportsToID', 'extendedWorkDetails.assistantDetails.name.fullName',
    'extendedWorkDetails.assistantDetails.phone.number', 'personComponents.sourcePersonKey.sourceKey',
    'personComponents.sourceAccountKey.sourceKey', 'personComponents.personSource', 'personComponents.personStatus',
    'extSourceSystemAudit.createdBy', 'extSourceSystemAudit.lastUpdatedBy', 'extSourceSystemAudit.externalKey.sourceKey',
  ]) expectLeaf(p, 'string');
  expectLeaf('person.birthDate', 'date', 'date');
  expectLeaf('workEmail.address', 'string', 'email');
  expectLeaf('personComponents.workEmail.address', 'string', 'email');
  expectLeaf('b2b.isConverted', 'boolean');
  expectLeaf('b2b.convertedDate', 'date-time', 'date-time');
  expectLeaf('isDeleted', 'boolean');
  expectLeaf('workAddress._schema.latitude', 'number');
  expectLeaf('otherAddress._schema.longitude', 'number');
  for (const audit of ['createdDate', 'lastUpdatedDate', 'lastActivityDate', 'lastViewedDate', 'lastReferencedDate']) {
    expectLeaf(`extSourceSystemAudit.${audit}`, 'date-time', 'date-time');
  }
  const identityMap = schema.get('identityMap')!;
  assert.equal(identityMap.xdmType, 'map');
  assert.equal(identityMap.isLeaf, true);
  assert.equal(schema.get('workAddress._schema.latitude')!.maximum, 90);
  assert.equal(schema.get('person.name.firstName')!.title, 'First Name');
  // A property's own title wins over its datatype's.
  assert.equal(schema.get('b2b.personKey')!.title, 'B2B Person Key');
  assert.equal(schema.get('extSourceSystemAudit.externalKey')!.title, 'External Key');
  assert.deepEqual(schema.requiredPaths(), ['_id', 'b2b.personKey.sourceKey']);
});

test('b2b-account example: the template paths with types, pattern and required key', () => {
  const { schema, reasons } = load(accountText);
  assert.deepEqual(reasons, []);
  assert.equal(schema.fields.size, 80);
  assert.equal(schema.leaves().length, 68);
  for (const p of [
    'accountKey.sourceType', 'accountKey.sourceInstanceID', 'accountKey.sourceID', 'accountName', 'accountNumber',
    'accountSourceType', 'accountType', 'accountDescription', 'accountSite', 'accountOwnership', 'accountTradeStyle',
    'accountPhone.number', 'accountFax.number', 'accountOrganization.industry', 'accountOrganization.tickerSymbol',
    'accountOrganization.SICCode', 'accountOrganization.SICDescription', 'accountOrganization.NAICSCode',
    'accountOrganization.NAICSDescription', 'accountOrganization.DUNSNumber', 'accountOrganization.jigsaw',
    'accountOrganization.website', 'accountBillingAddress.street1', 'accountBillingAddress.city', 'accountShippingAddress.postalCode',
    'accountParentKey.sourceKey', 'extSourceSystemAudit.createdBy', 'extSourceSystemAudit.externalKey.sourceKey',
  ]) assert.equal(schema.get(p)?.xdmType, 'string', p);
  assert.equal(schema.get('accountOrganization.annualRevenue.amount')?.xdmType, 'number');
  assert.equal(schema.get('accountOrganization.annualRevenue.currencyCode')?.pattern, '^[A-Z]{3}$');
  assert.equal(schema.get('accountOrganization.numberOfEmployees')?.xdmType, 'int');
  assert.equal(schema.get('accountOrganization.numberOfEmployees')?.jsonType, 'integer');
  assert.equal(schema.get('accountOrganization.rating')?.xdmType, 'number');
  assert.equal(schema.get('extSourceSystemAudit.lastViewedDate')?.format, 'date-time');
  assert.equal(schema.get('isDeleted')?.xdmType, 'boolean');
  assert.equal(schema.get('accountKey.sourceKey')?.required, true);
  assert.equal(schema.get('accountParentKey.sourceKey')?.required, false);
  assert.deepEqual(schema.requiredPaths(), ['accountKey.sourceKey']);
});

test('definitionSpan points at the key that defines the field, through $ref', () => {
  const { schema } = load(personText);
  const firstName = schema.get('person.name.firstName')!;
  assert.equal(spanText(personText, firstName.definitionSpan), 'firstName');
  // Shared datatypes: both addresses point at the one definition inside postal-address.
  const work = schema.get('workAddress.city')!.definitionSpan!;
  const other = schema.get('otherAddress.city')!.definitionSpan!;
  assert.deepEqual(work, other);
  assert.ok(personText.slice(0, work.start).lastIndexOf('"postal-address"') > personText.slice(0, work.start).lastIndexOf('"person-name"'));
  assert.equal(spanText(personText, schema.get('workAddress')!.definitionSpan), 'workAddress');
  const componentsSpan = schema.get('personComponents')!.definitionSpan!;
  assert.equal(personText.slice(componentsSpan.start - 1, componentsSpan.end + 1), '"personComponents"');
});

test('$ref into definitions and $defs, $ref by $id, and allOf merge properties and required', () => {
  const text = JSON.stringify({
    type: 'object',
    definitions: {
      key: { $id: 'https://example.com/key', type: 'object', title: 'Key', properties: { id: str, ns: str } },
    },
    $defs: { named: { type: 'object', properties: { first: str } } },
    allOf: [
      { properties: { a: { $ref: '#/definitions/key', title: 'A key' } }, required: ['a'] },
      { properties: { a: { properties: { extra: { type: 'number' } }, required: ['id'] } } },
      { $ref: '#/$defs/named' },
    ],
    properties: { b: { $ref: 'https://example.com/key' }, c: { $ref: 'https://example.com/key#/properties/ns' } },
  });
  const { schema, reasons } = load(text);
  assert.deepEqual(reasons, []);
  assert.deepEqual(schema.children('a').map((f) => f.path), ['a.id', 'a.ns', 'a.extra']);
  assert.equal(schema.get('a')!.title, 'A key');
  assert.equal(schema.get('b')!.title, 'Key');
  assert.equal(schema.get('a')!.required, true);
  assert.equal(schema.get('a.id')!.required, true);
  assert.equal(schema.get('a.extra')!.xdmType, 'number');
  assert.equal(schema.get('first')!.xdmType, 'string');
  assert.equal(schema.get('c')!.xdmType, 'string');
  assert.deepEqual(schema.requiredPaths(), ['a.id']);
});

test('cyclic $ref terminates, is reported at the $ref and keeps the field as an object', () => {
  const text = JSON.stringify({
    type: 'object',
    definitions: {
      node: obj({ label: str, child: { $ref: '#/definitions/node' } }),
      ping: obj({ pong: { $ref: '#/definitions/pong' } }),
      pong: obj({ ping: { $ref: '#/definitions/ping' } }),
    },
    properties: { tree: { $ref: '#/definitions/node' }, loop: { $ref: '#/definitions/ping' }, self: { $ref: '#' } },
  }, null, 2);
  const { schema, problems } = loadXdmSchema(text);
  assert.ok(schema);
  assert.deepEqual([...schema.fields.keys()], ['tree', 'tree.label', 'tree.child', 'loop', 'loop.pong', 'loop.pong.ping', 'self']);
  assert.equal(schema.get('tree.child')!.xdmType, 'object');
  assert.equal(schema.get('tree.child')!.isLeaf, true);
  const cyclic = problems.filter((p) => p.data?.reason === 'cyclic-ref');
  assert.equal(cyclic.length, 3);
  assert.ok(cyclic.every((p) => p.code === 'schema-invalid'));
  assert.deepEqual(cyclic.map((p) => text.slice(p.span.start, p.span.end)).sort(), ['"#"', '"#/definitions/node"', '"#/definitions/ping"']);
});

test('exponential $ref expansion stops at maxFields with a problem', () => {
  const definitions: Record<string, unknown> = { d30: str };
  for (let i = 0; i < 30; i++) definitions[`d${i}`] = obj({ left: { $ref: `#/definitions/d${i + 1}` }, right: { $ref: `#/definitions/d${i + 1}` } });
  const text = JSON.stringify({ type: 'object', definitions, properties: { root: { $ref: '#/definitions/d0' } } });
  const started = Date.now();
  const { schema, problems } = loadXdmSchema(text, { maxFields: 5000 });
  assert.ok(Date.now() - started < 5000);
  assert.ok(schema);
  assert.ok(schema.fields.size <= 5000);
  assert.ok(problems.some((p) => p.data?.reason === 'too-many-fields'));
});

test('arrays: item fields are indexed under the array path; lookups strip indices', () => {
  const { schema } = load(personText);
  const components = schema.get('personComponents')!;
  assert.equal(components.isArray, true);
  assert.equal(components.isLeaf, false);
  assert.equal(components.itemXdmType, 'object');
  assert.equal(components.jsonType, 'array');
  for (const p of ['personComponents[0].workEmail.address', 'personComponents[*].workEmail.address', 'personComponents[].workEmail.address']) {
    assert.equal(schema.get(p)?.path, 'personComponents.workEmail.address', p);
  }
  assert.equal(schema.get('personComponents.sourcePersonKey.sourceKey')!.inArray, true);
  assert.equal(schema.get('b2b.personKey.sourceKey')!.inArray, false);
  assert.deepEqual(schema.children('personComponents[0]').map((f) => f.name), schema.children('personComponents').map((f) => f.name));

  const text = JSON.stringify({
    type: 'object',
    properties: {
      tags: { type: 'array', items: str },
      matrix: { type: 'array', items: { type: 'array', items: obj({ cell: { type: 'integer' } }) } },
    },
  });
  const nested = load(text).schema;
  assert.equal(nested.get('tags')!.isLeaf, true);
  assert.equal(nested.get('tags')!.itemXdmType, 'string');
  assert.equal(nested.get('matrix')!.itemXdmType, 'array');
  assert.equal(nested.get('matrix[0][1].cell')!.xdmType, 'integer');
});

test('children() lists direct sub-fields in schema order; root is the empty path', () => {
  const { schema } = load(personText);
  assert.deepEqual(schema.children('person.name').map((f) => f.name), ['firstName', 'middleName', 'lastName', 'fullName', 'courtesyTitle', 'suffix']);
  assert.deepEqual(schema.children('').map((f) => f.name).slice(0, 4), ['_id', 'person', 'workEmail', 'workPhone']);
  assert.ok(schema.children('').some((f) => f.name === 'b2b'));
  assert.deepEqual(schema.children('b2b.personKey.sourceKey'), []);
  assert.deepEqual(schema.children('no.such.path'), []);
  assert.deepEqual(schema.children('identityMap'), []);
});

test('requiredPaths(): required all the way from the root, deepest only, never inside arrays', () => {
  const text = JSON.stringify(obj({
    id: str,
    optionalParent: obj({ mustHave: str }, { required: ['mustHave'] }),
    requiredParent: obj({ key: str, note: str }, { required: ['key'] }),
    requiredEmpty: obj({ note: str }),
    list: { type: 'array', items: obj({ itemKey: str }, { required: ['itemKey'] }) },
  }, { required: ['id', 'requiredParent', 'requiredEmpty', 'list'] }));
  const { schema } = load(text);
  assert.deepEqual(schema.requiredPaths(), ['id', 'requiredParent.key', 'requiredEmpty', 'list']);
  assert.equal(schema.get('optionalParent.mustHave')!.required, true);
  assert.equal(schema.get('list.itemKey')!.required, true);
});

test('types: meta:xdmType wins, else inferred from type and format', () => {
  const text = JSON.stringify(obj({
    count: { type: 'integer' },
    big: { type: 'integer', 'meta:xdmType': 'long' },
    small: { type: 'number', 'meta:xdmType': 'short' },
    when: { type: 'string', format: 'date-time' },
    day: { type: 'string', format: 'date' },
    site: { type: 'string', format: 'uri' },
    nullable: { type: ['null', 'boolean'] },
    bag: { type: 'object', additionalProperties: str },
    status: { type: 'string', enum: ['a', 'b'], 'meta:enum': { a: 'Alpha', b: 'Beta' }, minLength: 1, maxLength: 3 },
  }));
  const { schema, reasons } = load(text);
  assert.deepEqual(reasons, []);
  const types = Object.fromEntries([...schema.fields.values()].map((f) => [f.path, `${f.xdmType}/${f.jsonType}`]));
  assert.deepEqual(types, {
    count: 'integer/integer', big: 'long/integer', small: 'short/integer', when: 'date-time/string', day: 'date/string',
    site: 'string/string', nullable: 'boolean/boolean', bag: 'map/object', status: 'string/string',
  });
  const status = schema.get('status')!;
  assert.deepEqual(status.enum, ['a', 'b']);
  assert.deepEqual(status.metaEnum, { a: 'Alpha', b: 'Beta' });
  assert.equal(status.minLength, 1);
  assert.equal(status.maxLength, 3);
  assert.equal(schema.get('site')!.format, 'uri');
});

test('broken JSON is one problem with a span at the break, never a throw', () => {
  const text = '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" },\n  }\n}';
  const { schema, problems } = loadXdmSchema(text);
  assert.equal(schema, undefined);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, 'schema-invalid');
  assert.equal(problems[0]!.severity, 'error');
  assert.equal(text.slice(problems[0]!.span.start, problems[0]!.span.end), ',');
  assert.match(problems[0]!.message, /not valid JSON.*trailing comma/);
  const empty = loadXdmSchema('');
  assert.equal(empty.schema, undefined);
  assert.deepEqual(empty.problems[0]!.span, { start: 0, end: 0 });
});

test('unusable schemas: not an object, not type object, no fields', () => {
  for (const [text, reason] of [
    ['[1, 2]', 'root-not-object'],
    ['{"type": "string"}', 'root-not-object'],
    ['{"type": "object", "meta:xdmType": "array", "properties": {"a": {"type": "string"}}}', 'root-not-object'],
    ['  {"type": "object"}', 'no-fields'],
  ] as const) {
    const { schema, problems } = loadXdmSchema(text);
    assert.equal(schema, undefined, text);
    assert.equal(problems[0]?.data?.reason, reason, text);
    assert.ok(problems[0]!.span.end > problems[0]!.span.start, text);
  }
  const notType = loadXdmSchema('{"type": "string"}').problems[0]!;
  assert.equal('{"type": "string"}'.slice(notType.span.start, notType.span.end), '"string"');
  const noFields = loadXdmSchema('  {"type": "object"}').problems[0]!;
  assert.deepEqual(noFields.span, { start: 2, end: 3 });
});

test('defects inside a usable schema are reported at their text and the rest still loads', () => {
  const text = JSON.stringify(obj({
    external: { $ref: 'https://ns.adobe.com/xdm/context/profile' },
    badPattern: { type: 'string', pattern: '([a-z' },
    untyped: { title: 'No type' },
    conflict: { type: 'string', 'meta:xdmType': 'boolean' },
    weird: { type: 'string', 'meta:xdmType': 'text' },
    'dotted.name': str,
    ok: str,
  }, { required: ['ok', 'ghost'] }), null, 2);
  const { schema, problems } = loadXdmSchema(text);
  assert.ok(schema);
  const at = (reason: string): string => {
    const found = problems.find((p) => p.data?.reason === reason);
    assert.ok(found, `no ${reason} problem in ${JSON.stringify(problems)}`);
    return text.slice(found.span.start, found.span.end);
  };
  assert.equal(at('unresolved-ref'), '"https://ns.adobe.com/xdm/context/profile"');
  assert.equal(at('bad-pattern'), '"([a-z"');
  assert.equal(at('no-type'), 'untyped');
  assert.equal(at('type-conflict'), 'conflict');
  assert.equal(at('bad-xdm-type'), '"text"');
  assert.equal(at('bad-name'), 'dotted.name');
  assert.equal(at('required-unknown'), '"ghost"');
  assert.ok(problems.every((p) => p.code === 'schema-invalid'));
  assert.equal(schema.get('badPattern')!.pattern, undefined);
  assert.equal(schema.get('untyped'), undefined);
  assert.equal(schema.get('conflict')!.xdmType, 'string');
  assert.equal(schema.get('ok')!.required, true);
  assert.equal(schema.get('external'), undefined);
  assert.equal(problems.filter((p) => p.data?.reason === 'no-type').length, 1);
});

test('never throws, and every problem span lies inside the text, for damaged schemas', () => {
  fc.assert(
    fc.property(fc.nat(personText.length - 1), fc.nat(40), fc.constantFrom('', '{', '}', '"', ',', '[', ':', '0'), (at, length, insert) => {
      const text = personText.slice(0, at) + insert + personText.slice(at + length);
      const { problems } = loadXdmSchema(text);
      for (const p of problems) assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length);
    }),
    { numRuns: 150, seed: 3 },
  );
});

test('the uri option names schemas without $id', () => {
  const { schema } = loadXdmSchema('{"type": "object", "properties": {"a": {"type": "string"}}}', { uri: 'file:///s.json' });
  assert.equal(schema!.id, 'file:///s.json');
  assert.equal(schema!.uri, 'file:///s.json');
  assert.equal(schema!.version, '');
});
