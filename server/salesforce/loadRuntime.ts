/**
 * Loads the Salesforce runtime on first use: the separate bundle next to the server
 * bundle when built, the sources otherwise (tests run from sources).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export type SalesforceRuntime = typeof import('./runtime');

/** `bundleDir`: where dist/salesforce.js would be, i.e. the server bundle's __dirname. */
export function loadSalesforceRuntime(bundleDir: string): SalesforceRuntime {
  const bundled = path.join(bundleDir, 'salesforce.js');
  // a computed id: esbuild leaves this require alone instead of inlining jsforce
  const id = existsSync(bundled) ? bundled : path.join(__dirname, 'runtime');
  return require(id) as SalesforceRuntime;
}
