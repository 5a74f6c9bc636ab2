/**
 * What "Connect to Salesforce…" asks for, by connection kind. The non-secret half
 * (login URL, username, client id) is declared in crmflow.yaml; only what must stay out
 * of git is asked for and kept in SecretStorage under the gateway's secret keys.
 */
import type { SecretPrompt } from '../../../shared/protocol';
import type { SecretKey } from '../../salesforce/connections/secretSource';

type Prompt = Omit<SecretPrompt, 'key'> & { key: SecretKey };

const password: Prompt = { key: 'password', label: 'Password', prompt: 'Salesforce password of the integration user', optional: false, password: true };
const emulatorPassword: Prompt = {
  key: 'password', label: 'Password', prompt: 'Password the emulator printed (leave empty for its stock credentials)', optional: true, password: true,
};
const username: Prompt = { key: 'username', label: 'Username', prompt: 'Salesforce username (not declared in crmflow.yaml)', optional: false, password: false };
const securityToken: Prompt = {
  key: 'securityToken', label: 'Security token', prompt: 'Security token (leave empty when the IP range is trusted)', optional: true, password: true,
};
const clientSecretOptional: Prompt = {
  key: 'clientSecret', label: 'Client secret', prompt: 'Consumer secret of the connected app (leave empty when it is not required)', optional: true, password: true,
};
const clientSecret: Prompt = { key: 'clientSecret', label: 'Client secret', prompt: 'Consumer secret of the connected app', optional: false, password: true };
const refreshToken: Prompt = { key: 'refreshToken', label: 'Refresh token', prompt: 'OAuth refresh token issued to the connected app', optional: false, password: true };
const accessToken: Prompt = { key: 'accessToken', label: 'Access token', prompt: 'Session id / OAuth access token', optional: false, password: true };
const instanceUrl: Prompt = {
  key: 'instanceUrl', label: 'Instance URL', prompt: 'Instance URL the token belongs to, e.g. https://acme.my.salesforce.com', optional: false, password: false,
};
const privateKeyFile: Prompt = {
  key: 'privateKeyFile', label: 'Private key file', prompt: 'Path of the PEM private key whose certificate the connected app holds', optional: false, password: false,
};

const BY_KIND: Readonly<Record<string, readonly Prompt[]>> = {
  emulator: [emulatorPassword],
  password: [username, password, securityToken, clientSecretOptional],
  'refresh-token': [refreshToken, clientSecretOptional],
  // then the browser sign-in (PKCE): the refresh token it yields is stored, never typed
  oauth: [clientSecretOptional],
  'access-token': [accessToken, instanceUrl],
  jwt: [username, privateKeyFile],
  'client-credentials': [clientSecret],
};

/** Kinds whose Connect continues with the browser sign-in. */
export function usesBrowserSignIn(kind: string): boolean {
  return kind === 'oauth';
}

/**
 * The prompts of a kind; a username or instance URL declared in crmflow.yaml is not asked
 * again, and a password login asks for a client secret only when it names a connected app.
 */
export function secretPrompts(kind: string, declared: { instanceUrl?: string; username?: string; clientId?: string } = {}): SecretPrompt[] {
  return (BY_KIND[kind] ?? [])
    .filter((p) => !(p.key === 'instanceUrl' && declared.instanceUrl) && !(p.key === 'username' && declared.username))
    .filter((p) => !(kind === 'password' && p.key === 'clientSecret' && !declared.clientId))
    .map((p) => ({ ...p }));
}

