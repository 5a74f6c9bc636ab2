/**
 * "Preview records": the first rows of an object (or of a dataflow's object, with the
 * fields it maps) in a webview table. One panel per connection + object, reused. The
 * page runs no script; every cell is HTML-escaped and the CSP allows only our style.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PreviewRecordsResult } from '../shared/protocol';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function previewHtml(r: PreviewRecordsResult, cspSource: string, nonce: string): string {
  const head = r.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = r.rows.length
    ? r.rows.map((row) => `<tr>${row.map((cell) => (cell === '' ? '<td class="null">null</td>' : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`).join('\n')
    : `<tr><td colspan="${Math.max(1, r.columns.length)}" class="null">no records</td></tr>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}';">
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px; }
  code { font-family: var(--vscode-editor-font-family); }
  table { border-collapse: collapse; width: max-content; }
  th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; white-space: nowrap; max-width: 40em; overflow: hidden; text-overflow: ellipsis; }
  th { position: sticky; top: 0; background: var(--vscode-editor-background); font-weight: 600; }
  tr:nth-child(even) td { background: var(--vscode-list-hoverBackground); }
  td.null { color: var(--vscode-disabledForeground); font-style: italic; }
</style></head>
<body>
<p><strong>${escapeHtml(r.connection.name)} · ${escapeHtml(r.object)}</strong> — first ${r.rows.length} record${r.rows.length === 1 ? '' : 's'}</p>
<p><code>${escapeHtml(r.soql)}</code></p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
</body></html>`;
}

export class RecordPreviews {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  show(r: PreviewRecordsResult): vscode.WebviewPanel {
    const key = `${r.connection.project}|${r.connection.name}|${r.object}`;
    let panel = this.panels.get(key);
    if (panel) panel.reveal(undefined, true);
    else {
      panel = vscode.window.createWebviewPanel('crmDataflows.preview', `${r.object} records (${r.connection.name})`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: false, enableFindWidget: true, retainContextWhenHidden: false,
      });
      const created = panel;
      panel.onDidDispose(() => this.panels.delete(key));
      this.panels.set(key, created);
    }
    panel.webview.html = previewHtml(r, panel.webview.cspSource, randomBytes(16).toString('base64'));
    return panel;
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
  }
}
