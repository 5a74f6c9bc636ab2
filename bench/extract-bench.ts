/**
 * `node --import tsx bench/extract-bench.ts [--records N] [--page-size N] [--batch-size N] [--source emulator|synthetic] [--server-cpu-prof DIR]`
 *
 * Extracts Contacts (10 fields) through Bulk API 2.0 with the gateway's streaming path
 * from an emulator running in a child process, and prints records/s and the peak RSS of
 * this (the extracting) process against the bars: ≥ 100,000 records/s, ≤ 300 MB for
 * 1,000,000 Contacts. A script, not a timed test: the machine is shared. `--server-cpu-prof DIR`
 * runs the server child under `node --cpu-prof` and leaves its profile in DIR.
 */
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MemorySecretSource } from '../server/salesforce/connections/secretSource';
import { SalesforceGateway } from '../server/salesforce/gateway/gateway';
import { extractRecords } from '../server/salesforce/gateway/extract';

const FIELDS = ['Id', 'FirstName', 'LastName', 'Email', 'Phone', 'Title', 'AccountId', 'MailingCity', 'MailingCountry', 'SystemModstamp'];
const BAR_RECORDS_PER_S = 100_000;
const BAR_RSS_MB = 300;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const v = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive whole number`);
  return v;
}

/** user+system CPU seconds of another process (Linux /proc; NaN elsewhere). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

interface EmulatorInfo {
  url: string;
  apiVersion: string;
  credentials: { username: string; password: string; securityToken: string; clientId: string; clientSecret: string };
}

/** Starts `crmflow emulator --json` in a child process (node --import tsx, a one-line entry). */
function spawnEmulator(records: number, nodeArgs: string[]): Promise<{ child: ChildProcess; info: EmulatorInfo }> {
  const serverModule = path.join(__dirname, '..', 'server', 'salesforce', 'emulator', 'server.ts');
  const entry = `require(${JSON.stringify(serverModule)}).emulatorMain(process.argv.slice(1))`;
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', '-e', entry, '--', '--records', String(records), '--seed', '1', '--json'], {
    cwd: path.join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env },
  });
  return readInfo(child);
}

/**
 * `--source synthetic`: a child serving the same Bulk 2.0 protocol from canned rows as
 * fast as it can, to measure the extracting side alone (the emulator generates its rows).
 */
const SYNTHETIC_SERVER = String.raw`
const http = require('node:http');
const total = Number(process.argv[1]);
const header = '"Id","FirstName","LastName","Email","Phone","Title","AccountId","MailingCity","MailingCountry","SystemModstamp"\n';
const row = (i) => '"003' + String(i).padStart(15, '0') + '","Ada","Lovelace","ada.lovelace' + (i % 997) + '@example.com","+1 415 555 ' + String(i % 10000).padStart(4, '0') + '","Engineer","001' + String(i % 50000).padStart(15, '0') + '","London","United Kingdom","2024-0' + (1 + i % 9) + '-15T10:20:30.000Z"\n';
const json = (res, body) => res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'sforce-limit-info': 'api-usage=1/100000' }).end(JSON.stringify(body));
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/services/oauth2/token') return json(res, { access_token: '00Dsynthetic!token', instance_url: 'http://127.0.0.1:' + server.address().port, id: 'http://x/id/00D000000000001AAA/005000000000001AAA', token_type: 'Bearer', issued_at: '1', signature: 's' });
  if (url.pathname.endsWith('/describe')) return json(res, { name: 'Contact', fields: ['Id','FirstName','LastName','Email','Phone','Title','AccountId','MailingCity','MailingCountry','SystemModstamp'].map((name) => ({ name, type: name === 'SystemModstamp' ? 'datetime' : name.endsWith('Id') ? 'reference' : 'string' })) });
  if (req.method === 'POST') return json(res, { id: '750000000000001AAA', state: 'UploadComplete' });
  if (req.method === 'DELETE') return res.writeHead(204).end();
  if (!url.pathname.endsWith('/results')) return json(res, { id: '750000000000001AAA', state: 'JobComplete', numberRecordsProcessed: total });
  const from = Number(Buffer.from(url.searchParams.get('locator') || 'MA', 'base64').toString() || 0);
  const to = Math.min(total, from + Number(url.searchParams.get('maxRecords') || 100000));
  res.writeHead(200, { 'content-type': 'text/csv', 'sforce-numberofrecords': String(to - from), 'sforce-locator': to < total ? Buffer.from(String(to)).toString('base64') : 'null' });
  res.write(header);
  let i = from;
  const pump = () => {
    while (i < to) {
      let chunk = '';
      const end = Math.min(to, i + 1000);
      for (; i < end; i++) chunk += row(i);
      if (!res.write(chunk)) return res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port, apiVersion: '62.0', credentials: { username: 'u', password: 'p', securityToken: '', clientId: 'c', clientSecret: 's' } }) + '\n'));
