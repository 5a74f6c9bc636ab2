/** Quick fixes and rewrites: each fix applied to the text and re-validated must remove its problem. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import { CodeActionFeature, type CodeActionQuery } from '../../../server/features/codeActions';
import type { FeatureRequest } from '../../../server/features/request';
import type { DataflowService } from '../../../server/service';
import { cursor } from '../../helpers/cursor';
import { BROKEN, DATAFLOWS, exampleService } from '../../helpers/workspace';

const service = exampleService();
const feature = new CodeActionFeature();
const FILE = path.join(DATAFLOWS, 'test.dataflow.yaml');
const contacts = readFileSync(path.join(DATAFLOWS, 'contacts.dataflow.yaml'), 'utf8');
const broken = (name: string) => readFileSync(path.join(BROKEN, `broken-${name}.dataflow.yaml`), 'utf8');

function request(text: string, offset: number, svc: DataflowService = service): FeatureRequest {
  const doc = TextDocument.create(`file://${FILE}`, 'crm-dataflow', 1, text);
  return { doc, path: FILE, offset, analysis: svc.analyse({ path: FILE, text }), service: svc };
}

function actionsAt(text: string, offset: number, q: Partial<CodeActionQuery> = {}): CodeAction[] {
  const errors: unknown[] = [];
  const out = feature.actions(request(text, offset), { range: { start: offset, end: offset }, onError: (e) => errors.push(e), ...q });
  assert.deepEqual(errors, []);
  return out;
}

/** Actions at the first occurrence of `marker` (cursor on its first character). */
function actionsOn(text: string, marker: string, q: Partial<CodeActionQuery> = {}): CodeAction[] {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker} not in text`);
  return actionsAt(text, at, q);
}

function apply(text: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit?.changes, 'the action has an edit');
  const edits = Object.values(edit.changes).flat();
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'crm-dataflow', 1, text), edits);
}

function codes(text: string): string[] {
  return service.analyse({ path: FILE, text }).problems.map((p) => p.code);
}

function errorCodes(text: string): string[] {
  return service.analyse({ path: FILE, text }).problems.filter((p) => p.severity === 'error').map((p) => p.code).sort();
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const a = actions.find((x) => x.title === title);
  assert.ok(a, `no action '${title}' in ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

const count = (list: string[], code: string) => list.filter((c) => c === code).length;

test('an unknown source field is replaced by the did-you-mean candidate (plain YAML)', () => {
  const text = broken('mappings');
  const actions = actionsOn(text, 'FirstNam\n');
  const fix = titled(actions, "Change to 'FirstName'");
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.equal(fix.diagnostics?.[0]?.code, 'unknown-source-field');
  const fixed = apply(text, fix.edit);
  assert.ok(fixed.includes('  - source: FirstName\n    target: person.name.firstName'));
  assert.equal(count(codes(fixed), 'unknown-source-field'), 0);
  assert.equal(fixed.length, text.length + 1, 'only the one token changed');
});

test('an unknown segment of a relationship path replaces only that segment', () => {
  const text = contacts.replace('source: Account.Name', 'source: Account.Nme');
  const fix = titled(actionsOn(text, 'Nme'), "Change to 'Account.Name'");
  const fixed = apply(text, fix.edit);
  assert.equal(fixed, contacts);
});

test('an unknown target path segment is replaced', () => {
  const text = broken('mappings');
  const fix = titled(actionsOn(text, 'lastNme'), "Change to 'person.name.lastName'");
  const fixed = apply(text, fix.edit);
  assert.ok(fixed.includes('target: person.name.lastName\n'));
  assert.equal(count(codes(fixed), 'unknown-target-path'), 0);
});

test('inside an expression: an unknown function and an unknown field are replaced', () => {
  const text = broken('mappings');
  const fn = titled(actionsOn(text, 'concatt('), "Change to 'concat'");
  assert.equal(fn.isPreferred, true);
  const fixed = apply(text, fn.edit);
  assert.ok(fixed.includes('expression: concat(FirstName, " ", LastName)'));
  assert.equal(count(codes(fixed), 'expr-unknown-function'), 0);
  const field = titled(actionsOn(fixed, 'Titel'), "Change to 'Title'");
  const fixed2 = apply(fixed, field.edit);
  assert.ok(fixed2.includes('expression: upper(Title)'));
  assert.equal(count(codes(fixed2), 'expr-unknown-field'), 0);
});

