/** Connections: declarations, secrets and the CLI commands around them. */
export { connectionConfig, connectionConfigFromDecl, CONNECTION_KINDS, SECRETS_BY_KIND, DEFAULT_API_VERSION, DEFAULT_LOGIN_URL, DEFAULT_EMULATOR_URL } from './connectionConfig';
export type { ConnectionConfig, ConnectionKind, ConfigResult } from './connectionConfig';
export { CliSecretSource, MemorySecretSource, SECRET_KEYS, secretVariableName } from './secretSource';
export type { CliSecretOptions, SecretKey, SecretSource } from './secretSource';
export { ENV_FILE_NAME } from './envFile';
export { cliGateway, findConnection, findProject } from './projectConnections';
export type { LoadedProject } from './projectConnections';
export { runConnectionsCli, CONNECTIONS_USAGE } from './connectionsCli';