`;

function spawnSynthetic(records: number, nodeArgs: string[]): Promise<{ child: ChildProcess; info: EmulatorInfo }> {
  const child = spawn(process.execPath, [...nodeArgs, '-e', SYNTHETIC_SERVER, String(records)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return readInfo(child);
}

function readInfo(child: ChildProcess): Promise<{ child: ChildProcess; info: EmulatorInfo }> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`the server child exited with code ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = buffer.split('\n').find((l) => l.trim().startsWith('{'));
      if (line) {
        child.removeAllListeners('exit');
        resolve({ child, info: JSON.parse(line) as EmulatorInfo });
      }
    });
  });
}

async function main(): Promise<void> {
  const records = flag('--records', 1_000_000);
  const pageSize = flag('--page-size', 100_000);
  const batchSize = flag('--batch-size', 2000);
  const sourceAt = process.argv.indexOf('--source');
  const source = sourceAt >= 0 ? process.argv[sourceAt + 1] : 'emulator';
  if (source !== 'emulator' && source !== 'synthetic') throw new Error('--source is emulator or synthetic');
  const profAt = process.argv.indexOf('--server-cpu-prof');
  const nodeArgs = profAt >= 0 ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.argv[profAt + 1] ?? '.')] : [];
  const { child, info } = source === 'synthetic' ? await spawnSynthetic(records, nodeArgs) : await spawnEmulator(records, nodeArgs);
  const c = info.credentials;
  const gateway = new SalesforceGateway(
    { name: 'bench', kind: 'password', loginUrl: info.url, apiVersion: info.apiVersion, username: c.username, clientId: c.clientId },
    { secrets: new MemorySecretSource({ bench: { password: c.password, securityToken: c.securityToken, clientSecret: c.clientSecret } }) },
  );
  try {
    await gateway.connect();
    const rssBefore = vmHwmMb();
    const cpuBefore = process.cpuUsage();
    const childCpuBefore = cpuSecondsOf(child.pid);
    const started = process.hrtime.bigint();
    let firstAt: bigint | undefined;
    let count = 0;
    let checksum = 0;
    let samplePeak = 0;
    const sampler = setInterval(() => {
      samplePeak = Math.max(samplePeak, process.memoryUsage().rss / 1048576);
    }, 100);
    const extraction = extractRecords(gateway, { object: 'Contact', fields: FIELDS, api: 'bulk', batchSize, bulk: { pageSize, pollIntervalMs: 200, maxPollIntervalMs: 1000 } });
    const rssByPage: number[] = [];
    let page = 0;
    for await (const batch of extraction) {
      firstAt ??= process.hrtime.bigint();
      if (batch.page !== page) {
        page = batch.page;
        rssByPage.push(Math.round(process.memoryUsage().rss / 1048576));
      }
      count += batch.records.length;
      for (const r of batch.records) checksum += String(r.Id).length;
    }
    const ended = process.hrtime.bigint();
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const ownCpuS = (cpu.user + cpu.system) / 1e6;
    const childCpuS = cpuSecondsOf(child.pid) - childCpuBefore;
    const totalS = Number(ended - started) / 1e9;
    const streamS = Number(ended - (firstAt ?? ended)) / 1e9;
    const perS = count / totalS;
    const peak = vmHwmMb();
    const usage = gateway.apiUsage;
    const line = (k: string, v: string) => process.stdout.write(`${k.padEnd(34)} ${v}\n`);
    process.stdout.write(`\nBulk API 2.0 extraction from the ${source === 'emulator' ? 'emulator' : 'synthetic Bulk server'}: ${records.toLocaleString('en-US')} Contacts × ${FIELDS.length} fields (page ${pageSize}, batch ${batchSize})\n`);
    line('records extracted', `${count.toLocaleString('en-US')} (checksum ${checksum})`);
    line('total time (job + pages)', `${totalS.toFixed(2)} s`);
    line('streaming time (first batch → end)', `${streamS.toFixed(2)} s`);
    line('records/s (total)', `${Math.round(perS).toLocaleString('en-US')}  ${perS >= BAR_RECORDS_PER_S ? 'PASS' : 'FAIL'} (bar ≥ ${BAR_RECORDS_PER_S.toLocaleString('en-US')})`);
    line('records/s (streaming)', `${Math.round(count / Math.max(streamS, 1e-9)).toLocaleString('en-US')}`);
    line('peak RSS of this process (VmHWM)', `${peak.toFixed(0)} MB  ${peak <= BAR_RSS_MB ? 'PASS' : 'FAIL'} (bar ≤ ${BAR_RSS_MB} MB; ${rssBefore.toFixed(0)} MB before extracting)`);
    line('peak RSS sampled during extraction', `${samplePeak.toFixed(0)} MB`);
    line('RSS at the start of each page (MB)', rssByPage.join(' '));
    line('CPU seconds: extractor / server', `${ownCpuS.toFixed(1)} / ${childCpuS.toFixed(1)} (extractor alone: ${Math.round(count / Math.max(ownCpuS, 1e-9)).toLocaleString('en-US')} records per CPU-second)`);
    line('result pages / API calls', `${Math.ceil(count / pageSize)} / ${usage ? `${usage.used} used of ${usage.max}` : 'n/a'}`);
    process.exitCode = count === records || count > 0 ? 0 : 1;
  } finally {
    gateway.close();
    child.kill('SIGTERM');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`extract-bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
