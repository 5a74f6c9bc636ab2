/**
 * The connection and org tree commands, one small factory each (rust-analyzer style):
 * each takes the context and returns the handler. Handlers accept what VS Code passes
 * them (a tree node from a context menu, a connection from the status bar, a document
 * uri from a CodeLens) or ask with quick picks when run from the palette. They return
 * their result, so tests and other extensions can drive them.
 */
import * as vscode from 'vscode';
import {
  BeginSignInRequest,
  CompleteSignInRequest,
  ConnectRequest,
  CreateDataflowRequest,
  DisconnectRequest,
  LANGUAGE_ID,
  ListConnectionsRequest,
  ListObjectsRequest,
  PreviewRecordsRequest,
  RefreshMetadataRequest,
  TestConnectionRequest,
  type ConnectionInfo,
  type ConnectionRef,
  type OrgStatus,
  type OrgTreeNode,
  type PreviewRecordsParams,
  type PreviewRecordsResult,
} from '../shared/protocol';
import type { Cmd, Ctx, CtxInit } from './ctx';

const PROJECT_TEMPLATE = `# CRM Dataflows project. Connections never hold secrets: "CRM Dataflows: Connect to Salesforce…"
# keeps them in VS Code's secret storage, the CLI reads environment variables or .crmflow.env.
version: 1
connections:
  my-org:
    kind: password   # oauth | jwt | refresh-token | password | access-token | client-credentials | emulator
    loginUrl: https://login.salesforce.com
    apiVersion: "62.0"
    username: integration@example.com
`;

function isNode(x: unknown): x is OrgTreeNode {
  return typeof x === 'object' && x !== null && 'ref' in x && 'contextValue' in x;
}

function isRef(x: unknown): x is ConnectionRef {
  return typeof x === 'object' && x !== null && typeof (x as ConnectionRef).project === 'string' && typeof (x as ConnectionRef).name === 'string';
}

function refOf(arg: unknown): ConnectionRef | undefined {
  if (isNode(arg)) return arg.ref.connection;
  if (isRef(arg)) return { project: arg.project, name: arg.name };
  if (typeof arg === 'object' && arg !== null && isRef((arg as { connection?: unknown }).connection)) return (arg as { connection: ConnectionRef }).connection;
  return undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** `{ connection: 'name' }`: a connection named by a caller (a task, another extension) rather than a tree node. */
function nameOf(arg: unknown): string | undefined {
  const connection = typeof arg === 'object' && arg !== null ? (arg as { connection?: unknown }).connection : undefined;
  return typeof connection === 'string' ? connection : undefined;
}

async function connections(ctx: CtxInit): Promise<ConnectionInfo[]> {
  return ctx.client.sendRequest(ListConnectionsRequest.type, { folders: await ctx.ui.tree.projectFolders() });
}

/** The connection the command is about: from its argument, else picked (skipping the pick when there is one). */
async function pickConnection(ctx: CtxInit, arg: unknown, title: string): Promise<ConnectionInfo | undefined> {
  const all = await connections(ctx);
  const ref = refOf(arg);
  if (ref) {
    const found = all.find((c) => c.project === ref.project && c.name === ref.name);
    if (!found) void vscode.window.showErrorMessage(`Connection '${ref.name}' is no longer declared in crmflow.yaml.`);
    return found;
  }
  const name = nameOf(arg);
  if (name !== undefined) {
    const named = all.filter((c) => c.name === name);
    if (named.length === 1) return named[0];
    void vscode.window.showErrorMessage(named.length
      ? `Connection '${name}' is declared in several project folders: pass { project, name } instead of its name.`
      : `No connection '${name}' is declared in a crmflow.yaml of this workspace.`);
    return undefined;
  }
  if (all.length === 0) {
    const open = 'Open crmflow.yaml';
    if ((await vscode.window.showInformationMessage('No Salesforce connection is declared in a crmflow.yaml of this workspace.', open)) === open) {
      await vscode.commands.executeCommand('crmDataflows.openProjectFile');
    }
    return undefined;
  }
  if (all.length === 1) return all[0];
  const multiRoot = new Set(all.map((c) => c.project)).size > 1;
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({
      label: c.name,
      description: `${c.kind} · ${c.loginUrl}`,
      detail: multiRoot ? vscode.workspace.asRelativePath(vscode.Uri.parse(c.projectFile)) : c.connected ? 'connected' : undefined,
      info: c,
    })),
    { title, placeHolder: 'Connection from crmflow.yaml' },
  );
  return picked?.info;
}

