/** What the no-secret tests search for, and where: the forms a secret takes once encoded, and every file of a run. */
import type { KeyObject } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** A secret as it reads after a URL, a form body, XML or a JSON string has encoded it. */
export function encodings(secret: string): string[] {
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), xml, JSON.stringify(secret).slice(1, -1)])];
}

/** The PEM, its base64 body (whole and line by line) and the private JWK numbers: any of them is the key. */
export function keyMaterial(pem: string, key: KeyObject): string[] {
  const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  const jwk = key.export({ format: 'jwk' });
  return [pem.trim(), JSON.stringify(pem).slice(1, -1), body.join(''), ...body.filter((l) => l.length >= 16), jwk.d!, jwk.p!, jwk.q!];
}
