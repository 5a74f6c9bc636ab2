/**
 * The contract between the VS Code client and the language server: ids both sides must
 * agree on, and every custom request/notification (namespace + literal method + typed
 * params/result, with who sends it to whom). Declared once here; both bundles import it.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Language id of dataflow files and of crmflow.yaml (package.json `contributes.languages`). */
export const LANGUAGE_ID = 'crm-dataflow';

/**
 * Node flags the extension starts the language server with (and the README recommends for
 * other editors): a small young generation and an old-space cap make V8 collect sooner,
 * keeping resident memory under 100 MB on a 1,000-mapping file for a little more GC work.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=256'];

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'crm-dataflow';

/**
 * Files the server watches; a change revalidates open dataflows. `target.schema` may name
 * any JSON file (describe caches are JSON too), so every JSON file is watched and the
 * server ignores those no open dataflow depends on.
 */
export const WATCHED_GLOBS = ['**/crmflow.{yaml,yml}', '**/*.json'] as const;

/** Commands the server names (CodeLens, code actions) and the client registers; arguments: the document uri. */
export const COMMANDS = {
  runTestIngestion: 'crmDataflows.runTestIngestion',
  previewRecords: 'crmDataflows.previewRecords',
} as const;

// ---------------------------------------------------------------------------------------
// Salesforce connections and the org tree. Method names are `crmflow/<verb>`. The client
// never talks to Salesforce: every org call is one of these requests, answered by the
// server from the describe cache or through the gateway. Secrets never travel in these
// params; the server asks for them with ReadSecretRequest when it needs them.
// ---------------------------------------------------------------------------------------

/** A connection: the folder holding its crmflow.yaml (a file URI) and its name there. */
export interface ConnectionRef {
  project: string;
  name: string;
}

/** One secret the Connect command asks for (a password-style input box). */
export interface SecretPrompt {
  /** the SecretSource key, e.g. `password`, `securityToken`, `clientSecret` */
  key: string;
  label: string;
  /** shown in the input box */
  prompt: string;
  optional: boolean;
  /** masked input (false only for values that are not secret but kept with them, e.g. an instance URL) */
  password: boolean;
}

export interface ConnectionInfo extends ConnectionRef {
  kind: string;
  loginUrl: string;
  apiVersion: string;
  username?: string;
  /** URI of the crmflow.yaml that declares it */
  projectFile: string;
  /** describeGlobal or at least one object describe is cached */
  hasMetadata: boolean;
  /** objects in the cached describeGlobal (or cached describe files without one) */
  objectCount: number;
  /** what Connect asks the user for, by the connection's kind */
  secrets: SecretPrompt[];
  /** the server holds a live session (Connect or Test connection succeeded since it started) */
  connected: boolean;
  /** Connect signs in in the browser (OAuth web-server flow with PKCE) after the prompts */
  browserSignIn: boolean;
  /** why the declaration cannot be used (bad kind, URL…); undefined when it can */
  problem?: string;
}

export interface ObjectInfo {
  name: string;
  label: string;
  labelPlural: string;
  custom: boolean;
  queryable: boolean;
  /** `<Object>.json` is in the describe cache */
  hasDescribe: boolean;
}