async function pickObject(ctx: CtxInit, conn: ConnectionRef, title: string): Promise<string | undefined> {
  const list = await ctx.client.sendRequest(ListObjectsRequest.type, { connection: conn });
  if (!list.cached) {
    void vscode.window.showWarningMessage(`No metadata of '${conn.name}' is cached yet: run "Refresh Metadata" on the connection first.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    list.objects.map((o) => ({ label: o.name, description: o.label, detail: o.custom ? 'custom object' : undefined })),
    { title, placeHolder: 'Salesforce object', matchOnDescription: true },
  );
  return picked?.label;
}

function statusLine(s: OrgStatus): string {
  const who = [s.username && `as ${s.username}`, s.orgId && `(org ${s.orgId})`].filter(Boolean).join(' ');
  const usage = s.apiUsage ? ` · API usage ${s.apiUsage.used}/${s.apiUsage.max}` : '';
  return `${s.connection.name}: connected${who ? ` ${who}` : ''}${usage}`;
}

function afterStatus(ctx: CtxInit, s: OrgStatus): void {
  ctx.ui.status.update(s);
  ctx.ui.tree.refresh();
}

/** The prompts' answers, one input box per secret the connection's kind needs; undefined when one is escaped. */
async function promptSecrets(conn: ConnectionInfo): Promise<Array<[string, string]> | undefined> {
  const values: Array<[string, string]> = [];
  for (const [i, p] of conn.secrets.entries()) {
    const value = await vscode.window.showInputBox({
      title: `Connect ${conn.name} (${conn.kind}) — ${p.label} (${i + 1}/${conn.secrets.length})`,
      prompt: p.prompt,
      password: p.password,
      ignoreFocusOut: true,
      ...(p.optional ? { placeHolder: 'optional: press Enter to leave it empty' } : {}),
      validateInput: (v) => (p.optional || v.trim() !== '' ? undefined : `${p.label} is required`),
    });
    if (value === undefined) return undefined; // Escape: nothing stored
    values.push([p.key, value.trim()]);
  }
  return values;
}

/**
 * The same answers from a caller's `secrets` argument (keys as in SecretPrompt.key), checked as
 * the prompts check them; an omitted optional secret counts as left empty. A string is a problem.
 */
function givenSecrets(conn: ConnectionInfo, given: unknown): Array<[string, string]> | string {
  if (typeof given !== 'object' || given === null || Array.isArray(given) || Object.values(given).some((v) => typeof v !== 'string')) {
    return 'secrets must map secret keys to strings';
  }
  const byKey = given as Record<string, string>;
  const accepted = conn.secrets.map((p) => p.key);
  const unknown = Object.keys(byKey).filter((k) => !accepted.includes(k));
  if (unknown.length) return `a ${conn.kind} connection takes no secret ${unknown.map((k) => `'${k}'`).join(', ')} (it takes: ${accepted.join(', ') || 'none'})`;
  const values = conn.secrets.map((p): [string, string] => [p.key, (byKey[p.key] ?? '').trim()]);
  const missing = conn.secrets.filter((p, i) => !p.optional && values[i]![1] === '');
  return missing.length ? `${missing.map((p) => p.label).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required` : values;
}

/**
 * Connect to Salesforce…: ask for the secrets the connection's kind needs, log in with them,
 * and store them (SecretStorage only) once the login succeeded; a failed login stores nothing.
 * A caller may pass `{ connection: ConnectionRef | name, secrets: { password: '…', … } }`
 * instead of answering the prompts; the secrets are handled the same way.
 */
export function connect(ctx: CtxInit): Cmd {
  return async (arg?: unknown) => {
    const conn = await pickConnection(ctx, arg, 'Connect to Salesforce');
    if (!conn) return undefined;
    if (conn.problem) {
      void vscode.window.showErrorMessage(`Connection '${conn.name}' cannot be used: ${conn.problem}`);
      return undefined;
    }
    const ref: ConnectionRef = { project: conn.project, name: conn.name };
    const given = typeof arg === 'object' && arg !== null && 'secrets' in arg ? givenSecrets(conn, (arg as { secrets: unknown }).secrets) : undefined;
    if (typeof given === 'string') {
      void vscode.window.showErrorMessage(`Could not connect to ${conn.name}: ${given}.`);
      return undefined;
    }
    const values = given ?? (await promptSecrets(conn));
    if (!values) return undefined;
    const hadSecrets = await ctx.ui.secrets.hasAny(ref);
    try {
      // the server logs in with the values entered; they replace the stored ones only if that works
      const status = await ctx.ui.secrets.storeIfLoginSucceeds(ref, values, () => conn.browserSignIn
        ? signInInBrowser(ctx, conn, ref)
        : vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting to ${conn.name}…` }, () =>
          ctx.client.sendRequest(ConnectRequest.type, { connection: ref })));
      if (!status) return undefined;
      afterStatus(ctx, status);
      const refresh = 'Refresh Metadata';
      void vscode.window.showInformationMessage(statusLine(status), ...(conn.hasMetadata ? [] : [refresh])).then((pick) => {
        if (pick === refresh) void vscode.commands.executeCommand('crmDataflows.refreshMetadata', ref);
      });
      return status;
    } catch (e) {
      ctx.ui.tree.refresh();
      const why = messageOf(e);
      const kept = hadSecrets ? 'the secrets stored before are kept' : 'nothing was stored';
      void vscode.window.showErrorMessage(`Could not connect to ${conn.name}: ${why}${/[.!?]$/.test(why) ? '' : '.'} The values entered were not saved; ${kept}.`);
      return undefined;
    }
  };
}

