// The local Salesforce emulator (dist/cli.js emulator) for the UI checks, on a free loopback port,
// and the workspace copy's `acme` connection (kind emulator) pointed at it, so that org commands
// run from the palette reach it. Only the copy changes; connection names stay as the example has them.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const START_TIMEOUT_MS = 20_000;

/** Starts the emulator; resolves with its URL and a stop() that ends it. */
export async function startEmulator(root, records) {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run node scripts/build.mjs`);
  const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--records', String(records), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  let timer;
  try {
    const line = await new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the emulator did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
    });
    return { url: JSON.parse(line).url, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Points `connection` (its loginUrl line) of the workspace's crmflow.yaml at url. */
export function pointConnectionAt(workspace, connection, url) {
  const file = join(workspace, 'crmflow.yaml');
  const text = readFileSync(file, 'utf8');
  const block = new RegExp(`(\\n  ${connection}:\\n(?:    .*\\n)*?    loginUrl: ).*\\n`);
  if (!block.test(text)) throw new Error(`no loginUrl of connection '${connection}' in ${file}`);
  writeFileSync(file, text.replace(block, `$1${url}\n`));
}
