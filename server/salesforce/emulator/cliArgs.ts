/** Command-line flags of `crmflow emulator`, parsed into EmulatorOptions (errors are returned, never thrown). */
import type { EmulatorFaults, EmulatorOptions } from './options';

export const EMULATOR_USAGE = `Usage: crmflow emulator [options]

Runs a local Salesforce org on 127.0.0.1 (login host and instance in one) with generated data.

Options:
  --port N                    TCP port (default 6110, where a 'kind: emulator' connection looks; 0 = any free port)
  --seed S                    seed of the generated data (default 1)
  --records N                 number of Contacts; other objects scale from it (default 1000)
  --api-version V             newest API version served (default 62.0)
  --now ISO                   the org's current time (default: now)
  --json                      print the URL and credentials as one JSON line
  --jwt-cert FILE             the connected app's certificate (or RSA public key), PEM: JWT bearer
                              assertions must be signed by its key (default: any well-formed RS256 JWT)
Changing data:
  --churn N                   every second, N existing records change (one field value each, plus
                              LastModifiedDate and SystemModstamp), for incremental-load tests
  --churn-objects LIST        comma-separated objects that churn (default Account,Contact,Lead,Opportunity)
  Records can also be created, updated and deleted over REST (POST/PATCH/DELETE …/sobjects).
Faults:
  --latency MS                delay every response by MS milliseconds
  --expire-session-after N    expire all sessions once, after N API calls
  --request-limit N           daily API quota: calls after N get REQUEST_LIMIT_EXCEEDED
  --error-rate R              answer a share R (0-1) of GET calls with 503
  --fail-next-gets N          answer the first N GET calls with 503 (a retrying client still succeeds)
  --drop-connection-after N   cut the response after N calls mid-body (once)
  --fail-bulk-job N           make the N-th Bulk API 2.0 job fail
  -h, --help                  show this help
`;

export type ParsedEmulatorArgs =
  /** `jwtCertificateFile` is read by the caller into `options.jwtCertificate` */
  | { options: EmulatorOptions; json: boolean; jwtCertificateFile?: string }
  | { help: true }
  | { error: string };

const NUMBER_FLAGS: Readonly<Record<string, { key: keyof EmulatorOptions | keyof EmulatorFaults; fault: boolean; integer: boolean }>> = {
  '--port': { key: 'port', fault: false, integer: true },
  '--records': { key: 'records', fault: false, integer: true },
  '--latency': { key: 'latencyMs', fault: true, integer: true },
  '--expire-session-after': { key: 'expireSessionAfter', fault: true, integer: true },
  '--request-limit': { key: 'requestLimitAfter', fault: true, integer: true },
  '--error-rate': { key: 'serverErrorRate', fault: true, integer: false },
  '--drop-connection-after': { key: 'dropConnectionAfter', fault: true, integer: true },
  '--fail-bulk-job': { key: 'failBulkJob', fault: true, integer: true },
  '--fail-next-gets': { key: 'failNextGets', fault: true, integer: true },
};

export function parseEmulatorArgs(argv: readonly string[]): ParsedEmulatorArgs {
  const options: EmulatorOptions = {};
  const faults: EmulatorFaults = {};
  let json = false;
  let jwtCertificateFile: string | undefined;
  let churnPerSecond: number | undefined;
  let churnObjects: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '-h' || flag === '--help') return { help: true };
    if (flag === '--json') { json = true; continue; }
    if (flag === '--seed') {
      const v = value();
      if (v === undefined) return { error: '--seed needs a value' };
      options.seed = /^\d+$/.test(v) ? Number(v) : v;
      continue;
    }
    if (flag === '--api-version') {
      const v = value();
      if (!v || !/^\d{2}\.\d$/.test(v)) return { error: '--api-version needs a version like 62.0' };
      options.apiVersion = v;
      continue;
    }
    if (flag === '--now') {
      const v = value();
      if (!v || Number.isNaN(Date.parse(v))) return { error: '--now needs an ISO date/time' };
      options.now = v;
      continue;
    }
    if (flag === '--jwt-cert') {
      const v = value();
      if (!v) return { error: '--jwt-cert needs a PEM file' };
      jwtCertificateFile = v;
      continue;
    }
    if (flag === '--churn') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v)) return { error: '--churn needs a whole number >= 0 (records changed per second)' };
      churnPerSecond = Number(v);
      continue;
    }
    if (flag === '--churn-objects') {
      const v = value();
      const names = (v ?? '').split(',').map((name) => name.trim()).filter(Boolean);
      if (!names.length || names.some((name) => !/^\w+$/.test(name))) return { error: '--churn-objects needs object names separated by commas' };
      churnObjects = names;
      continue;
    }
    const spec = NUMBER_FLAGS[flag];
    if (!spec) return { error: `unknown option ${arg}` };
    const text = value();
    const n = Number(text);
    if (text === undefined || text === '' || !Number.isFinite(n) || n < 0 || (spec.integer && !Number.isInteger(n))) {
      return { error: `${flag} needs a ${spec.integer ? 'whole ' : ''}number >= 0` };
    }
    if (flag === '--error-rate' && n > 1) return { error: '--error-rate must be between 0 and 1' };
    if (spec.fault) (faults as Record<string, number>)[spec.key] = n;
    else (options as Record<string, unknown>)[spec.key] = n;
  }
  if (Object.keys(faults).length) options.faults = faults;
  if (churnObjects && churnPerSecond === undefined) return { error: '--churn-objects needs --churn N' };
  if (churnPerSecond !== undefined) options.churn = churnObjects ? { perSecond: churnPerSecond, objects: churnObjects } : { perSecond: churnPerSecond };
  return jwtCertificateFile === undefined ? { options, json } : { options, json, jwtCertificateFile };
}
