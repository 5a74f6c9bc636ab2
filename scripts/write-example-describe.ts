/**
 * Writes the example workspace's describe cache (`examples/.crmflow/metadata/acme/*.json`) from the
 * emulator's metadata, pretty-printed in exactly the shape a real org returns.
 * Run: node --import tsx scripts/write-example-describe.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from '../server/salesforce/emulator/metadata/catalog';

const API_VERSION = '62.0';
const outDir = join(__dirname, '..', 'examples', '.crmflow', 'metadata', 'acme');
const catalog = new Catalog();

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'describeGlobal.json'), JSON.stringify(catalog.describeGlobal(API_VERSION), null, 2) + '\n');
for (const object of catalog.objects()) {
  writeFileSync(join(outDir, `${object.name}.json`), JSON.stringify(catalog.describe(object.name, API_VERSION), null, 2) + '\n');
}
process.stdout.write(`wrote ${catalog.objects().length + 1} files to ${outDir}\n`);
