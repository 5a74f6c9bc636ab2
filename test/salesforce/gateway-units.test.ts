import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CsvError, CsvParser } from '../../server/salesforce/gateway/csv';
import { parseEnvFile, setEnvFileValue } from '../../server/salesforce/connections/envFile';
import { CliSecretSource, secretVariableName, upperSnake } from '../../server/salesforce/connections/secretSource';
import { connectionConfig } from '../../server/salesforce/connections/connectionConfig';
import { isLoopbackHost, proxyFor, proxySettingsFromEnv } from '../../server/salesforce/gateway/proxy';
import { Redactor } from '../../server/salesforce/gateway/redact';
import { buildCount, buildSelect, checkSelect, normaliseDateTime } from '../../server/salesforce/gateway/soql';
import { cleanDetail } from '../../server/salesforce/gateway/errors';
import { RecordShaper } from '../../server/salesforce/gateway/records';
import { beginWebServerFlow } from '../../server/salesforce/gateway/webServerFlow';
import type { SObjectDescribe } from '../../server/salesforce/describeTypes';

function parseAll(chunks: (string | Buffer)[], delimiter = ','): string[][] {
  const rows: string[][] = [];
  const p = new CsvParser((cells) => rows.push(cells), delimiter);
  for (const c of chunks) p.push(c);
  p.end();
  return rows;
}

describe('CsvParser (RFC 4180, streaming)', () => {
  it('reads Salesforce-quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = '"Id","Name","Note"\n"001","Acme, Inc.","said ""hi""\r\nthen left"\n"002","",""\n';
    assert.deepEqual(parseAll([text]), [['Id', 'Name', 'Note'], ['001', 'Acme, Inc.', 'said "hi"\r\nthen left'], ['002', '', '']]);
  });

  it('reads unquoted and empty fields, CRLF rows and a last row without a line break', () => {
    assert.deepEqual(parseAll(['a,b,,c\r\n1,,3,\r\nx,y,z,w']), [['a', 'b', '', 'c'], ['1', '', '3', ''], ['x', 'y', 'z', 'w']]);
  });

  it('gives the same rows however the text is split, even inside a UTF-8 character', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r\n', ' ', 'é', '€', '𝄞', ';'), maxLength: 12 });
    fc.assert(fc.property(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 }),
      (rows, cuts) => {
        const width = rows[0].length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const text = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
        const bytes = Buffer.from(text, 'utf8');
        const chunks: Buffer[] = [];
        let at = 0;
        for (let i = 0; at < bytes.length; i++) {
          const n = cuts[i % cuts.length];
          chunks.push(bytes.subarray(at, at + n));
          at += n;
        }
        assert.deepEqual(parseAll(chunks), table);
      },
    ), { numRuns: 300, seed: 4 });
  });

  it('honours another delimiter', () => {
    assert.deepEqual(parseAll(['"a";"b;c"\n'], ';'), [['a', 'b;c']], 'semicolon');
    assert.deepEqual(parseAll(['a|b\n'], '|'), [['a', 'b']]);
  });

  it('rejects malformed text with the row number', () => {
    assert.throws(() => parseAll(['"a","b\n']), (e: unknown) => e instanceof CsvError && /row 1: the text ends inside a quoted field/.test(e.message));
    assert.throws(() => parseAll(['"a"x,"b"\n']), /row 1: unexpected 'x' after a quoted field/);
    assert.throws(() => parseAll(['ok\nab"c\n']), /row 2: a quote inside an unquoted field/);
  });

  it('is fast enough for the extraction bar (≥ 1,000,000 rows of 10 fields in well under 10 s)', () => {
    const row = '"0031000000abcdEAAQ","Firstname","Lastname","first.last@example.com","+1 415 555 0100","2024-01-05T03:41:05.000Z","true","123.45","Some City","US"\n';
    const chunk = row.repeat(2000);
    let n = 0;
    const p = new CsvParser(() => void n++);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) p.push(chunk);
    p.end();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(n, 200_000);
    assert.ok(ms < 2000, `200,000 rows took ${ms.toFixed(0)} ms`);
  });
});

