/**
 * The extension's context object: the language client, the UI parts, and the command
 * registry that swaps each command between its enabled and disabled variant as the
 * server starts, stops, or the workspace becomes trusted. `CtxInit` makes "the client is
 * running" a type-level fact. Handlers registered on the client (secrets, status) are
 * re-applied by vscode-languageclient on every restart, so nothing here lives for one run.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { ConnectionSecrets } from './secrets';
import type { OrgStatusBar } from './statusBar';
import type { OrgTreeProvider } from './orgTree';
import type { RecordPreviews } from './previewPanel';
import type { SignInCallbacks } from './signIn';

export type Cmd = (...args: unknown[]) => unknown;

/**
 * A command and what it needs: `none` runs any time; `server` needs the language
 * server running; `trusted-server` also a trusted workspace (it talks to an org).
 */
export type CommandFactory =
  | { requires: 'none'; enabled: (ctx: Ctx) => Cmd }
  | { requires: 'server' | 'trusted-server'; enabled: (ctx: CtxInit) => Cmd; disabled?: (ctx: Ctx) => Cmd };

/** The UI parts commands work with, built once in activate(). */
export interface OrgUi {
  tree: OrgTreeProvider;
  secrets: ConnectionSecrets;
  status: OrgStatusBar;
  previews: RecordPreviews;
  signIn: SignInCallbacks;
}

export type CtxInit = Ctx & { readonly client: LanguageClient };

export class Ctx {
  private commandRegistrations: vscode.Disposable[] = [];

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly languageClient: LanguageClient,
    readonly ui: OrgUi,
    private readonly commands: Readonly<Record<string, CommandFactory>>,
  ) {
    extension.subscriptions.push({ dispose: () => this.disposeCommands() });
  }

  /** The client while it runs; commands that need it get a CtxInit, where it is always set. */
  get client(): LanguageClient | undefined {
    return this.serverRunning ? this.languageClient : undefined;
  }

  /** Lives as long as the extension. */
  pushExtCleanup(d: vscode.Disposable): void {
    this.extension.subscriptions.push(d);
  }

  get serverRunning(): boolean {
    return this.languageClient.state === State.Running;
  }

  private missing(requires: CommandFactory['requires']): string | undefined {
    if (requires === 'none') return undefined;
    if (requires === 'trusted-server' && !vscode.workspace.isTrusted) return 'untrusted';
    return this.serverRunning ? undefined : 'server';
  }

  /** Re-registers every command with the variant that fits the current state. */
  updateCommands(): void {
    this.disposeCommands();
    for (const [name, factory] of Object.entries(this.commands)) {
      const why = this.missing(factory.requires);
      let fn: Cmd;
      if (factory.requires === 'none') fn = factory.enabled(this);
      else if (why === undefined) fn = factory.enabled(this as CtxInit);
      else fn = (factory.disabled ?? disabledBecause(why))(this);
      this.commandRegistrations.push(vscode.commands.registerCommand(name, fn));
    }
  }

  private disposeCommands(): void {
    for (const d of this.commandRegistrations.splice(0)) d.dispose();
  }
}

function disabledBecause(why: string): (ctx: Ctx) => Cmd {
  if (why === 'untrusted') {
    return () => async () => {
      const manage = 'Manage Workspace Trust';
      const pick = await vscode.window.showWarningMessage('Connecting to Salesforce and running ingestion need a trusted workspace: this workspace is in Restricted Mode.', manage);
      if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    };
  }
  return () => () => vscode.window.showWarningMessage('The CRM Dataflows language server is not running yet (or stopped); see the "CRM Dataflows" output for why.');
}
