/** Which changed files re-check open dataflows: any schema they name, not only *.schema.json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { affectsChecks, schemaFilesOf } from '../../../server/checks/watchedFiles';
import { WATCHED_GLOBS } from '../../../shared/protocol';
import { EXAMPLES, exampleService } from '../../helpers/workspace';
import { FILE, HEADER } from './checkHelpers';

const PERSON = path.join(EXAMPLES, 'schemas', 'person.json');

test('a dataflow depends on its own schema file, whatever it is called, and its project\'s dataset schemas', () => {
  const service = exampleService();
  const text = HEADER.replace('../schemas/b2b-person.schema.json', '../schemas/person.json');
  const files = schemaFilesOf(service.analyse({ path: FILE, text }).context);
  assert.deepEqual(files.sort(), [
    path.join(EXAMPLES, 'schemas', 'b2b-account.schema.json'),
    path.join(EXAMPLES, 'schemas', 'b2b-person.schema.json'),
    PERSON,
  ]);
});

test('only files open dataflows depend on are worth a re-check, and dependencies are asked for lazily', () => {
  let asked = 0;
  const deps = () => {
    asked++;
    return new Set([PERSON]);
  };
  assert.equal(affectsChecks(PERSON, deps), true);
  assert.equal(affectsChecks(path.join(EXAMPLES, 'package.json'), deps), false);
  assert.equal(affectsChecks(path.join(EXAMPLES, 'schemas', 'other.json'), deps), false);
  assert.equal(asked, 3);
  // these always matter and need no dependency list
  for (const always of [
    path.join(EXAMPLES, 'crmflow.yaml'),
    path.join(EXAMPLES, 'crmflow.yml'),
    path.join(EXAMPLES, 'schemas', 'new.schema.json'),
    path.join(EXAMPLES, '.crmflow', 'metadata', 'acme', 'Contact.json'),
  ]) assert.equal(affectsChecks(always, deps), true, always);
  assert.equal(asked, 3);
  // when the adapter cannot tell, it re-checks
  assert.equal(affectsChecks(path.join(EXAMPLES, 'package.json'), () => 'unknown'), true);
});

test('the watched globs cover a schema with any JSON name', () => {
  const matches = (rel: string) => WATCHED_GLOBS.some((g) => globRegExp(g).test(rel));
  for (const rel of ['schemas/person.json', 'person.json', 'schemas/b2b-person.schema.json', '.crmflow/metadata/acme/Contact.json', 'crmflow.yaml', 'sub/crmflow.yml']) {
    assert.ok(matches(rel), rel);
  }
  assert.ok(!matches('dataflows/contacts.dataflow.yaml'));
});

/** Just the glob syntax WATCHED_GLOBS uses: `**` + `/`, `*` and `{a,b}`. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