/** OAuth: open the org's sign-in page, wait for the redirect, let the server exchange the code. */
async function signInInBrowser(ctx: CtxInit, conn: ConnectionInfo, ref: ConnectionRef): Promise<OrgStatus | undefined> {
  const redirectUri = await ctx.ui.signIn.redirectUri(ctx.extension.extension.id);
  const { url } = await ctx.client.sendRequest(BeginSignInRequest.type, { connection: ref, redirectUri });
  const state = new URL(url).searchParams.get('state') ?? '';
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Signing in to ${conn.name} in the browser… (callback URL of the connected app: ${redirectUri})`, cancellable: true }, async (_p, token) => {
    const code = ctx.ui.signIn.wait(state, token);
    if (!(await vscode.env.openExternal(vscode.Uri.parse(url, true)))) throw new Error('the browser could not be opened');
    return ctx.client.sendRequest(CompleteSignInRequest.type, { connection: ref, code: await code, state });
  });
}

/** Disconnect: end the server's session and delete every stored secret of the connection. */
export function disconnect(ctx: CtxInit): Cmd {
  return async (arg?: unknown) => {
    const conn = await pickConnection(ctx, arg, 'Disconnect');
    if (!conn) return undefined;
    const ref: ConnectionRef = { project: conn.project, name: conn.name };
    const deleted = await ctx.ui.secrets.deleteAll(ref);
    try {
      afterStatus(ctx, await ctx.client.sendRequest(DisconnectRequest.type, { connection: ref }));
    } catch {
      ctx.ui.tree.refresh();
    }
    void vscode.window.showInformationMessage(`${conn.name}: disconnected${deleted ? `; ${deleted} stored secret${deleted === 1 ? '' : 's'} deleted` : ''}.`);
    return deleted;
  };
}

export function testConnection(ctx: CtxInit): Cmd {
  return async (arg?: unknown) => {
    const conn = await pickConnection(ctx, arg, 'Test connection');
    if (!conn) return undefined;
    const ref: ConnectionRef = { project: conn.project, name: conn.name };
    try {
      const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Testing ${conn.name}…` }, () =>
        ctx.client.sendRequest(TestConnectionRequest.type, { connection: ref }));
      afterStatus(ctx, status);
      void vscode.window.showInformationMessage(statusLine(status));
      return status;
    } catch (e) {
      const connectNow = 'Connect…';
      void vscode.window.showErrorMessage(`${conn.name}: ${messageOf(e)}`, connectNow).then((pick) => {
        if (pick === connectNow) void vscode.commands.executeCommand('crmDataflows.connect', ref);
      });
      return undefined;
    }
  };
}

