/** Semantic tokens for expressions (and placeholders in static values), decoded back onto the text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SemanticTokens } from 'vscode-languageserver-types';
import type { FeatureRequest } from '../../../server/features/request';
import { SEMANTIC_TOKENS_LEGEND, SemanticTokensFeature } from '../../../server/features/semanticTokens';
import { DataflowService } from '../../../server/service';
import { writeWorkload } from '../../../bench/workload';
import { cursor } from '../../helpers/cursor';
import { BROKEN, DATAFLOWS, exampleService } from '../../helpers/workspace';

const service = exampleService();
const FILE = path.join(DATAFLOWS, 'tokens-test.dataflow.yaml');

function request(text: string, svc: DataflowService = service, file = FILE): FeatureRequest {
  return { doc: TextDocument.create(`file://${file}`, 'crm-dataflow', 1, text), path: file, offset: 0, service: svc, analysis: svc.analyse({ path: file, text }) };
}

/** `text:type.modifier.modifier` per token, in document order. */
function decode(text: string, tokens: SemanticTokens): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    char = dl === 0 ? char + dc : dc;
    const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => mods & (1 << bit));
    out.push([lines[line]!.slice(char, char + len), SEMANTIC_TOKENS_LEGEND.tokenTypes[type], ...modifiers].join(':'));
  }
  return out;
}

function tokensOf(expression: string): string[] {
  const text = `dataflow: T\nmappings:\n  - expression: '${expression.replaceAll("'", "''")}'\n    target: a\n`;
  return decode(text, new SemanticTokensFeature().full(request(text)));
}

test('calls, fields, literals and operators follow the parse', () => {
  assert.deepEqual(tokensOf('iif(AccountId != null && Email.equals("a") == x.foo(), size_of([1, 2.5]), true)'), [
    'iif:function:defaultLibrary',
    'AccountId:variable',
    '!=:operator',
    'null:keyword',
    '&&:operator',
    'Email:variable',
    'equals:method:defaultLibrary',
    '"a":string',
    '==:operator',
    'x:variable',
    'foo:method',
    'size_of:function:defaultLibrary',
    '1:number',
    '2.5:number',
    'true:keyword',
  ]);
});

test('unknown and deprecated functions look different from catalogue functions', () => {
  assert.deepEqual(tokensOf('nosuchfn(is_set("a"), upper(x))'), [
    'nosuchfn:function',
    'is_set:function:defaultLibrary:deprecated',
    '"a":string',
    'upper:function:defaultLibrary',
    'x:variable',
  ]);
});

test('relationship paths, quoted names, word operators and keywords used as field names', () => {
  assert.deepEqual(tokensOf('Account.Name + ${Odd Name} and not ${Account.Owner Name} or x eq 1'), [
    'Account:variable',
    'Name:property',
    '+:operator',
    '${Odd Name}:variable',
    'and:keyword',
    'not:keyword',
    '${Account:variable',
    'Owner Name}:property',
    'or:keyword',
    'x:variable',
    'eq:keyword',
    '1:number',
  ]);
});

test('${CRM_ORG_ID} inside a string literal is its own token; the string is split around it', () => {
  assert.deepEqual(tokensOf('concat(Id, "@${CRM_ORG_ID}.Salesforce")'), [
    'concat:function:defaultLibrary',
    'Id:variable',
    '"@:string',
    '${CRM_ORG_ID}:macro:readonly',
    '.Salesforce":string',
  ]);
});

test('a multi-line expression in a block scalar gets tokens on the right lines and columns', () => {
  const text = 'dataflow: T\nmappings:\n  - target: a\n    expression: |\n      concat(FirstName,\n             "multi\n             line")\n';
  const tokens = new SemanticTokensFeature().full(request(text));
  assert.deepEqual(decode(text, tokens), ['concat:function:defaultLibrary', 'FirstName:variable', '"multi:string', 'line":string']);
  // the second piece of the string starts at its line's first character, not at column 0
  const lines = text.split('\n');
  assert.equal(lines[5]!.indexOf('"multi'), 13);
});

test('plain YAML: static values highlight only their placeholders; plain sources get no tokens', () => {
  const { text } = cursor('dataflow: T\nmappings:\n  - value: ${CRM_ORG_ID}\n    target: a\n  - value: "id-${CRM_ORG_ID}"\n    target: b\n  - source: FirstN|ame\n    target: c\n');
  assert.deepEqual(decode(text, new SemanticTokensFeature().full(request(text))), ['${CRM_ORG_ID}:macro:readonly', '${CRM_ORG_ID}:macro:readonly']);
});

test('range requests return only the tokens inside the range', () => {
  const text = 'dataflow: T\nmappings:\n  - expression: upper(A)\n    target: a\n  - expression: lower(B)\n    target: b\n';
  const req = request(text);
  const start = text.indexOf('lower');
  const got = decode(text, new SemanticTokensFeature().range(req, { start, end: text.length }));
  assert.deepEqual(got, ['lower:function:defaultLibrary', 'B:variable']);
});

test('classification is cached per expression text', () => {
  const feature = new SemanticTokensFeature();
  const a = feature.classify('concat(a, b)', service.catalogue);
  assert.equal(feature.classify('concat(a, b)', service.catalogue), a);
  assert.notEqual(feature.classify('concat(a, c)', service.catalogue), a);
});

test('broken documents and expressions: no throw, tokens inside the text, never overlapping', () => {
  const texts = [...readdirSync(BROKEN).map((f) => readFileSync(path.join(BROKEN, f), 'utf8')), "mappings:\n  - expression: 'concat(\"a${, ${x.  , ) ]'\n    target: a\n  - expression: |\n      iif(\n"];
  const feature = new SemanticTokensFeature();
  for (const full of texts) {
    for (let i = 0; i <= full.length; i++) {
      const text = full.slice(0, i);
      const started = performance.now();
      const { data } = feature.full(request(text));
      assert.ok(performance.now() - started < 1000);
      assert.equal(data.length % 5, 0);
      const lines = text.split('\n');
      let line = 0;
      let char = 0;
      let lastEnd = -1;
      for (let k = 0; k < data.length; k += 5) {
        line += data[k]!;
        char = data[k] === 0 ? char + data[k + 1]! : data[k + 1]!;
        if (data[k] !== 0) lastEnd = -1;
        assert.ok(char >= lastEnd, 'overlap');
        assert.ok(line < lines.length && char + data[k + 2]! <= lines[line]!.length, `token outside line ${line}`);
        lastEnd = char + data[k + 2]!;
      }
    }
  }
});

test('the 1,000-mapping workload: full tokens well within the budget, faster once cached', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'crmflow-tokens-'));
  try {
    const w = writeWorkload(root);
    const svc = new DataflowService({ readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } } });
    const req = request(w.dataflowText, svc, w.dataflowFile);
    const feature = new SemanticTokensFeature();
    let started = performance.now();
    const first = feature.full(req);
    const cold = performance.now() - started;
    started = performance.now();
    const second = feature.full(req);
    const warm = performance.now() - started;
    assert.ok(first.data.length > 100 * 5, 'expressions were tokenised');
    assert.deepEqual(second.data, first.data);
    assert.ok(cold < 500, `cold ${cold.toFixed(1)} ms`);
    assert.ok(warm < 100, `warm ${warm.toFixed(1)} ms`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
