/**
 * The manifest's language and grammar contributions point at files that exist and agree with them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface LanguageContribution {
  id: string;
  extensions?: string[];
  filenames?: string[];
  configuration?: string;
}
interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  embeddedLanguages?: Record<string, string>;
}

const root = resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { languages: LanguageContribution[]; grammars: GrammarContribution[] };
};
const { languages, grammars } = manifest.contributes;
const languageIds = new Set(languages.map((l) => l.id));

test('crm-dataflow claims dataflow files and crmflow.yaml, with an existing configuration', () => {
  const dataflow = languages.find((l) => l.id === 'crm-dataflow');
  assert.ok(dataflow, 'language crm-dataflow is not declared');
  assert.ok(dataflow.extensions?.includes('.dataflow.yaml'));
  assert.ok(dataflow.filenames?.includes('crmflow.yaml'));
  assert.ok(dataflow.configuration && existsSync(join(root, dataflow.configuration)), dataflow.configuration);
});

test('every grammar file exists, has the declared scope and names only declared languages', () => {
  assert.ok(grammars.length >= 2);
  for (const g of grammars) {
    const file = join(root, g.path);
    assert.ok(existsSync(file), `${g.scopeName}: missing ${g.path}`);
    const grammar = JSON.parse(readFileSync(file, 'utf8')) as { scopeName: string };
    assert.equal(grammar.scopeName, g.scopeName, g.path);
    if (g.language !== undefined) assert.ok(languageIds.has(g.language), `${g.path}: unknown language ${g.language}`);
    for (const id of Object.values(g.embeddedLanguages ?? {})) {
      assert.ok(languageIds.has(id), `${g.path}: embedded language ${id} is not declared`);
    }
  }
  assert.ok(grammars.some((g) => g.language === 'crm-dataflow' && g.scopeName === 'source.crm-dataflow'));
  assert.ok(grammars.some((g) => g.scopeName === 'source.dataprep'));
});