/** Re-describe the org into the cache (a whole connection, or the object of the node). */
export function refreshMetadata(ctx: CtxInit): Cmd {
  return async (arg?: unknown) => {
    const conn = await pickConnection(ctx, arg, 'Refresh metadata');
    if (!conn) return undefined;
    const ref: ConnectionRef = { project: conn.project, name: conn.name };
    const object = isNode(arg) && arg.contextValue !== 'connection' ? arg.ref.object : undefined;
    try {
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Describing ${object ?? conn.name}…` }, () =>
        ctx.client.sendRequest(RefreshMetadataRequest.type, { connection: ref, ...(object ? { objects: [object] } : {}) }));
      ctx.ui.tree.refresh();
      const summary = `${conn.name}: ${r.objectCount} objects in the org; ${r.refreshed.length} describe${r.refreshed.length === 1 ? '' : 's'} updated, ${r.unchanged.length} unchanged.`;
      if (r.failed.length) void vscode.window.showWarningMessage(`${summary} ${r.failed.length} failed: ${r.failed.slice(0, 3).join(' ')}`);
      else void vscode.window.setStatusBarMessage(`$(check) ${summary}`, 8000);
      return r;
    } catch (e) {
      ctx.ui.tree.refresh();
      const connectNow = 'Connect…';
      void vscode.window.showErrorMessage(`Could not refresh the metadata of ${conn.name}: ${messageOf(e)}`, connectNow).then((pick) => {
        if (pick === connectNow) void vscode.commands.executeCommand('crmDataflows.connect', ref);
      });
      return undefined;
    }
  };
}

/** Create dataflow for this object: the server drafts it; it is written to dataflows/ and opened. */
export function createDataflow(ctx: CtxInit): Cmd {
  return async (arg?: unknown) => {
    let ref = refOf(arg);
    let object = isNode(arg) ? arg.ref.rootObject ?? arg.ref.object : typeof (arg as { object?: unknown })?.object === 'string' ? (arg as { object: string }).object : undefined;
    if (!ref) {
      const conn = await pickConnection(ctx, undefined, 'Create dataflow');
      if (!conn) return undefined;
      ref = { project: conn.project, name: conn.name };
    }
    object ??= await pickObject(ctx, ref, 'Create dataflow for object');
    if (!object) return undefined;
    try {
      const draft = await ctx.client.sendRequest(CreateDataflowRequest.type, { connection: ref, object });
      const uri = vscode.Uri.parse(draft.uri);
      // the server chose a free name; never overwrite a file that appeared since
      const taken = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
      if (taken) throw new Error(`${draft.relativePath} already exists`);
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(draft.text));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      const schema = draft.schema ? ` onto ${draft.schema}` : '';
      void vscode.window.showInformationMessage(`Created ${draft.relativePath}: ${object}${schema} with ${draft.mappingCount} mapping${draft.mappingCount === 1 ? '' : 's'}. ${draft.notes.join(' ')}`.trim());
      return uri.toString();
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not create a dataflow for ${object}: ${messageOf(e)}`);
      return undefined;
    }
  };
}

