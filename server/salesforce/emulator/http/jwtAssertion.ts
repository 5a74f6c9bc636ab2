/**
 * The checks an org makes on a JWT bearer assertion: RS256 only, well-formed header, claims and
 * signature, iss = the connected app's consumer key, sub = a user, aud = a login host, exp not
 * passed; and, when the connected app's certificate is known, a signature that verifies.
 * Rejections carry the org's OAuth error and description.
 */
import { createPublicKey, createVerify, KeyObject, X509Certificate } from 'node:crypto';

export interface JwtRejection {
  error: 'invalid_grant' | 'invalid_client_id';
  description: string;
}

export interface JwtExpectations {
  clientId: string;
  isUser(username: string): boolean;
  /** accepted `aud` values, without trailing slashes */
  audiences: readonly string[];
  /** the connected app's key: signatures must verify against it; null = the key is unknown */
  publicKey: KeyObject | null;
  nowMs: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** RSA signature sizes of 2048-, 3072- and 4096-bit keys: Salesforce takes no smaller certificate. */
const RSA_SIGNATURE_BYTES = new Set([256, 384, 512]);

function invalidAssertion(): JwtRejection {
  return { error: 'invalid_grant', description: 'invalid assertion' };
}

function decodeJson(part: string): Record<string, unknown> | null {
  if (!BASE64URL.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : null;
  } catch {
    return null;
  }
}

/** The RSA public key in a PEM certificate or public key; throws a readable error for anything else. */
export function connectedAppPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  } catch {
    throw new Error('the JWT certificate is not a readable PEM certificate or public key');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error('the JWT certificate must hold an RSA key');
  return key;
}

/** null when the assertion is accepted. */
export function checkJwtAssertion(assertion: string, expected: JwtExpectations): JwtRejection | null {
  const parts = assertion.split('.');
  if (parts.length !== 3) return invalidAssertion();
  const [headerPart, claimsPart, signaturePart] = parts;
  const header = decodeJson(headerPart);
  const claims = decodeJson(claimsPart);
  if (!header || !claims || header.alg !== 'RS256' || !BASE64URL.test(signaturePart)) return invalidAssertion();
  const signature = Buffer.from(signaturePart, 'base64url');
  if (!RSA_SIGNATURE_BYTES.has(signature.length)) return invalidAssertion();
  if (expected.publicKey) {
    const verified = createVerify('RSA-SHA256').update(`${headerPart}.${claimsPart}`).verify(expected.publicKey, signature);
    if (!verified) return invalidAssertion();
  }
  if (claims.iss !== expected.clientId) return { error: 'invalid_client_id', description: 'client identifier invalid' };
  if (typeof claims.sub !== 'string' || !expected.isUser(claims.sub)) return { error: 'invalid_grant', description: "user hasn't approved this consumer" };
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((a) => typeof a === 'string' && expected.audiences.includes(a.replace(/\/$/, '')))) {
    return { error: 'invalid_grant', description: 'audience is invalid' };
  }
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return invalidAssertion();
  if (claims.exp * 1000 < expected.nowMs) return { error: 'invalid_grant', description: 'expired authorization code' };
  return null;
}
