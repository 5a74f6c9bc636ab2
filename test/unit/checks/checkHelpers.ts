/** Small dataflows checked by the example workspace's service, and the text each problem covers. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DataflowService } from '../../../server/service';
import type { Problem } from '../../../server/util/problems';
import { spanText } from '../../helpers/cursor';
import { DATAFLOWS, exampleService } from '../../helpers/workspace';

export const FILE = path.join(DATAFLOWS, 'checks-test.dataflow.yaml');

/** Header of a Contact → B2B person dataflow; tests append their own mappings. */
export const HEADER = `dataflow: Checks
source:
  connection: acme
  object: Contact
target:
  dataset: Salesforce Contacts
  schema: ../schemas/b2b-person.schema.json
`;

export function problemsOf(text: string, service: DataflowService = exampleService(), file = FILE): Problem[] {
  return service.analyse({ path: file, text }).problems;
}

/** `code: covered text` of every problem with one of `codes`, in document order. */
export function covered(text: string, problems: readonly Problem[], codes?: readonly string[]): string[] {
  return problems
    .filter((p) => !codes || codes.includes(p.code))
    .sort((a, b) => a.span.start - b.span.start)
    .map((p) => `${p.code}: ${spanText(text, p.span)}`);
}

/** The single problem with `code`, asserting there is exactly one. */
export function only(problems: readonly Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(problems.map((p) => p.code))}`);
  return found[0]!;
}
