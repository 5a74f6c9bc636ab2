/**
 * `node --import tsx bench/org-tree-bench.ts`: the org tree of a 1,000-object org from
 * the describe cache, over stdio against the built server (dist/server.js), as the view
 * asks for it: connections, then the connection's groups, then every custom object, then
 * the fields of one wide object. Cold = the first request after the server started (it
 * reads describeGlobal.json); warm = the median of repeats. The bar: first level
 * of a 1,000-object org in ≤ 200 ms. A script, not a timed test: the machine is shared.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OrgTreeRequest, type OrgTreeNode } from '../shared/protocol';
import { fileUri, LspTestClient } from '../test/helpers/lspClient';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 1000);
const FIELDS = 400;

function writeOrg(root: string): void {
  const dir = path.join(root, '.crmflow', 'metadata', 'big');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(root, 'crmflow.yaml'), 'connections:\n  big:\n    kind: emulator\n');
  const sobjects = Array.from({ length: OBJECTS }, (_, i) => {
    const custom = i >= 100;
    const name = custom ? `Object${String(i).padStart(4, '0')}__c` : `Standard${String(i).padStart(3, '0')}`;
    return { name, label: `Object ${i}`, labelPlural: `Objects ${i}`, custom, queryable: i % 10 !== 9, keyPrefix: null, urls: {} };
  });
  writeFileSync(path.join(dir, 'describeGlobal.json'), JSON.stringify({ encoding: 'UTF-8', maxBatchSize: 200, sobjects }));
  const fields = Array.from({ length: FIELDS }, (_, i) => ({
    name: i === 0 ? 'Id' : `Field${i}__c`, label: `Field ${i}`, type: i === 0 ? 'id' : ['string', 'double', 'picklist', 'date', 'boolean'][i % 5],
    length: 80, precision: 18, scale: 2, nillable: true, custom: i > 0, picklistValues: [], referenceTo: [], relationshipName: null,
  }));
  writeFileSync(path.join(dir, 'Object0100__c.json'), JSON.stringify({ name: 'Object0100__c', label: 'Object 100', labelPlural: 'Objects 100', custom: true, queryable: true, keyPrefix: null, fields }));
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'crmflow-org-bench-'));
  writeOrg(root);
  const client = await LspTestClient.start(root);
  const folders = [fileUri(root)];
  const level = (parent?: OrgTreeNode) => client.connection.sendRequest(OrgTreeRequest.type, { folders, ...(parent ? { parent: parent.ref } : {}) });
  try {
    const [coldRoot, roots] = await timed(() => level());
    const [coldGroups, groups] = await timed(() => level(roots[0]));
    const custom = groups.find((g) => g.label === 'Custom objects')!;
    const [coldObjects, objects] = await timed(() => level(custom));
    const wide = objects.find((o) => o.label === 'Object0100__c')!;
    const [coldFields, fields] = await timed(() => level(wide));
    const warm = { root: [] as number[], groups: [] as number[], objects: [] as number[], fields: [] as number[] };
    for (let i = 0; i < 15; i++) {
      warm.root.push((await timed(() => level()))[0]);
      warm.groups.push((await timed(() => level(roots[0])))[0]);
      warm.objects.push((await timed(() => level(custom)))[0]);
      warm.fields.push((await timed(() => level(wide)))[0]);
    }
    // the same org in another folder: cold cache, warm server (what a Refresh or a second project costs)
    const other = mkdtempSync(path.join(tmpdir(), 'crmflow-org-bench-'));
    writeOrg(other);
    const otherFolders = [fileUri(other)];
    const [secondRoot, otherRoots] = await timed(() => client.connection.sendRequest(OrgTreeRequest.type, { folders: otherFolders }));
    const [secondGroups, otherGroups] = await timed(() => client.connection.sendRequest(OrgTreeRequest.type, { folders: otherFolders, parent: otherRoots[0].ref }));
    const [secondObjects] = await timed(() => client.connection.sendRequest(OrgTreeRequest.type, { folders: otherFolders, parent: otherGroups.find((g) => g.label === 'Custom objects')!.ref }));
    rmSync(other, { recursive: true, force: true });
    const row = (what: string, n: number, cold: number, w: number[]) => console.log(`${what.padEnd(34)} ${String(n).padStart(5)} nodes   cold ${cold.toFixed(1).padStart(6)} ms   warm p50 ${median(w).toFixed(1).padStart(6)} ms`);
    console.log(`org tree over stdio, ${OBJECTS} objects in describeGlobal (${OBJECTS - Math.floor(OBJECTS / 10)} queryable)`);
    row('connections (root)', roots.length, coldRoot, warm.root);
    row('connection → groups (reads cache)', groups.length, coldGroups, warm.groups);
    row('custom objects', objects.length, coldObjects, warm.objects);
    row(`fields of a ${FIELDS}-field object`, fields.length, coldFields, warm.fields);
    const first = coldRoot + coldGroups + coldObjects;
    const second = secondRoot + secondGroups + secondObjects;
    console.log(`first level, first request of a fresh server (includes its one-time JIT warm-up): ${first.toFixed(1)} ms`);
    console.log(`first level, cold cache in a running server: ${second.toFixed(1)} ms — bar ≤ 200 ms: ${second <= 200 ? 'met' : 'NOT met'}`);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