describe('connections: secrets, env file, config', () => {
  it('names secret variables CRMFLOW_<CONN>_<KEY> in upper snake case', () => {
    assert.equal(upperSnake('acme-prod'), 'ACME_PROD');
    assert.equal(secretVariableName('acme-prod', 'securityToken'), 'CRMFLOW_ACME_PROD_SECURITY_TOKEN');
    assert.equal(secretVariableName('myOrg2', 'privateKeyFile'), 'CRMFLOW_MY_ORG2_PRIVATE_KEY_FILE');
  });

  it('parses .crmflow.env (comments, export, quotes, escapes) and updates one line', () => {
    const { values, badLines } = parseEnvFile('# c\nexport A=1\nB = "x\\ny \\"q\\""\nC=\'lit\\n\'\nD=plain # note\nnot a line\n');
    assert.deepEqual([...values], [['A', '1'], ['B', 'x\ny "q"'], ['C', 'lit\\n'], ['D', 'plain']]);
    assert.deepEqual(badLines, [6]);
    assert.equal(setEnvFileValue('A=1\nB=2\n', 'B', 'new value'), 'A=1\nB="new value"\n');
    assert.equal(setEnvFileValue('A=1\n', 'C', 'v'), 'A=1\nC=v\n');
  });

  it('CLI secrets: values set this run, then the environment, then .crmflow.env', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'crmflow-env-'));
    try {
      writeFileSync(path.join(root, '.crmflow.env'), 'CRMFLOW_ACME_PASSWORD=from-file\nCRMFLOW_ACME_SECURITY_TOKEN=tok-file\n');
      const s = new CliSecretSource(root, { CRMFLOW_ACME_PASSWORD: 'from-env' });
      assert.equal(await s.get('acme', 'password'), 'from-env');
      assert.equal(await s.get('acme', 'securityToken'), 'tok-file');
      assert.equal(await s.get('acme', 'clientSecret'), undefined);
      await s.set('acme', 'accessToken', 'at-1');
      assert.equal(await s.get('acme', 'accessToken'), 'at-1');
      assert.ok(!readFileSync(path.join(root, '.crmflow.env'), 'utf8').includes('at-1'), 'not persisted unless asked');
      const persisting = new CliSecretSource(root, {}, { persist: true });
      await persisting.set('acme', 'accessToken', 'at-2');
      assert.match(readFileSync(path.join(root, '.crmflow.env'), 'utf8'), /^CRMFLOW_ACME_ACCESS_TOKEN=at-2$/m);
      assert.equal(await new CliSecretSource(root, {}).get('acme', 'accessToken'), 'at-2');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('validates and completes connection declarations', () => {
    const ok = connectionConfig({ name: 'acme', kind: 'jwt', loginUrl: 'https://acme.my.salesforce.com/', apiVersion: 'v61.0' });
    assert.ok('config' in ok);
    assert.deepEqual(ok.config, { name: 'acme', kind: 'jwt', loginUrl: 'https://acme.my.salesforce.com', apiVersion: '61.0' });
    const emu = connectionConfig({ name: 'local', kind: 'emulator' });
    assert.ok('config' in emu && emu.config.loginUrl === 'http://127.0.0.1:6110');
    assert.match((connectionConfig({ name: 'x', kind: 'saml' }) as { error: string }).error, /unknown kind 'saml'/);
    assert.match((connectionConfig({ name: 'x', loginUrl: 'ftp://x' }) as { error: string }).error, /not an http\(s\) URL/);
    assert.match((connectionConfig({ name: 'x', apiVersion: 'latest' }) as { error: string }).error, /apiVersion/);
  });
});

describe('proxy decisions', () => {
  const settings = proxySettingsFromEnv({ https_proxy: 'http://proxy:3128', NO_PROXY: 'internal.example, .corp.example,10.0.0.5,host:8443' });
  it('loopback always goes direct', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'api.localhost', '[::1]', '::1']) assert.ok(isLoopbackHost(h), h);
    assert.equal(proxyFor('http://127.0.0.1:6110/services/oauth2/token', settings), undefined);
    assert.equal(proxyFor('http://localhost:6110/x', settings), undefined);
  });
  it('NO_PROXY hosts, domains, IPs and host:port go direct; the rest use the proxy', () => {
    assert.equal(proxyFor('https://login.salesforce.com/services/oauth2/token', settings), 'http://proxy:3128');
    assert.equal(proxyFor('http://acme.example/x', settings), 'http://proxy:3128', 'http_proxy falls back on https_proxy');
    assert.equal(proxyFor('https://internal.example/x', settings), undefined);
    assert.equal(proxyFor('https://a.b.corp.example/x', settings), undefined);
    assert.equal(proxyFor('https://corp.example/x', settings), undefined);
    assert.equal(proxyFor('https://10.0.0.5/x', settings), undefined);
    assert.equal(proxyFor('https://host:8443/x', settings), undefined);
    assert.equal(proxyFor('https://host/x', settings), 'http://proxy:3128');
    assert.equal(proxyFor('https://x.example/', proxySettingsFromEnv({ HTTPS_PROXY: 'http://p:1', no_proxy: '*' })), undefined);
    assert.equal(proxyFor('https://x.example/', proxySettingsFromEnv({})), undefined);
  });
});

