/**
 * The org tree view: a thin renderer of the nodes the server builds (crmflow/orgTree),
 * one level per request. Node ids come from the server and name only what a node is,
 * so expansion survives refreshes; `contextValue` is the node kind for menus. Fields
 * can be dragged into a dataflow editor (FIELD_MIME_TYPE, see dropProvider.ts).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FIELD_MIME_TYPE, ORG_COMMANDS, OrgTreeRequest, type DraggedField, type OrgTreeNode } from '../shared/protocol';
import { projectFolders } from './projectFolders';

/** Context keys the manifest's `when` clauses read. */
export const FILTERED_CONTEXT = 'crmDataflows.orgFiltered';

export class OrgTreeProvider implements vscode.TreeDataProvider<OrgTreeNode>, vscode.TreeDragAndDropController<OrgTreeNode> {
  readonly dragMimeTypes = [FIELD_MIME_TYPE];
  readonly dropMimeTypes: string[] = [];
  private readonly changed = new vscode.EventEmitter<OrgTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterText = '';
  private folders: Promise<string[]> | undefined;
  private view: vscode.TreeView<OrgTreeNode> | undefined;

  constructor(private readonly client: LanguageClient, private readonly serverReady: Promise<void>) {}

  attach(view: vscode.TreeView<OrgTreeNode>): void {
    this.view = view;
    this.showFilter();
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, this.filterText !== '');
    this.showFilter();
    this.refresh();
  }

  private showFilter(): void {
    if (this.view) this.view.description = this.filterText ? `filter: ${this.filterText}` : undefined;
  }

  /** Re-reads everything (the describe cache, crmflow.yaml files) from the server. */
  refresh(projectsChanged = false): void {
    if (projectsChanged) this.folders = undefined;
    this.changed.fire(undefined);
  }

  projectFolders(): Promise<string[]> {
    this.folders ??= projectFolders();
    return this.folders;
  }

  async getChildren(element?: OrgTreeNode): Promise<OrgTreeNode[]> {
    await this.serverReady;
    const params = { folders: await this.projectFolders(), ...(element ? { parent: element.ref } : {}), ...(this.filterText ? { filter: this.filterText } : {}) };
    try {
      return await this.client.sendRequest(OrgTreeRequest.type, params);
    } catch (e) {
      // not an empty tree: that would show the "no connection" welcome
      const label = `The language server did not answer: ${e instanceof Error ? e.message : String(e)}`;
      return [{ id: `message|error|${element?.id ?? ''}`, ref: { kind: 'message' }, label, icon: 'error', collapsible: false, contextValue: 'message' }];
    }
  }

  getTreeItem(node: OrgTreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.contextValue = node.contextValue;
    if (node.description) item.description = node.description;
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.action === 'refreshMetadata' && node.ref.connection) {
      item.command = { title: 'Refresh metadata', command: ORG_COMMANDS.refreshMetadata, arguments: [node] };
    }
    return item;
  }

  handleDrag(source: readonly OrgTreeNode[], data: vscode.DataTransfer): void {
    const field = source.find((n) => n.contextValue === 'field' && n.apiName && n.ref.connection && n.ref.rootObject);
    if (!field) return;
    const dragged: DraggedField = { connection: field.ref.connection!, object: field.ref.rootObject!, source: field.apiName! };
    data.set(FIELD_MIME_TYPE, new vscode.DataTransferItem(JSON.stringify(dragged)));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
