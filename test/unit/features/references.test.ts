/** Find references across the dataflows of the example workspace (plus in-memory files). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import { ReferencesProvider } from '../../../server/features/references';
import type { FeatureRequest } from '../../../server/features/request';
import { DataflowService } from '../../../server/service';
import { overlayReader } from '../../helpers/workspace';
import { cursor } from '../../helpers/cursor';
import { DATAFLOWS, EXAMPLES } from '../../helpers/workspace';

const FILE = path.join(DATAFLOWS, 'refs-test.dataflow.yaml');
const LEADS = path.join(DATAFLOWS, 'nested', 'leads.dataflow.yaml');
const OTHER_SCHEMA = path.join(DATAFLOWS, 'other-schema.dataflow.yaml');
const HEADER = `dataflow: References test
source:
  connection: acme
  object: Contact
target:
  schema: ../schemas/b2b-person.schema.json
mappings:
`;
const LEADS_TEXT = `dataflow: Leads
source:
  connection: acme
  object: Lead
target:
  schema: ../../schemas/b2b-person.schema.json
identities:
  - path: workEmail.address
    namespace: Email
mappings:
  - source: Email
    target: workEmail[0].address
  - source: FirstName
    target: person.name.firstName
`;
const OTHER_TEXT = `dataflow: Other
source:
  connection: acme
  object: Contact
target:
  schema: ../schemas/b2b-account.schema.json
mappings:
  - source: Email
    target: workEmail.address
  - expression: lower(Email)
    target: accountName
`;

function service(overlay: Record<string, string>): DataflowService {
  return new DataflowService(overlayReader(overlay));
}

interface Ref {
  file: string;
  line: number;
  text: string;
}

function refsAt(textWithCursor: string, includeDeclaration = false, provider = new ReferencesProvider()): Ref[] | null {
  const { text, offset } = cursor(textWithCursor);
  const overlay = { [FILE]: text, [LEADS]: LEADS_TEXT, [OTHER_SCHEMA]: OTHER_TEXT };
  const svc = service(overlay);
  const doc = TextDocument.create(`file://${FILE}`, 'crm-dataflow', 1, text);
  const req: FeatureRequest = { doc, path: FILE, offset, service: svc, analysis: svc.analyse({ path: FILE, text }) };
  const locs = provider.references(req, includeDeclaration);
  return locs && locs.map((l: Location) => {
    const p = fileURLToPath(l.uri);
    const t = overlay[p] ?? readFileSync(p, 'utf8');
    const d = TextDocument.create(l.uri, 'x', 0, t);
    return { file: path.relative(EXAMPLES, p), line: l.range.start.line, text: t.slice(d.offsetAt(l.range.start), d.offsetAt(l.range.end)) };
  });
}

const files = (refs: Ref[] | null) => (refs ?? []).map((r) => r.file);

test('a target path is found in every dataflow writing the same schema field, never in other schemas', () => {
  const refs = refsAt(`${HEADER}  - source: Email\n    target: workEmail.addr|ess\n`);
  assert.ok(refs);
  const contacts = path.join('dataflows', 'contacts.dataflow.yaml');
  const leads = path.join('dataflows', 'nested', 'leads.dataflow.yaml');
  assert.deepEqual(files(refs), [path.join('dataflows', 'refs-test.dataflow.yaml'), contacts, contacts, leads, leads]);
  assert.ok(refs.every((r) => r.text === 'address'));
  // identity path first (it comes first in the file), then the mapping; indices do not matter
  const contactLines = readFileSync(path.join(EXAMPLES, contacts), 'utf8').split('\n');
  assert.match(contactLines[refs[1]!.line]!, /- path: workEmail\.address/);
  assert.match(contactLines[refs[2]!.line]!, /target: workEmail\.address/);
  assert.ok(!files(refs).includes(path.join('dataflows', 'other-schema.dataflow.yaml')));
});

test('includeDeclaration adds the schema property first', () => {
  const refs = refsAt(`${HEADER}  - source: Email\n    target: workEmail.addr|ess\n`, true);
  assert.ok(refs);
  assert.deepEqual(refs[0], { ...refs[0]!, file: path.join('schemas', 'b2b-person.schema.json'), text: 'address' });
  assert.equal(refs.length, 6);
});

test('a parent segment finds every path under it, and identities count', () => {
  const refs = refsAt(`${HEADER}  - source: FirstName\n    target: per|son.name.firstName\n`);
  assert.ok(refs);
  assert.ok(refs.every((r) => r.text === 'person'));
  const contacts = readFileSync(path.join(DATAFLOWS, 'contacts.dataflow.yaml'), 'utf8');
  assert.equal(files(refs).filter((f) => f.endsWith('contacts.dataflow.yaml')).length, (contacts.match(/target: person\./g) ?? []).length);
  const ids = refsAt(`dataflow: x\nsource:\n  connection: acme\n  object: Contact\ntarget:\n  schema: ../schemas/b2b-person.schema.json\nidentities:\n  - path: workEmail.addr|ess\n    namespace: Email\nmappings: []\n`);
  assert.equal(ids?.length, 5);
});

test('a source field (plain YAML and inside expressions) is found where the same object reads it', () => {
  const refs = refsAt(`${HEADER}  - source: Em|ail\n    target: workEmail.address\n`);
  assert.ok(refs);
  const contacts = path.join('dataflows', 'contacts.dataflow.yaml');
  const other = path.join('dataflows', 'other-schema.dataflow.yaml');
  // contacts reads Email in an expression; the other-schema file reads Contact.Email twice; Lead.Email is another field
  assert.deepEqual(files(refs), [path.join('dataflows', 'refs-test.dataflow.yaml'), contacts, other, other]);
  assert.ok(refs.every((r) => r.text === 'Email'));
  const fromExpr = refsAt(`${HEADER}  - expression: concat(First|Name, " ", Account.Name)\n    target: person.name.fullName\n  - source: FirstName\n    target: person.name.firstName\n`, true);
  assert.ok(fromExpr);
  assert.equal(fromExpr[0]!.file, path.join('.crmflow', 'metadata', 'acme', 'Contact.json'));
  assert.deepEqual(fromExpr.slice(1, 3).map((r) => r.line), [7, 9]);
  assert.ok(fromExpr.every((r) => r.text === 'FirstName'));
});

test('relationship paths match on the segment the cursor is on', () => {
  const refs = refsAt(`${HEADER}  - expression: upper(Acc|ount.Name)\n    target: person.name.fullName\n  - source: Account.Industry\n    target: b2b.companyName\n`);
  assert.ok(refs);
  const mine = refs.filter((r) => r.file.endsWith('refs-test.dataflow.yaml'));
  assert.deepEqual(mine.map((r) => [r.line, r.text]), [[7, 'Account'], [9, 'Account']]);
  assert.ok(refs.some((r) => r.file.endsWith('contacts.dataflow.yaml')));
});

test('nothing to find on keys, functions and unknown text', () => {
  assert.equal(refsAt(`${HEADER}  - source: Email\n    tar|get: workEmail.address\n`), null);
  assert.equal(refsAt(`${HEADER}  - expression: low|er(Email)\n    target: workEmail.address\n`), null);
});

test('a second search reuses the parse of unchanged files', () => {
  const provider = new ReferencesProvider();
  const first = refsAt(`${HEADER}  - source: Email\n    target: workEmail.addr|ess\n`, false, provider);
  const t0 = performance.now();
  const second = refsAt(`${HEADER}  - source: Email\n    target: workEmail.addr|ess\n`, false, provider);
  assert.deepEqual(second, first);
  assert.ok(performance.now() - t0 < 1000);
});
