/**
 * Dropping a field from the org tree into a dataflow editor inserts a mapping item for
 * it, in the file's own indentation, with the cursor on the empty `target:`. The server
 * decides where the item goes (crmflow/fieldDrop); this only turns that into an edit.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FIELD_MIME_TYPE, FieldDropRequest, type DraggedField } from '../shared/protocol';

export const MAPPING_DROP_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('crmDataflows', 'mapping');

function parseDragged(text: string): DraggedField | undefined {
  try {
    const v = JSON.parse(text) as Partial<DraggedField>;
    return typeof v?.source === 'string' && typeof v.object === 'string' && v.connection ? (v as DraggedField) : undefined;
  } catch {
    return undefined;
  }
}

export class MappingDropProvider implements vscode.DocumentDropEditProvider {
  constructor(private readonly client: LanguageClient) {}

  async provideDocumentDropEdits(document: vscode.TextDocument, position: vscode.Position, data: vscode.DataTransfer, token: vscode.CancellationToken): Promise<vscode.DocumentDropEdit | undefined> {
    const item = data.get(FIELD_MIME_TYPE);
    const field = item ? parseDragged(await item.asString()) : undefined;
    if (!field || token.isCancellationRequested) return undefined;
    const result = await this.client.sendRequest(FieldDropRequest.type, {
      uri: document.uri.toString(), position: { line: position.line, character: position.character }, source: field.source, object: field.object,
    }, token);
    if (!result) {
      void vscode.window.setStatusBarMessage(`$(info) ${field.object}.${field.source} cannot be mapped here: this is not a dataflow of ${field.object} in block style.`, 5000);
      return undefined;
    }
    const range = new vscode.Range(result.range.start.line, result.range.start.character, result.range.end.line, result.range.end.character);
    const snippet = new vscode.SnippetString(result.snippet);
    const title = `Map ${field.source}`;
    if (range.isEmpty && range.start.isEqual(position)) return new vscode.DocumentDropEdit(snippet, title, MAPPING_DROP_KIND);
    // the item goes to a line start (or replaces `[]`), not where the mouse let go
    const edit = new vscode.DocumentDropEdit('', title, MAPPING_DROP_KIND);
    edit.additionalEdit = new vscode.WorkspaceEdit();
    edit.additionalEdit.set(document.uri, [vscode.SnippetTextEdit.replace(range, snippet)]);
    return edit;
  }
}