function previewParams(arg: unknown): PreviewRecordsParams | undefined {
  if (typeof arg === 'string') return { uri: arg };
  if (arg instanceof vscode.Uri) return { uri: arg.toString() };
  if (isNode(arg) && arg.ref.connection && (arg.ref.rootObject ?? arg.ref.object)) return { connection: arg.ref.connection, object: (arg.ref.rootObject ?? arg.ref.object)! };
  const doc = vscode.window.activeTextEditor?.document;
  if (arg === undefined && doc?.languageId === LANGUAGE_ID && /\.dataflow\.ya?ml$/.test(doc.fileName)) return { uri: doc.uri.toString() };
  return undefined;
}

/** Preview records: of a tree object, of a dataflow (CodeLens uri, or the active editor), or of a picked object. */
export function previewRecords(ctx: CtxInit): Cmd {
  return async (arg?: unknown) => {
    let params = previewParams(arg);
    if (!params) {
      const conn = await pickConnection(ctx, undefined, 'Preview records');
      const object = conn && (await pickObject(ctx, conn, 'Preview records of object'));
      if (!conn || !object) return undefined;
      params = { connection: { project: conn.project, name: conn.name }, object };
    }
    try {
      const result: PreviewRecordsResult = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading records…' }, () =>
        ctx.client.sendRequest(PreviewRecordsRequest.type, params));
      ctx.ui.previews.show(result);
      return result;
    } catch (e) {
      const connectNow = 'Connect…';
      const ref = 'connection' in params ? params.connection : undefined;
      void vscode.window.showErrorMessage(`Preview failed: ${messageOf(e)}`, ...(ref ? [connectNow] : [])).then((pick) => {
        if (pick === connectNow) void vscode.commands.executeCommand('crmDataflows.connect', ref);
      });
      return undefined;
    }
  };
}

export function refresh(ctx: Ctx): Cmd {
  return () => ctx.ui.tree.refresh(true);
}

/** Filter objects…: asks for the text, or takes it as the argument (`''` shows all); returns the filter now applied. */
export function filterObjects(ctx: Ctx): Cmd {
  return async (arg?: unknown) => {
    const text = typeof arg === 'string' ? arg : await vscode.window.showInputBox({
      title: 'Filter objects', prompt: 'Part of an object API name or label (empty shows all)', value: ctx.ui.tree.filter,
    });
    if (text !== undefined) ctx.ui.tree.setFilter(text);
    return ctx.ui.tree.filter;
  };
}

export function clearFilter(ctx: Ctx): Cmd {
  return () => {
    ctx.ui.tree.setFilter('');
    return ctx.ui.tree.filter;
  };
}

export function copyApiName(): Cmd {
  return async (arg?: unknown) => {
    const name = isNode(arg) ? arg.apiName : undefined;
    if (!name) return undefined;
    await vscode.env.clipboard.writeText(name);
    void vscode.window.setStatusBarMessage(`$(copy) Copied ${name}`, 3000);
    return name;
  };
}

/** Opens the project's crmflow.yaml, or a new one (unsaved) in the first workspace folder. */
export function openProjectFile(ctx: Ctx): Cmd {
  return async () => {
    const files = await vscode.workspace.findFiles('**/crmflow.{yaml,yml}', '**/{node_modules,.git}/**', 20);
    let uri = files[0];
    if (files.length > 1) {
      const picked = await vscode.window.showQuickPick(files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })), { title: 'Open crmflow.yaml' });
      uri = picked?.uri as vscode.Uri;
      if (!uri) return undefined;
    }
    if (uri) {
      await vscode.window.showTextDocument(uri);
      return uri.toString();
    }
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showWarningMessage('Open a folder first: crmflow.yaml lives at the root of a project folder.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'crmflow.yaml').with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(doc);
    if (doc.getText() === '') await editor.insertSnippet(new vscode.SnippetString(PROJECT_TEMPLATE.replace(/\$/g, '\\$')));
    ctx.ui.tree.refresh(true);
    return doc.uri.toString();
  };
}

/** Until the ingestion engine lands: says so (without waiting for the message to be dismissed). */
export function runTestIngestion(): Cmd {
  return () => {
    void vscode.window.showInformationMessage('Test ingestion is not available yet: the ingestion engine has not landed in this build of CRM Dataflows.');
    return 'not-available';
  };
}
