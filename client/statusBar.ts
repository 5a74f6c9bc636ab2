/**
 * The status bar item of the active org: the connection most recently connected,
 * tested or used, with its API usage (`Sforce-Limit-Info`) as the server reports it.
 * Hidden until a connection has been used; clicking it tests that connection again.
 */
import * as vscode from 'vscode';
import { ORG_COMMANDS, type ConnectionRef, type OrgStatus } from '../shared/protocol';

function same(a: ConnectionRef, b: ConnectionRef): boolean {
  return a.project === b.project && a.name === b.name;
}

export function usageText(s: OrgStatus): string {
  const u = s.apiUsage;
  return u ? `${u.used.toLocaleString('en-US')}/${u.max.toLocaleString('en-US')}` : '';
}

export class OrgStatusBar {
  private readonly item = vscode.window.createStatusBarItem('crmDataflows.org', vscode.StatusBarAlignment.Left, 10);
  private readonly statuses: OrgStatus[] = [];

  constructor() {
    this.item.name = 'CRM Dataflows: Salesforce org';
  }

  /** The latest status per connection, most recent first. */
  get all(): readonly OrgStatus[] {
    return this.statuses;
  }

  /** What the item shows (`$(cloud) acme · API 12/15,000`); undefined while it is hidden. */
  get shownText(): string | undefined {
    return this.active ? this.item.text : undefined;
  }

  get active(): OrgStatus | undefined {
    return this.statuses.find((s) => s.state !== 'disconnected');
  }

  update(status: OrgStatus): void {
    if (!status?.connection) return;
    const i = this.statuses.findIndex((s) => same(s.connection, status.connection));
    if (i >= 0) this.statuses.splice(i, 1);
    this.statuses.unshift(status);
    this.render();
  }

  private render(): void {
    const s = this.active;
    if (!s) {
      this.item.hide();
      return;
    }
    const usage = usageText(s);
    const icon = s.state === 'error' ? '$(warning)' : '$(cloud)';
    this.item.text = `${icon} ${s.connection.name}${usage ? ` · API ${usage}` : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${s.connection.name}** — ${s.state === 'error' ? 'last call failed' : 'connected'}\n\n`);
    if (s.username) md.appendMarkdown(`User: ${s.username}  \n`);
    if (s.orgId) md.appendMarkdown(`Org id: ${s.orgId}  \n`);
    if (s.instanceUrl) md.appendMarkdown(`Instance: ${s.instanceUrl}  \n`);
    if (usage) md.appendMarkdown(`API requests (24 h): ${usage}  \n`);
    if (s.message) md.appendMarkdown(`\n${s.message}\n`);
    md.appendMarkdown('\nClick to test the connection again.');
    this.item.tooltip = md;
    this.item.backgroundColor = s.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { title: 'Test connection', command: ORG_COMMANDS.testConnection, arguments: [s.connection] };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
