/**
 * TextMate grammar tests: runs vscode-tmgrammar-test over the assertion files in this folder, proves the
 * harness can fail, and checks the grammar files' own invariants (regexes compile, function list).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';

const root = resolve(__dirname, '..', '..');
const grammarDir = join(root, 'syntaxes');
const dataflowGrammar = join(grammarDir, 'crm-dataflow.tmLanguage.json');
const dataprepGrammar = join(grammarDir, 'dataprep.tmLanguage.json');
const tool = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const caseFiles = readdirSync(__dirname)
  .filter((f) => f.endsWith('.dataflow.yaml'))
  .map((f) => join(__dirname, f));

function runTool(files: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [tool, '-g', dataflowGrammar, '-g', dataprepGrammar, ...files], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('every grammar assertion file passes', () => {
  assert.ok(caseFiles.length >= 2, `expected assertion files in ${__dirname}`);
  const { status, output } = runTool(caseFiles);
  assert.equal(status, 0, output);
  for (const f of caseFiles) assert.ok(output.includes(`${f.split('/').pop()} run successfuly`), output);
});

test('the harness reports a wrong assertion as a failure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grammar-test-'));
  try {
    const wrongScope = join(dir, 'wrong-scope.dataflow.yaml');
    writeFileSync(
      wrongScope,
      '# SYNTAX TEST "source.crm-dataflow" "deliberately wrong"\n' +
        'dataflow: Contacts\n' +
        '# <-------- constant.numeric.integer.yaml\n',
    );
    const forbiddenScope = join(dir, 'forbidden-scope.dataflow.yaml');
    writeFileSync(
      forbiddenScope,
      '# SYNTAX TEST "source.crm-dataflow" "deliberately wrong"\n' +
        '  - target: person.name\n' +
        '#           ^^^^^^ - meta.xdm-path.crm-dataflow\n',
    );
    const { status, output } = runTool([wrongScope, forbiddenScope]);
    assert.notEqual(status, 0, output);
    assert.match(output, /missing required scopes: constant\.numeric\.integer\.yaml/);
    assert.match(output, /prohibited scopes: meta\.xdm-path\.crm-dataflow/);
    assert.doesNotMatch(output, /run successfuly/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Every function name reference/aep.md section 2.4 gives, including aliases, the deprecated is_set and the
// docs' spelling arrays_to_objects. The lead will tie this to server/expr/catalogue.

interface RawRule {
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  patterns?: RawRule[];
  captures?: Record<string, RawRule>;
  beginCaptures?: Record<string, RawRule>;
  endCaptures?: Record<string, RawRule>;
  whileCaptures?: Record<string, RawRule>;
  repository?: Record<string, RawRule>;
}

function readGrammar(file: string): RawRule & { scopeName: string } {
  return JSON.parse(readFileSync(file, 'utf8')) as RawRule & { scopeName: string };
}

// The known-functions list is tied to the function catalogue in test/unit/ties.test.ts.

/** Every regex in a grammar, with where it sits, for compile checks. */
function collectRegexes(rule: RawRule, where: string, out: { where: string; source: string }[]): void {
  for (const key of ['match', 'begin', 'end', 'while'] as const) {
    const source = rule[key];
    if (source !== undefined) out.push({ where: `${where}.${key}`, source });
  }
  rule.patterns?.forEach((p, i) => collectRegexes(p, `${where}.patterns[${i}]`, out));
  for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures', 'repository'] as const) {
    for (const [name, child] of Object.entries(rule[key] ?? {})) collectRegexes(child, `${where}.${key}.${name}`, out);
  }
}

/**
 * vscode-oniguruma 1.7 does not throw on a bad pattern: it yields a scanner that matches the empty string
 * wherever it is asked. No pattern in these grammars can match empty in the middle of two control
 * characters (none is empty-only without a leading "^"), so such a match means "does not compile".
 */
function compiles(source: string): boolean {
  const scanner = new oniguruma.OnigScanner([source]);
  const probe = new oniguruma.OnigString('\u0001\u0001');
  const m = scanner.findNextMatchSync(probe, 1);
  probe.dispose();
  scanner.dispose();
  return !(m && m.captureIndices[0].start === 1 && m.captureIndices[0].end === 1);
}

test('every regex in both grammars compiles in Oniguruma', async () => {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  assert.equal(compiles('(unclosed'), false, 'the compile probe no longer detects a broken pattern');
  assert.equal(compiles('a\\1'), false, 'the compile probe no longer detects a dangling backreference');
  for (const file of [dataflowGrammar, dataprepGrammar]) {
    const regexes: { where: string; source: string }[] = [];
    collectRegexes(readGrammar(file), file.split('/').pop() ?? file, regexes);
    assert.ok(regexes.length > 10, `too few regexes found in ${file}`);
    for (const { where, source } of regexes) {
      // end/while may refer to begin's groups; vscode-textmate substitutes them before compiling.
      const substituted = source.replace(/\\(\d+)/g, 'x');
      assert.ok(compiles(substituted), `${where} does not compile: ${source}`);
    }
  }
});

test('every include points at an existing grammar and rule', () => {
  const grammars = [readGrammar(dataflowGrammar), readGrammar(dataprepGrammar)];
  const scopes = new Map(grammars.map((g) => [g.scopeName, g]));
  const includes: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'include' && typeof v === 'string') includes.push(v);
        else walk(v);
      }
    }
  };
  for (const g of grammars) {
    includes.length = 0;
    walk(g);
    assert.ok(includes.length > 0);
    for (const inc of includes) {
      const [scope, name] = inc.startsWith('#') ? [g.scopeName, inc.slice(1)] : inc.split('#');
      const target = scopes.get(scope);
      assert.ok(target, `${g.scopeName}: include of unknown grammar ${inc}`);
      if (name) assert.ok(target.repository?.[name], `${g.scopeName}: include of missing rule ${inc}`);
    }
  }
});
