/**
 * The OAuth 2.0 web-server flow with PKCE, split where the browser sits: the gateway
 * builds the authorize URL (with a fresh verifier, S256 challenge and state), the VS Code
 * client opens it and catches the redirect, and the gateway exchanges code + verifier.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface WebServerFlowStart {
  /** open this in the user's browser */
  url: string;
  /** compare with the `state` of the redirect before completing */
  state: string;
  /** keep until completion; never log it */
  verifier: string;
}

export interface AuthorizeUrlInput {
  loginUrl: string;
  clientId: string;
  redirectUri: string;
  scope?: string;
  prompt?: string;
}

/** RFC 7636: a 43–128 character verifier and its S256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(64).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export function beginWebServerFlow(input: AuthorizeUrlInput): WebServerFlowStart {
  const { verifier, challenge } = createPkcePair();
  const state = randomBytes(24).toString('base64url');
  const url = new URL(`${input.loginUrl.replace(/\/+$/, '')}/services/oauth2/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  url.searchParams.set('scope', input.scope ?? 'api refresh_token');
  if (input.prompt) url.searchParams.set('prompt', input.prompt);
  return { url: url.toString(), state, verifier };
}
