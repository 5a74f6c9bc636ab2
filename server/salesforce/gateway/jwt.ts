/**
 * The OAuth 2.0 JWT bearer assertion Salesforce expects: RS256 over
 * `{iss: consumer key, sub: username, aud: login host, exp}`, signed with node:crypto
 * (jsforce has no helper for it).
 */
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { isLoopbackHost } from './proxy';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface JwtClaimsInput {
  clientId: string;
  username: string;
  audience: string;
  /** PEM (PKCS#1 or PKCS#8) RSA private key */
  privateKey: string;
  /** seconds the assertion is valid (Salesforce allows at most 3 minutes of skew; default 180) */
  lifetimeSeconds?: number;
  nowMs?: number;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * The `aud` claim for a login URL: the URL itself for login/test.salesforce.com and local
 * hosts; test.salesforce.com for sandbox My Domains; login.salesforce.com otherwise.
 */
export function jwtAudience(loginUrl: string): string {
  const url = new URL(loginUrl);
  const host = url.hostname.toLowerCase();
  if (host === 'login.salesforce.com' || host === 'test.salesforce.com' || isLoopbackHost(host)) return url.origin;
  if (host.endsWith('.sandbox.my.salesforce.com')) return 'https://test.salesforce.com';
  return 'https://login.salesforce.com';
}

/** Parses the key once; the error never contains key material. */
export function loadPrivateKey(pem: string): KeyObject {
  try {
    const key = createPrivateKey({ key: pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
    return key;
  } catch {
    throw new Error('the private key is not a readable PEM RSA private key');
  }
}

export function signJwtAssertion(input: JwtClaimsInput): string {
  const nowSeconds = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const header = { alg: 'RS256', typ: 'JWT' };
  const claims = { iss: input.clientId, sub: input.username, aud: input.audience, exp: nowSeconds + (input.lifetimeSeconds ?? 180) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(loadPrivateKey(input.privateKey));
  return `${signingInput}.${base64url(signature)}`;
}
