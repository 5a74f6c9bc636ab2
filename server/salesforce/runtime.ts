/**
 * The Salesforce runtime (jsforce, the gateway, extraction, snapshots) as one module the
 * language server loads only when a user first talks to an org, so editing dataflows never
 * pays for loading jsforce. Bundled on its own as dist/salesforce.js; see loadRuntime.ts.
 */
export { SalesforceError } from './gateway/errors';
export { extractRecords } from './gateway/extract';
export { SalesforceGateway } from './gateway/gateway';
export { snapshot } from './gateway/snapshot';
