/**
 * Where connection secrets come from. The gateway asks a `SecretSource` and never keeps a
 * secret anywhere else: the VS Code client backs it with SecretStorage, the CLI with
 * environment variables (`CRMFLOW_<CONNECTION>_<KEY>`) and then the git-ignored
 * `.crmflow.env` at the project root.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ENV_FILE_NAME, parseEnvFile, setEnvFileValue } from './envFile';

/** Keys a connection may keep secret (username and instance URL are allowed too, for convenience). */
export const SECRET_KEYS = [
  'password', 'securityToken', 'clientSecret', 'refreshToken', 'accessToken', 'privateKey', 'privateKeyFile', 'instanceUrl', 'username',
] as const;
export type SecretKey = typeof SECRET_KEYS[number];

export interface SecretSource {
  get(connection: string, key: SecretKey): Promise<string | undefined>;
  set(connection: string, key: SecretKey, value: string): Promise<void>;
  /** forgets a secret (Disconnect); optional because a read-only source cannot */
  delete?(connection: string, key: SecretKey): Promise<void>;
}

/** `acme-prod` → `ACME_PROD`, `securityToken` → `SECURITY_TOKEN`. */
export function upperSnake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The environment variable (and `.crmflow.env` key) of one secret: `CRMFLOW_ACME_PROD_SECURITY_TOKEN`. */
export function secretVariableName(connection: string, key: SecretKey): string {
  return `CRMFLOW_${upperSnake(connection)}_${upperSnake(key)}`;
}

/** Secrets held in memory only (tests, and the server side of SecretStorage hand-over). */
export class MemorySecretSource implements SecretSource {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, Partial<Record<SecretKey, string>>> = {}) {
    for (const [connection, secrets] of Object.entries(initial)) {
      for (const [key, value] of Object.entries(secrets)) if (value !== undefined) this.values.set(`${connection}\u0000${key}`, value);
    }
  }

  async get(connection: string, key: SecretKey): Promise<string | undefined> {
    return this.values.get(`${connection}\u0000${key}`);
  }

  async set(connection: string, key: SecretKey, value: string): Promise<void> {
    this.values.set(`${connection}\u0000${key}`, value);
  }

  async delete(connection: string, key: SecretKey): Promise<void> {
    this.values.delete(`${connection}\u0000${key}`);
  }
}

export interface CliSecretOptions {
  /** write refreshed tokens back into `.crmflow.env` (default false: kept for this process only) */
  persist?: boolean;
}

/**
 * The CLI's secrets: values set during this run, then `CRMFLOW_<CONN>_<KEY>` environment
 * variables, then `.crmflow.env` lines at the project root (read once, lazily).
 */
export class CliSecretSource implements SecretSource {
  private readonly overrides = new Map<string, string>();
  private file: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly projectRoot: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly options: CliSecretOptions = {},
  ) {}

  get envFilePath(): string {
    return path.join(this.projectRoot, ENV_FILE_NAME);
  }

  private fileValues(): Promise<Map<string, string>> {
    this.file ??= fs.readFile(this.envFilePath, 'utf8').then((text) => parseEnvFile(text).values, () => new Map<string, string>());
    return this.file;
  }

  async get(connection: string, key: SecretKey): Promise<string | undefined> {
    const name = secretVariableName(connection, key);
    const override = this.overrides.get(name);
    if (override !== undefined) return override;
    const fromEnv = this.env[name];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    const fromFile = (await this.fileValues()).get(name);
    return fromFile === '' ? undefined : fromFile;
  }

  async set(connection: string, key: SecretKey, value: string): Promise<void> {
    const name = secretVariableName(connection, key);
    this.overrides.set(name, value);
    if (!this.options.persist) return;
    let text = '';
    try {
      text = await fs.readFile(this.envFilePath, 'utf8');
    } catch {
      text = '# CRM Dataflows CLI secrets. Never commit this file.\n';
    }
    await fs.writeFile(this.envFilePath, setEnvFileValue(text, name, value), { encoding: 'utf8', mode: 0o600 });
    this.file = undefined;
  }

  async delete(connection: string, key: SecretKey): Promise<void> {
    this.overrides.delete(secretVariableName(connection, key));
  }
}
