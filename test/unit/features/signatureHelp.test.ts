/** Signature help in expressions: service tests with `|` marking the cursor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent, SignatureHelp } from 'vscode-languageserver-types';
import { signatureHelp, type SignatureContext } from '../../../server/features/signatureHelp';
import type { FeatureRequest } from '../../../server/features/request';
import { createCatalogue, signatureLabel } from '../../../server/expr/catalogue';
import { cursor } from '../../helpers/cursor';
import { DATAFLOWS, exampleService } from '../../helpers/workspace';

const FILE = path.join(DATAFLOWS, 'signature-test.dataflow.yaml');
const HEADER = `dataflow: Signature test
source:
  connection: acme
  object: Contact
target:
  schema: ../schemas/b2b-person.schema.json
mappings:
`;

function helpAt(textWithCursor: string, context: SignatureContext = {}): SignatureHelp | null {
  const { text, offset } = cursor(textWithCursor);
  const service = exampleService({ [FILE]: text });
  const doc = TextDocument.create(`file://${FILE}`, 'crm-dataflow', 1, text);
  const req: FeatureRequest = { doc, path: FILE, offset, service, analysis: service.analyse({ path: FILE, text }) };
  return signatureHelp(req, context);
}

/** `name(...)` label and the active parameter's label text. */
function active(h: SignatureHelp | null): { label: string; param: string | undefined } {
  assert.ok(h, 'expected signature help');
  const sig = h.signatures[h.activeSignature ?? 0]!;
  const p = sig.parameters?.[h.activeParameter ?? 0];
  const param = p ? (typeof p.label === 'string' ? p.label : sig.label.slice(p.label[0], p.label[1])) : undefined;
  return { label: sig.label, param };
}

const expr = (e: string) => `${HEADER}  - expression: ${e}\n    target: person.name.fullName\n`;

test('the active parameter follows the commas of the call', () => {
  assert.deepEqual(active(helpAt(expr('substr(|FirstName, 0, 2)'))), { label: 'substr(INPUT: STRING, START_INDEX: NUMBER, LENGTH: NUMBER): STRING', param: 'INPUT: STRING' });
  assert.equal(active(helpAt(expr('substr(FirstName, |0, 2)'))).param, 'START_INDEX: NUMBER');
  assert.equal(active(helpAt(expr('substr(FirstName, 0, 2|)'))).param, 'LENGTH: NUMBER');
});

test('nested calls: the innermost call around the cursor wins, closed inner calls do not', () => {
  assert.match(active(helpAt(expr('substr(upper(First|Name), 0, 2)'))).label, /^upper\(/);
  assert.deepEqual(active(helpAt(expr('substr(upper(FirstName), 0, |2)'))).param, 'LENGTH: NUMBER');
  assert.match(active(helpAt(expr('iif(FirstName != null, concat(upper(FirstName)|, "x"), null)'))).label, /^concat\(/);
});

test('commas inside strings, arrays and parentheses do not move the parameter', () => {
  assert.equal(active(helpAt(expr('iif(FirstName == "a,b", (1), |LastName)'))).param, 'FALSE_VALUE: ANY');
  assert.equal(active(helpAt(expr('iif(contains_key([1, 2, 3], "x"), |1, 2)'))).param, 'TRUE_VALUE: ANY');
});

test('repeating groups: KEY/VALUE pairs and decode SEARCH/RESULT', () => {
  const h = helpAt(expr('to_object("a", 1, "b", |2)'));
  assert.deepEqual(active(h), { label: 'to_object(KEY1: STRING, VALUE1: ANY, ...): OBJECT', param: 'VALUE1: ANY' });
  assert.equal(active(helpAt(expr('to_object("a", 1, |"b", 2)'))).param, 'KEY1: STRING');
  assert.equal(active(helpAt(expr('decode(LeadSource, "Web", "w", |"Phone", "p")'))).param, 'SEARCH1: ANY');
  assert.equal(active(helpAt(expr('concat(FirstName, " ", |LastName)'))).param, 'STRING: ANY...');
});

test('signature labels match the catalogue and parameter ranges cover their text', () => {
  const catalogue = createCatalogue();
  for (const name of ['substr', 'to_object', 'decode', 'concat', 'date', 'iif']) {
    const h = helpAt(expr(`${name}(|`));
    assert.ok(h, name);
    assert.equal(h.signatures[0]!.label, signatureLabel(name, catalogue.get(name)!), name);
    for (const p of h.signatures[0]!.parameters ?? []) {
      assert.ok(Array.isArray(p.label));
      assert.match(h.signatures[0]!.label.slice(p.label[0], p.label[1]), /^[A-Z_0-9]+\??: /);
    }
  }
  const sub = helpAt(expr('substr(|'))!;
  assert.match((sub.signatures[0]!.documentation as MarkupContent).value, /\S/);
  assert.match((sub.signatures[0]!.parameters![0]!.documentation as MarkupContent).value, /\S/);
});

test('overloads are offered after the general form, and a picked one is kept on retrigger', () => {
  const h = helpAt(expr('date(CreatedDate, |'));
  assert.ok(h);
  assert.equal(h.signatures.length, 4);
  assert.equal(h.activeSignature, 0);
  const kept = helpAt(expr('date(CreatedDate, "yyyy", |'), { activeSignatureHelp: { ...h, activeSignature: 3 } });
  assert.equal(kept?.activeSignature, 3);
  assert.equal(active(kept).param, 'DEFAULT_DATE: DATETIME | DATE | STRING | NUMBER');
});

test('methods show their receiver type', () => {
  assert.deepEqual(active(helpAt(expr('iif(FirstName.equalsIgnoreCase(|"x"), 1, 2)'))), { label: 'STRING.equalsIgnoreCase(STRING2: STRING): BOOLEAN', param: 'STRING2: STRING' });
});

test('half-typed text: trailing blanks, an open quote, a block scalar', () => {
  assert.equal(active(helpAt(`${HEADER}  - expression: substr(FirstName,   |\n`)).param, 'START_INDEX: NUMBER');
  assert.equal(active(helpAt(`${HEADER}  - expression: "substr(FirstName, 1, |\n    target: x\n`)).param, 'LENGTH: NUMBER');
  assert.equal(active(helpAt(`${HEADER}  - expression: >-\n      substr(FirstName,\n        1, |2)\n    target: person.name.fullName\n`)).param, 'LENGTH: NUMBER');
});

test('no help outside calls, outside expressions and for unknown functions', () => {
  assert.equal(helpAt(expr('upper(FirstName)|')), null);
  assert.equal(helpAt(expr('Fir|stName')), null);
  assert.equal(helpAt(expr('nosuchfn(|')), null);
  assert.equal(helpAt(`${HEADER}  - source: upper(|FirstName)\n    target: person.name.fullName\n`), null);
  assert.equal(helpAt(`${HEADER}  - expression: "upper(FirstName"|\n    target: person.name.fullName\n`), null);
});