test('inside a quoted expression the replacement lands on the right characters', () => {
  const text = contacts.replace('expression: lower(trim(Email))', `expression: "lower(trimm(\\"x\\" + Email))"`);
  assert.equal(count(codes(text), 'expr-unknown-function'), 1);
  const fix = titled(actionsOn(text, 'trimm'), "Change to 'trim'");
  const fixed = apply(text, fix.edit);
  assert.ok(fixed.includes(`expression: "lower(trim(\\"x\\" + Email))"`));
  assert.equal(count(codes(fixed), 'expr-unknown-function'), 0);
});

test('namespace, connection, object, key and enum typos are replaced', () => {
  const cases: Array<[string, string, string, string]> = [
    [broken('mappings'), 'b2b_persn', "Change to 'b2b_person'", 'identity-unknown-namespace'],
    [broken('references'), 'acmee', "Change to 'acme'", 'unknown-connection'],
    [contacts.replace('object: Contact', 'object: Contct'), 'Contct', "Change to 'Contact'", 'unknown-object'],
    [broken('structure'), 'objekt', "Change to 'object'", 'structure-unknown-key'],
    [broken('structure'), 'hourly', "Change to 'hour'", 'structure-enum'],
    [contacts.replace('incremental: SystemModstamp', 'incremental: SystemModstmp'), 'SystemModstmp', "Change to 'SystemModstamp'", 'incremental-field'],
    [contacts.replace('path: workEmail.address', 'path: workEmail.adress'), 'workEmail.adress', "Change to 'workEmail.address'", 'identity-unknown-path'],
  ];
  for (const [text, marker, title, code] of cases) {
    assert.ok(codes(text).includes(code), `${code} is reported before the fix`);
    const fixed = apply(text, titled(actionsOn(text, marker), title).edit);
    assert.ok(!codes(fixed).includes(code), `${code} is gone after '${title}'`);
  }
});

test('a quoted value keeps its quotes when replaced', () => {
  const text = contacts.replace('connection: acme', 'connection: "acmee"');
  const fixed = apply(text, titled(actionsOn(text, 'acmee'), "Change to 'acme'").edit);
  assert.ok(fixed.includes('connection: "acme"\n'));
  assert.ok(!codes(fixed).includes('unknown-connection'));
});

test('missing required mappings are added as stubs, one by one or all at once', () => {
  const start = contacts.indexOf('  # the record id');
  const end = contacts.indexOf('  # person');
  const text = contacts.slice(0, start) + contacts.slice(end);
  const missing = codes(text).filter((c) => c === 'required-unmapped');
  assert.equal(missing.length, 2);
  const actions = actionsOn(text, 'mappings:');
  const one = titled(actions, "Add a mapping for required field '_id'");
  assert.equal(one.isPreferred, true);
  const fixedOne = apply(text, one.edit);
  assert.equal(count(codes(fixedOne), 'required-unmapped'), 1);
  assert.ok(fixedOne.includes('  - source: Id\n    target: _id\n'), 'the stub reads the matching field');
  const all = titled(actions, 'Add mappings for all 2 missing required fields');
  assert.equal(all.diagnostics?.length, 2);
  const fixedAll = apply(text, all.edit);
  assert.equal(count(codes(fixedAll), 'required-unmapped'), 0);
  assert.ok(fixedAll.includes('  - expression: concat(Id, "@${CRM_ORG_ID}.Salesforce")\n    target: b2b.personKey.sourceKey\n'));
  assert.deepEqual(errorCodes(fixedAll), [], 'the stubs are valid mappings');
  // appended after the last mapping, before the next section
  assert.ok(fixedAll.indexOf('target: b2b.personKey.sourceKey') < fixedAll.indexOf('schedule:'));
  assert.ok(fixedAll.indexOf('target: isDeleted') < fixedAll.indexOf('target: _id'));
});