export interface PicklistValue {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

export interface FieldInfo {
  name: string;
  label: string;
  type: string;
  /** `string(80)`, `double(18,2)`, `reference(Account)` */
  typeLabel: string;
  length: number;
  precision: number;
  scale: number;
  nillable: boolean;
  unique: boolean;
  externalId: boolean;
  custom: boolean;
  calculated: boolean;
  picklistValues: PicklistValue[];
  referenceTo: string[];
  relationshipName: string | null;
  inlineHelpText: string | null;
}

export interface ListConnectionsParams {
  /** folder URIs to look in: each is a folder holding crmflow.yaml (workspace folders or where the client found one) */
  folders: string[];
}

export interface ListObjectsParams {
  connection: ConnectionRef;
  /** default false: only queryable objects, as a dataflow can only read those */
  includeNonQueryable?: boolean;
}

export interface ListObjectsResult {
  objects: ObjectInfo[];
  /** the describe cache had something for this connection */
  cached: boolean;
  /** objects before the queryable filter */
  total: number;
}

export interface DescribeObjectParams {
  connection: ConnectionRef;
  object: string;
}

export interface DescribeObjectResult {
  object: ObjectInfo;
  fields: FieldInfo[];
}

export type OrgNodeKind = 'connection' | 'group' | 'object' | 'field' | 'message';

/** What a tree node stands for; the client sends it back to get the node's children. */
export interface OrgNodeRef {
  kind: OrgNodeKind;
  connection?: ConnectionRef;
  group?: 'standard' | 'custom';
  /** the object whose fields the node lists (for a field: the object that owns it) */
  object?: string;
  /** from the root object: relationship names, then the field name (`Account`, `Name`) */
  path?: string[];
  /** the root object of a field path */
  rootObject?: string;
}

export interface OrgTreeNode {
  /** stable across refreshes: kind + connection + object + field path */
  id: string;
  ref: OrgNodeRef;
  label: string;
  description?: string;
  /** Markdown */
  tooltip?: string;
  /** a codicon id (VS Code's product icons); other clients may ignore it */
  icon: string;
  collapsible: boolean;
  /** = ref.kind; drives `view/item/context` menus */
  contextValue: OrgNodeKind;
  /** what "Copy API name" copies: the object name, or the field path from the root object (`Account.Name`) */
  apiName?: string;
  /** a message node that offers to fetch what is missing: clicking it refreshes this connection's metadata (for `ref.object`, when set) */
  action?: 'refreshMetadata';
}

export interface OrgTreeParams {
  folders: string[];
  /** undefined for the root level (connections) */
  parent?: OrgNodeRef;
  /** case-insensitive substring of object name or label */
  filter?: string;
  includeNonQueryable?: boolean;
}

export interface CreateDataflowParams {
  connection: ConnectionRef;
  object: string;
}

export interface CreateDataflowResult {
  /** URI of the proposed file (`<project>/dataflows/<object>.dataflow.yaml`, not yet written; a free name) */
  uri: string;
  /** relative to the project folder */
  relativePath: string;
  text: string;
  /** the chosen target schema, relative to the project folder; undefined when none fits */
  schema?: string;
  mappingCount: number;
  /** what the user should know (no schema fits, describe missing…) */
  notes: string[];
}

export interface FieldDropParams {
  /** the dataflow document */
  uri: string;
  position: { line: number; character: number };
  /** the field path from the dataflow's object (`Email`, `Account.Name`) */
  source: string;
  /** the object the path starts from; a dataflow of another object gets no mapping (null) */
  object?: string;
}

export interface FieldDropResult {
  /** what the snippet replaces: usually empty at a line start (before/after the item dropped on), or an inline `[]` */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** TextMate snippet text: `- source: Email\n    target: $0\n` in the file's own indentation */
  snippet: string;
}

export interface ApiUsage {
  used: number;
  max: number;
}

export interface OrgStatus {
  connection: ConnectionRef;
  state: 'connected' | 'disconnected' | 'error';
  username?: string;
  orgId?: string;
  instanceUrl?: string;
  /** from the last `Sforce-Limit-Info: api-usage=used/max` header seen */
  apiUsage?: ApiUsage;
  /** why state is error (never holds a secret) */
  message?: string;
}

export interface ConnectionParams {
  connection: ConnectionRef;
}

export interface RefreshMetadataParams {
  connection: ConnectionRef;
  /** objects to describe; default: describeGlobal plus every object already cached */
  objects?: string[];
}

export interface RefreshMetadataResult {
  objectCount: number;
  /** describes written (new or changed) */
  refreshed: string[];
  /** describes Salesforce reported unchanged (304) */
  unchanged: string[];
  /** one readable sentence per object that could not be described */
  failed: string[];
}

export type PreviewRecordsParams =
  | { connection: ConnectionRef; object: string; limit?: number }
  /** a dataflow document: previews its source object with the fields it maps */
  | { uri: string; limit?: number };

export interface PreviewRecordsResult {
  connection: ConnectionRef;
  object: string;
  soql: string;
  columns: string[];
  /** one row per record, cells in column order, as display text ('' for null) */
  rows: string[][];
}

export interface BeginSignInParams {
  connection: ConnectionRef;
  /** where the org sends the browser back (registered as a callback URL of the connected app) */
  redirectUri: string;
}

export interface BeginSignInResult {
  /** open this in the browser; its `state` comes back with the code */
  url: string;
}

export interface CompleteSignInParams {
  connection: ConnectionRef;
  /** from the redirect's query */
  code: string;
  state: string;
}

export interface ReadSecretParams {
  connection: ConnectionRef;
  key: string;
}

export interface SecretUpdatedParams {
  connection: ConnectionRef;
  key: string;
  /** null: forget the secret (e.g. a revoked token) */
  value: string | null;
}

/** client → server: connections declared in the crmflow.yaml of each folder. */
export namespace ListConnectionsRequest {
  export const method = 'crmflow/listConnections' as const;
  export const type = new RequestType<ListConnectionsParams, ConnectionInfo[], void>(method);
}

/** client → server: objects of a connection from its cached describeGlobal. */
export namespace ListObjectsRequest {
  export const method = 'crmflow/listObjects' as const;
  export const type = new RequestType<ListObjectsParams, ListObjectsResult, void>(method);
}

/** client → server: fields of one object from the describe cache; null when it is not cached. */
export namespace DescribeObjectRequest {
  export const method = 'crmflow/describeObject' as const;
  export const type = new RequestType<DescribeObjectParams, DescribeObjectResult | null, void>(method);
}

/** client → server: the children of one org tree node (the connections at the root). */
export namespace OrgTreeRequest {
  export const method = 'crmflow/orgTree' as const;
  export const type = new RequestType<OrgTreeParams, OrgTreeNode[], void>(method);
}

/** client → server: a new dataflow for an object (file name and text; the client writes it). */
export namespace CreateDataflowRequest {
  export const method = 'crmflow/createDataflow' as const;
  export const type = new RequestType<CreateDataflowParams, CreateDataflowResult, void>(method);
}

/** client → server: the mapping a field dropped into a dataflow editor inserts; null outside dataflows. */
export namespace FieldDropRequest {
  export const method = 'crmflow/fieldDrop' as const;
  export const type = new RequestType<FieldDropParams, FieldDropResult | null, void>(method);
}

/** client → server: log in afresh with the secrets now in SecretStorage. Errors are LSP errors with a readable message. */
export namespace ConnectRequest {
  export const method = 'crmflow/connect' as const;
  export const type = new RequestType<ConnectionParams, OrgStatus, void>(method);
}

/** client → server: check the connection works (logs in when there is no session) and read API usage. */
export namespace TestConnectionRequest {
  export const method = 'crmflow/testConnection' as const;
  export const type = new RequestType<ConnectionParams, OrgStatus, void>(method);
}

/** client → server: forget the live session (the client deletes the secrets). */
export namespace DisconnectRequest {
  export const method = 'crmflow/disconnect' as const;
  export const type = new RequestType<ConnectionParams, OrgStatus, void>(method);
}

/** client → server: re-describe the org into `.crmflow/metadata/<connection>/`. */
export namespace RefreshMetadataRequest {
  export const method = 'crmflow/refreshMetadata' as const;
  export const type = new RequestType<RefreshMetadataParams, RefreshMetadataResult, void>(method);
}

/** client → server: the first records (default 50) of an object, for the preview table. */
export namespace PreviewRecordsRequest {
  export const method = 'crmflow/previewRecords' as const;
  export const type = new RequestType<PreviewRecordsParams, PreviewRecordsResult, void>(method);
}

/** client → server: start the browser sign-in of an OAuth connection (the PKCE verifier stays in the server). */
export namespace BeginSignInRequest {
  export const method = 'crmflow/beginSignIn' as const;
  export const type = new RequestType<BeginSignInParams, BeginSignInResult, void>(method);
}

/** client → server: the redirect came back; exchange the code (tokens go to the client via SecretUpdatedNotification). */
export namespace CompleteSignInRequest {
  export const method = 'crmflow/completeSignIn' as const;
  export const type = new RequestType<CompleteSignInParams, OrgStatus, void>(method);
}

/** server → client: one secret of a connection from SecretStorage; null when none is stored. */
export namespace ReadSecretRequest {
  export const method = 'crmflow/readSecret' as const;
  export const type = new RequestType<ReadSecretParams, string | null, void>(method);
}

/** server → client: Salesforce issued a new token (refresh); the client stores it in SecretStorage. */
export namespace SecretUpdatedNotification {
  export const method = 'crmflow/secretUpdated' as const;
  export const type = new NotificationType<SecretUpdatedParams>(method);
}

/** server → client: a connection's state and API usage changed (after every org call). */
export namespace OrgStatusNotification {
  export const method = 'crmflow/orgStatus' as const;
  export const type = new NotificationType<OrgStatus>(method);
}

/** Commands the client registers for the org tree and connections (ids used in package.json); previews use COMMANDS.previewRecords. */
export const ORG_COMMANDS = {
  connect: 'crmDataflows.connect',
  disconnect: 'crmDataflows.disconnect',
  testConnection: 'crmDataflows.testConnection',
  refresh: 'crmDataflows.refresh',
  refreshMetadata: 'crmDataflows.refreshMetadata',
  filterObjects: 'crmDataflows.filterObjects',
  clearFilter: 'crmDataflows.clearFilter',
  copyApiName: 'crmDataflows.copyApiName',
  createDataflow: 'crmDataflows.createDataflow',
  openProjectFile: 'crmDataflows.openProjectFile',
} as const;

/** The org tree view and its activity-bar container (package.json `views`). */
export const ORG_VIEW_ID = 'crmDataflows.org';
/** Path of the extension URI the browser sign-in returns to: `<scheme>://crm-dataflows.crm-dataflows/oauth-callback`. */
export const SIGN_IN_CALLBACK_PATH = '/oauth-callback';
/** Mime type of a field dragged from the org tree (JSON of DraggedField). */
export const FIELD_MIME_TYPE = 'application/vnd.crmdataflows.field+json';

export interface DraggedField {
  connection: ConnectionRef;
  /** the object the path starts from */
  object: string;
  /** `Account.Name` */
  source: string;
}
