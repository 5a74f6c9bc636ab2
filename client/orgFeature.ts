/**
 * Wires the Salesforce side of the extension: secrets served to the server, the org
 * tree view with drag and drop, the mapping drop provider, the status bar, record
 * previews and the command table. Called once from activate(); returns what the
 * extension's public API exposes.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { FIELD_MIME_TYPE, LANGUAGE_ID, ORG_VIEW_ID, OrgStatusNotification, type OrgTreeNode } from '../shared/protocol';
import { createCommands } from './commandTable';
import { Ctx } from './ctx';
import { MAPPING_DROP_KIND, MappingDropProvider } from './dropProvider';
import { OrgTreeProvider } from './orgTree';
import { RecordPreviews } from './previewPanel';
import { watchProjects } from './projectFolders';
import { ConnectionSecrets, type StoredSecrets } from './secrets';
import { SignInCallbacks } from './signIn';
import { OrgStatusBar } from './statusBar';

/** The org tree as the view renders it; end-to-end tests walk it. */
export interface OrgTreeApi {
  getChildren(node?: OrgTreeNode): Promise<OrgTreeNode[]>;
  getTreeItem(node: OrgTreeNode): vscode.TreeItem;
  /** what dragging the nodes out of the view puts into the data transfer (a field: FIELD_MIME_TYPE) */
  handleDrag(nodes: readonly OrgTreeNode[], data: vscode.DataTransfer): void;
}

/** What the Salesforce side adds to the extension's exported API. */
export interface OrgApi {
  orgTree: OrgTreeApi;
  secrets: StoredSecrets;
  /** the org status bar item's text while it is shown; undefined while it is hidden */
  statusBarText(): string | undefined;
  /** the provider that turns a field dropped into a dataflow editor into a mapping item */
  mappingDrop: vscode.DocumentDropEditProvider;
}

export function activateOrg(context: vscode.ExtensionContext, client: LanguageClient, serverReady: Promise<void>): OrgApi {
  const secrets = new ConnectionSecrets(context.secrets);
  secrets.serve(client);
  const tree = new OrgTreeProvider(client, serverReady);
  const status = new OrgStatusBar();
  const previews = new RecordPreviews();
  const signIn = new SignInCallbacks();
  client.onNotification(OrgStatusNotification.type, (s) => status.update(s));

  const ctx = new Ctx(context, client, { tree, secrets, status, previews, signIn }, createCommands());
  ctx.pushExtCleanup(vscode.window.registerUriHandler(signIn));
  const view = vscode.window.createTreeView(ORG_VIEW_ID, { treeDataProvider: tree, dragAndDropController: tree, showCollapseAll: true });
  tree.attach(view);
  ctx.pushExtCleanup(view);
  ctx.pushExtCleanup(tree);
  ctx.pushExtCleanup(status);
  ctx.pushExtCleanup(previews);
  ctx.pushExtCleanup(watchProjects(() => tree.refresh(true)));
  const mappingDrop = new MappingDropProvider(client);
  ctx.pushExtCleanup(vscode.languages.registerDocumentDropEditProvider({ language: LANGUAGE_ID }, mappingDrop, {
    dropMimeTypes: [FIELD_MIME_TYPE], providedDropEditKinds: [MAPPING_DROP_KIND],
  }));
  ctx.pushExtCleanup(vscode.workspace.onDidGrantWorkspaceTrust(() => ctx.updateCommands()));
  ctx.pushExtCleanup(client.onDidChangeState((e) => {
    ctx.updateCommands();
    if (e.newState === State.Running) tree.refresh();
  }));
  ctx.updateCommands();
  return {
    orgTree: { getChildren: (node) => tree.getChildren(node), getTreeItem: (node) => tree.getTreeItem(node), handleDrag: (nodes, data) => tree.handleDrag(nodes, data) },
    secrets: secrets.readOnly(),
    statusBarText: () => status.shownText,
    mappingDrop,
  };
}