describe('redaction, SOQL, messages, records, PKCE', () => {
  it('masks known secrets and secret-shaped text', () => {
    const r = new Redactor();
    r.add('hunter2-password', 'TOKEN123', 'x');
    const text = r.redact('login hunter2-passwordTOKEN123 with Bearer 00Dabc!def and access_token=zzz&x=1 "refresh_token":"rt-1" <sessionId>sid</sessionId> x');
    assert.ok(!/hunter2|TOKEN123|00Dabc|zzz|rt-1|>sid</.test(text), text);
    assert.match(text, /Bearer •••/);
    assert.match(text, / x$/, 'short values are not masked');
    assert.equal(r.redact('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----'), '•••');
  });

  it('builds extraction SOQL with an unquoted UTC cursor literal', () => {
    const spec = { object: 'Contact', fields: ['Id', 'Account.Name'], where: "LeadSource = 'Web'", since: '2024-01-05T03:41:05.000+0000' };
    assert.equal(checkSelect(spec), undefined);
    assert.equal(buildSelect(spec), "SELECT Id, Account.Name, SystemModstamp FROM Contact WHERE (LeadSource = 'Web') AND SystemModstamp > 2024-01-05T03:41:05.000Z");
    assert.equal(buildCount({ ...spec, inclusive: true }), "SELECT COUNT() FROM Contact WHERE (LeadSource = 'Web') AND SystemModstamp >= 2024-01-05T03:41:05.000Z");
    assert.equal(buildSelect({ object: 'Lead', fields: ['Id'], limit: 5 }), 'SELECT Id FROM Lead LIMIT 5');
    assert.match(checkSelect({ object: 'Contact', fields: ['Id,Name'] }) as string, /not a field API name/);
    assert.match(checkSelect({ object: 'Con tact', fields: ['Id'] }) as string, /not an sObject API name/);
    assert.match(checkSelect({ object: 'Contact', fields: ['Id'], since: 'yesterday' }) as string, /not a date-time/);
    assert.equal(normaliseDateTime('2024-01-05T03:41:05.000+0530'), '2024-01-04T22:11:05.000Z');
  });

  it('cleans SOQL error text down to the reason and its position', () => {
    const raw = "\nSELECT Idx FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Idx' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
    assert.equal(cleanDetail(raw), "No such column 'Idx' on entity 'Account' (row 1, column 8)");
    assert.equal(cleanDetail('Session expired or invalid'), 'Session expired or invalid');
  });

  it('shapes REST and Bulk rows into the same typed record', () => {
    const describe = { name: 'Contact', fields: [
      { name: 'Id', type: 'id' }, { name: 'Score__c', type: 'double' }, { name: 'Active__c', type: 'boolean' }, { name: 'SystemModstamp', type: 'datetime' }, { name: 'Note', type: 'string' },
    ] } as unknown as SObjectDescribe;
    const fields = ['Id', 'Score__c', 'Active__c', 'SystemModstamp', 'Note', 'Account.Name'];
    const shaper = new RecordShaper(fields, describe);
    const rest = shaper.fromRest({ attributes: { type: 'Contact' }, Id: '003', Score__c: 1.5, Active__c: true, SystemModstamp: '2024-01-05T03:41:05.000+0000', Note: null, Account: { attributes: {}, Name: 'Acme' } });
    const bulk = shaper.bulkRows(['ID', 'score__c', 'Active__c', 'SystemModstamp', 'Note', 'Account.Name'])(['003', '1.5', 'true', '2024-01-05T03:41:05.000Z', '', 'Acme']);
    assert.deepEqual(rest, { Id: '003', Score__c: 1.5, Active__c: true, SystemModstamp: '2024-01-05T03:41:05.000Z', Note: null, 'Account.Name': 'Acme' });
    assert.deepEqual(bulk, rest);
    assert.equal(shaper.fromRest({ Id: '1', Account: null })['Account.Name'], null);
  });

  it('PKCE: the challenge is the S256 of the verifier, which never appears in the URL', () => {
    const s = beginWebServerFlow({ loginUrl: 'https://login.salesforce.com/', clientId: 'cid', redirectUri: 'http://localhost:1717/cb' });
    const url = new URL(s.url);
    assert.equal(url.origin + url.pathname, 'https://login.salesforce.com/services/oauth2/authorize');
    assert.equal(url.searchParams.get('code_challenge'), createHash('sha256').update(s.verifier).digest('base64url'));
    assert.ok(s.verifier.length >= 43 && s.verifier.length <= 128);
    assert.equal(url.searchParams.get('redirect_uri'), 'http://localhost:1717/cb');
    assert.ok(!s.url.includes(s.verifier));
  });
});