test('a required field no source fits gets a TODO placeholder that still counts as mapped', () => {
  const text = broken('structure');
  const fix = titled(actionsOn(text, 'mappings:'), "Add a mapping for required field 'b2b.personKey.sourceKey'");
  const fixed = apply(text, fix.edit);
  assert.equal(count(codes(fixed), 'required-unmapped'), 0);
  // without a describe (the object key is misspelt) only the key pattern is known
  assert.ok(fixed.includes('expression: concat(Id, "@${CRM_ORG_ID}.Salesforce")'));
  const noSource = contacts.replace('source: Account.Name\n    target: b2b.companyName', 'source: Account.Name\n    target: b2b.personScore');
  const idText = noSource.replace('identities:\n', 'identities:\n  - path: b2b.companyName\n    namespace: CRMID\n');
  const idFix = titled(actionsOn(idText, 'b2b.companyName\n'), "Add a mapping for identity 'b2b.companyName'");
  const idFixed = apply(idText, idFix.edit);
  assert.ok(/- value: null {2}# TODO: map b2b\.companyName \(string\)\n {4}target: b2b\.companyName\n/.test(idFixed), idFixed.slice(-300));
  assert.ok(!codes(idFixed).includes('identity-unmapped'));
});

test('stubs follow the file layout: indentation, empty lists and CRLF line ends', () => {
  const base = 'dataflow: X\nsource:\n  connection: acme\n  object: Contact\ntarget:\n  schema: ../schemas/b2b-person.schema.json\n';
  const empty = `${base}mappings: []  # none yet\n`;
  const fixedEmpty = apply(empty, titled(actionsOn(empty, 'mappings'), 'Add mappings for all 2 missing required fields').edit);
  assert.ok(fixedEmpty.startsWith(`${base}mappings:   # none yet\n  - source: Id\n    target: _id\n`), fixedEmpty);
  assert.equal(count(codes(fixedEmpty), 'required-unmapped'), 0);
  const wide = `${base}mappings:\n    -   source: Name\n        target: person.name.fullName\n`;
  const fixedWide = apply(wide, titled(actionsOn(wide, 'mappings'), "Add a mapping for required field '_id'").edit);
  assert.ok(fixedWide.endsWith('    -   source: Name\n        target: person.name.fullName\n    -   source: Id\n        target: _id\n'), fixedWide);
  const crlf = wide.replace(/\n/g, '\r\n');
  const fixedCrlf = apply(crlf, titled(actionsOn(crlf, 'mappings'), "Add a mapping for required field '_id'").edit);
  assert.ok(fixedCrlf.endsWith('    -   source: Id\r\n        target: _id\r\n'));
  const noEol = wide.trimEnd();
  const fixedNoEol = apply(noEol, titled(actionsOn(noEol, 'mappings'), "Add a mapping for required field '_id'").edit);
  assert.ok(fixedNoEol.endsWith('person.name.fullName\n    -   source: Id\n        target: _id\n'));
  assert.equal(count(codes(fixedNoEol), 'required-unmapped'), 1);
});

test('a duplicate mapping is removed with its lines; the first one can be removed instead', () => {
  const text = broken('mappings');
  const at = text.lastIndexOf('workEmail.address');
  const actions = actionsAt(text, at);
  const remove = titled(actions, "Remove this duplicate mapping to 'workEmail.address'");
  assert.equal(remove.isPreferred, true);
  const fixed = apply(text, remove.edit);
  assert.equal(text.split('\n').length - fixed.split('\n').length, 2);
  assert.equal(fixed.split('target: workEmail.address').length - 1, 1);
  assert.ok(!codes(fixed).includes('duplicate-target'));
  const first = actions.find((a) => a.title.startsWith("Remove the first mapping to 'workEmail.address' (line "));
  assert.ok(first);
  const fixedFirst = apply(text, first.edit);
  assert.ok(!codes(fixedFirst).includes('duplicate-target'));
  assert.equal(fixedFirst, fixed, 'both mappings are identical, so either removal leaves the same text');
});

test('a duplicate inside a flow sequence is removed with its comma, on one line or several', () => {
  const head = contacts.slice(0, contacts.indexOf('mappings:\n'));
  const id = '{ source: Id, target: _id }';
  const name = '{ source: Name, target: person.name.fullName }';
  const layouts: Array<[string, string, string]> = [
    // [mappings, after removing the duplicate, after removing the first one instead]
    [`[${id}, ${name}, ${id}]`, `[${id}, ${name}]`, `[${name}, ${id}]`],
    [`[${id}, ${id}, ${name}]`, `[${id}, ${name}]`, `[${id}, ${name}]`],
    [`[\n    ${id},\n    ${name},\n    ${id},\n  ]`, `[\n    ${id},\n    ${name},\n  ]`, `[\n    ${name},\n    ${id},\n  ]`],
  ];
  for (const [mappings, withoutDuplicate, withoutFirst] of layouts) {
    const text = `${head}mappings: ${mappings}\n`;
    assert.equal(count(codes(text), 'duplicate-target'), 1, mappings);
    const actions = actionsAt(text, text.lastIndexOf('target: _id') + 'target: '.length);
    const fixed = apply(text, titled(actions, "Remove this duplicate mapping to '_id'").edit);
    assert.equal(fixed, `${head}mappings: ${withoutDuplicate}\n`);
    const first = actions.find((a) => a.title.startsWith("Remove the first mapping to '_id' (line "));
    assert.ok(first, mappings);
    assert.equal(apply(text, first.edit), `${head}mappings: ${withoutFirst}\n`);
    for (const t of [fixed, apply(text, first.edit)]) {
      assert.ok(!codes(t).some((c) => c === 'duplicate-target' || c.startsWith('yaml-')), t.slice(head.length));
    }
  }
});

test('an identity is marked primary: block items gain a line, flow items a pair', () => {
  const text = broken('references');
  const fix = titled(actionsOn(text, 'identities:'), "Mark 'b2b.personKey.sourceKey' as the primary identity");
  assert.equal(fix.isPreferred, true);
  const fixed = apply(text, fix.edit);
  assert.ok(fixed.includes('  - path: b2b.personKey.sourceKey\n    namespace: b2b_person\n    primary: true\nmappings:'));
  assert.ok(!codes(fixed).includes('identity-no-primary'));
  const flow = contacts.replace(/identities:\n[\s\S]*?mappings:/, 'identities:\n  - { path: b2b.personKey.sourceKey, namespace: b2b_person }\n  - path: workEmail.address\n    namespace: Email\n    primary: false\nmappings:');
  assert.ok(codes(flow).includes('identity-no-primary'));
  const actions = actionsOn(flow, 'identities:');
  const flowFixed = apply(flow, titled(actions, "Mark 'b2b.personKey.sourceKey' as the primary identity").edit);
  assert.ok(flowFixed.includes('{ path: b2b.personKey.sourceKey, namespace: b2b_person, primary: true }'));
  assert.ok(!codes(flowFixed).includes('identity-no-primary'));
  const other = apply(flow, titled(actions, "Mark 'workEmail.address' as the primary identity").edit);
  assert.ok(other.includes('namespace: Email\n    primary: true\n'));
  assert.ok(!codes(other).includes('identity-no-primary'));
});

test('an extra primary identity is unmarked, or made the only one', () => {
  const text = contacts.replace('    namespace: Email\n', '    namespace: Email\n    primary: true\n');
  assert.ok(codes(text).includes('identity-multiple-primary'));
  const at = text.lastIndexOf('primary: true') + 'primary: '.length;
  const actions = actionsAt(text, at);
  const unmark = titled(actions, "Unmark 'workEmail.address' as primary");
  const fixed = apply(text, unmark.edit);
  assert.ok(fixed.includes('namespace: Email\n    primary: false\n'));
  assert.ok(!codes(fixed).includes('identity-multiple-primary'));
  const only = apply(text, titled(actions, "Make 'workEmail.address' the only primary identity").edit);
  assert.ok(only.includes('namespace: b2b_person\n    primary: false\n'));
  assert.ok(!codes(only).some((c) => c.startsWith('identity-')));
});

test('inside an expression: a reserved-word field is wrapped in ${}', () => {
  const text = contacts.replace('expression: lower(trim(Email))', 'expression: lower(trim) + size');
  const c = codes(text);
  assert.equal(count(c, 'expr-reserved-word'), 2);
  let fixed = apply(text, titled(actionsOn(text, 'size'), "Write ${size} to read the field 'size'").edit);
  fixed = apply(fixed, titled(actionsOn(fixed, 'trim)'), "Write ${trim} to read the field 'trim'").edit);
  assert.ok(fixed.includes('expression: lower(${trim}) + ${size}'));
  assert.equal(count(codes(fixed), 'expr-reserved-word'), 0);
  const dq = contacts.replace('expression: lower(trim(Email))', 'expression: "lower(size)"');
  const dqFixed = apply(dq, titled(actionsOn(dq, 'size'), "Write ${size} to read the field 'size'").edit);
  assert.ok(dqFixed.includes('expression: "lower(${size})"'));
  assert.equal(count(codes(dqFixed), 'expr-reserved-word'), 0);
});

test('a field mapping converts to an expression mapping and back (refactor on the cursor mapping)', () => {
  const { text, offset } = cursor(contacts.replace('  - source: FirstName', '  - source: First|Name'));
  const actions = actionsAt(text, offset);
  const toExpr = titled(actions, 'Convert to an expression mapping');
  assert.equal(toExpr.kind, 'refactor.rewrite');
  const expr = apply(text, toExpr.edit);
  assert.ok(expr.includes('  - expression: FirstName\n    target: person.name.firstName'));
  assert.deepEqual(errorCodes(expr), []);
  const back = titled(actionsOn(expr, 'expression: FirstName'), 'Convert to a source field mapping');
  assert.equal(apply(expr, back.edit), contacts);
  // relationship paths are field references too
  const rel = apply(contacts, titled(actionsOn(contacts, 'source: Account.Name'), 'Convert to an expression mapping').edit);
  assert.ok(rel.includes('expression: Account.Name\n'));
  assert.deepEqual(errorCodes(rel), []);
  // on the item's dash too
  assert.ok(actionsOn(contacts, '- source: Title').some((a) => a.title === 'Convert to an expression mapping'));
});

test('converting quotes names an expression cannot read plainly; a real expression does not convert back', () => {
  const text = contacts.replace('source: Title', 'source: size');
  const expr = apply(text, titled(actionsOn(text, 'source: size'), 'Convert to an expression mapping').edit);
  assert.ok(expr.includes('expression: ${size}\n'));
  assert.ok(!codes(expr).includes('expr-reserved-word'));
  const back = apply(expr, titled(actionsOn(expr, 'expression: ${size}'), 'Convert to a source field mapping').edit);
  assert.equal(back, text);
  assert.ok(!actionsOn(contacts, 'expression: lower').some((a) => a.kind === 'refactor.rewrite'));
  assert.ok(!actionsOn(contacts, 'value: Salesforce').some((a) => a.kind === 'refactor.rewrite'));
});

test('an expression in any YAML style converts back to a field mapping that parses: block, folded, quoted, flow, last line', () => {
  const yamlErrors = (text: string) => service.analyse({ path: FILE, text }).problems.filter((p) => p.code.startsWith('yaml-')).map((p) => p.message);
  const title = '  - source: Title\n    target: extendedWorkDetails.jobTitle\n';
  const cases: Array<[string, string, string]> = [
    // [how the mapping is written, what it becomes]
    ['  - expression: |\n      Title\n    target: extendedWorkDetails.jobTitle\n', title, 'block, then the next key'],
    ['  - target: extendedWorkDetails.jobTitle\n    expression: >-\n      Title\n', '  - target: extendedWorkDetails.jobTitle\n    source: Title\n', 'folded, last key of the item'],
    ['  - expression: |+\n      Title\n\n    target: extendedWorkDetails.jobTitle\n', '  - source: Title\n\n    target: extendedWorkDetails.jobTitle\n', 'kept trailing lines stay blank lines'],
    ['  - expression: | # the job\n      Title\n    target: extendedWorkDetails.jobTitle\n', '  - source: Title # the job\n    target: extendedWorkDetails.jobTitle\n', 'a header comment stays'],
    ['  - expression: "Title"\n    target: extendedWorkDetails.jobTitle\n', title, 'double-quoted'],
    ["  - expression: 'Title'\n    target: extendedWorkDetails.jobTitle\n", title, 'single-quoted'],
    ['  - { expression: Title, target: extendedWorkDetails.jobTitle }\n', '  - { source: Title, target: extendedWorkDetails.jobTitle }\n', 'a flow mapping item'],
  ];
  for (const [written, expected, why] of cases) {
    const text = contacts.replace(title, written);
    assert.deepEqual(yamlErrors(text), [], why);
    const at = text.indexOf(written) + written.indexOf('expression');
    const fixed = apply(text, titled(actionsAt(text, at), 'Convert to a source field mapping').edit);
    assert.equal(fixed, contacts.replace(title, expected), why);
    assert.deepEqual(yamlErrors(fixed), [], why);
    assert.deepEqual(errorCodes(fixed), [], why);
  }
  // last in the file, with and without its final line break
  const mappingsLast = contacts.slice(0, contacts.indexOf('\nschedule:') + 1).replace(title, '');
  for (const end of ['\n', '']) {
    const text = `${mappingsLast}  - target: extendedWorkDetails.jobTitle\n    expression: |\n      Title${end}`;
    const fixed = apply(text, titled(actionsOn(text, 'expression: |'), 'Convert to a source field mapping').edit);
    assert.equal(fixed, `${mappingsLast}  - target: extendedWorkDetails.jobTitle\n    source: Title${end}`);
    assert.deepEqual(yamlErrors(fixed), []);
    assert.deepEqual(errorCodes(fixed), []);
  }
  // in a flow item a name that needs ${…} is quoted, and reads back the same
  const flow = contacts.replace(title, '  - { source: size, target: extendedWorkDetails.jobTitle }\n');
  const toExpr = apply(flow, titled(actionsOn(flow, 'source: size'), 'Convert to an expression mapping').edit);
  assert.ok(toExpr.includes("{ expression: '${size}', target: extendedWorkDetails.jobTitle }"), toExpr);
  assert.deepEqual(yamlErrors(toExpr), []);
  assert.equal(apply(toExpr, titled(actionsOn(toExpr, "expression: '${size}"), 'Convert to a source field mapping').edit), flow);
});

test('only filters by kind; client diagnostics are named by the fixes that match them', () => {
  const text = broken('mappings');
  const at = text.indexOf('FirstNam\n');
  const refactors = actionsAt(text, at, { only: ['refactor'] });
  assert.ok(refactors.length > 0);
  assert.ok(refactors.every((a) => a.kind?.startsWith('refactor')));
  const quick = actionsAt(text, at, { only: ['quickfix'] });
  assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
  const analysis = service.analyse({ path: FILE, text });
  const p = analysis.problems.find((x) => x.code === 'unknown-source-field')!;
  const doc = TextDocument.create('file:///x', 'crm-dataflow', 1, text);
  const sent: Diagnostic = { range: { start: doc.positionAt(p.span.start), end: doc.positionAt(p.span.end) }, code: p.code, message: 'as the client has it', data: p.data };
  const fix = actionsAt(text, at, { diagnostics: [sent], only: ['quickfix'] }).find((a) => a.title === "Change to 'FirstName'")!;
  assert.equal(fix.diagnostics?.[0], sent);
});

test('a valid example offers no quick fixes anywhere it matters', () => {
  for (const marker of ['FirstName', 'workEmail.address', 'b2b_person', 'lower(trim', 'mappings:']) {
    assert.deepEqual(actionsOn(contacts, marker, { only: ['quickfix'] }), [], marker);
  }
});

test('every quick fix offered on the broken fixtures removes the problem it names', () => {
  let applied = 0;
  for (const name of ['mappings', 'structure', 'references']) {
    const text = broken(name);
    for (const p of service.analyse({ path: FILE, text }).problems) {
      for (const a of actionsAt(text, p.span.start, { only: ['quickfix'] })) {
        if (a.diagnostics?.[0]?.code !== p.code) continue;
        const before = count(codes(text), p.code);
        const after = count(codes(apply(text, a.edit)), p.code);
        assert.ok(after < before, `${name}: '${a.title}' leaves ${after} of ${before} ${p.code}`);
        applied++;
      }
    }
  }
  assert.ok(applied >= 12, `${applied} fixes applied`);
});

test('never throws and answers fast at every offset of broken documents', () => {
  const docs = [
    broken('mappings'), broken('structure'), broken('references'),
    broken('mappings').slice(0, 700), broken('structure').slice(0, 333),
    'dataflow: [\nmappings:\n  - source: {\n    target: "unterminated\n  -\n  - expression: concat(\n',
    'identities:\n  - primary:\n  - path:\n    primary: 1\n  - { path: a, primary: true\nmappings: []\n',
    '\t- :\n: :\n- - -\n{}{}[[',
    contacts.replace('expression: lower(trim(Email))', "expression: 'size(${'"),
  ];
  for (const text of docs) {
    const req = request(text, 0);
    let slowest = 0;
    for (let off = 0; off <= text.length; off++) {
      const errors: unknown[] = [];
      const t = performance.now();
      const actions = feature.actions({ ...req, offset: off }, { range: { start: off, end: Math.min(text.length, off + 3) }, onError: (e) => errors.push(e) });
      slowest = Math.max(slowest, performance.now() - t);
      assert.deepEqual(errors, [], `offset ${off} of ${JSON.stringify(text.slice(0, 40))}`);
      for (const a of actions) if (a.edit) apply(text, a.edit);
    }
    assert.ok(slowest < 1000, `slowest answer ${slowest.toFixed(0)} ms`);
  }
});
