/**
 * The VS Code side, kept thin: start the language server and hand it the documents.
 * All knowledge of dataflows, Salesforce and XDM lives in the server.
 */
import * as path from 'node:path';
import type { DocumentDropEditProvider, ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID, SERVER_NODE_FLAGS } from '../shared/protocol';
import { activateOrg, type OrgTreeApi } from './orgFeature';
import type { StoredSecrets } from './secrets';

/** What activate() returns; end-to-end tests await it instead of sleeping. */
export interface CrmDataflowsApi {
  /** resolves once the language client is running */
  readonly serverReady: Promise<void>;
  /** the Salesforce org tree, as the "CRM Dataflows" view shows it */
  readonly orgTree: OrgTreeApi;
  /** which connection secrets SecretStorage holds (key names, value checks; never a value) */
  readonly secrets: StoredSecrets;
  /** the org status bar item's text while it is shown (connection and API usage); undefined while hidden */
  statusBarText(): string | undefined;
  /** the drop provider of dataflow editors: a field dragged from the org tree becomes a mapping item */
  readonly mappingDrop: DocumentDropEditProvider;
}

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): CrmDataflowsApi {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: LANGUAGE_ID }, { scheme: 'untitled', language: LANGUAGE_ID }],
  };
  client = new LanguageClient('crmDataflows', 'CRM Dataflows', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  const serverReady = client.start();
  return { serverReady, ...activateOrg(context, client, serverReady) };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
