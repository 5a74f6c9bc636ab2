// What the e2e tests know about the extension under test and the throwaway workspace e2e.sh opens.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { waitFor, withTimeout } from './waitFor';

/** publisher.name from package.json. */
export const EXTENSION_ID = 'crm-dataflows.crm-dataflows';
export const LANGUAGE_ID = 'crm-dataflow';
export const DIAGNOSTIC_SOURCE = 'crm-dataflow';

/** Starting the host and the server may be slow on a loaded CI machine. */
export const STARTUP_TIMEOUT_MS = 30_000;
/** A running server validates a small file in well under a second; this leaves a wide margin while
 *  keeping a run with several failing fixtures inside the harness's overall timeout. */
export const DIAGNOSTICS_TIMEOUT_MS = 15_000;

/** The checkout the suite was compiled in (this file runs from out/test/e2e/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const BROKEN_FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'broken');
/** test/fixtures/broken-<x>/ folders holding a crmflow.yaml; e2e-workspace.mjs places each as <workspace>/broken-<x>/. */
export const BROKEN_PROJECT_FIXTURES: readonly string[] = fs
  .readdirSync(path.join(REPO_ROOT, 'test', 'fixtures'))
  .filter((name) => name.startsWith('broken-') && fs.existsSync(path.join(REPO_ROOT, 'test', 'fixtures', name, 'crmflow.yaml')))
  .sort();

/** What client/extension.ts returns from activate(). */
export interface ExtensionApi {
  serverReady: Promise<void>;
}

/** The opened workspace folder; it must be a copy, so that tests can never dirty the repo. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (e2e.sh opens a copy of examples/)');
  const relative = path.relative(REPO_ROOT, folder.uri.fsPath);
  assert.ok(relative.startsWith('..') || path.isAbsolute(relative), `workspace ${folder.uri.fsPath} is inside the repo; tests need a throwaway copy`);
  return folder.uri;
}

/** Waits until the extension is active (opening a dataflow activates it) and its language client runs. */
export async function activeExtensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the test host`);
  await waitFor('the extension to activate', () => (extension.isActive ? true : undefined), { timeoutMs: STARTUP_TIMEOUT_MS });
  const api = extension.exports;
  assert.ok(api && typeof api.serverReady?.then === 'function', 'activate() must return { serverReady: Promise<void> }');
  await withTimeout('the language server to be ready', api.serverReady, STARTUP_TIMEOUT_MS);
  return api;
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Resolves at the next diagnostics change for uri; subscribe before the action that causes it. */
export function nextDiagnosticsChange(uri: vscode.Uri): { changed: Promise<void>; dispose(): void } {
  let subscription: vscode.Disposable | undefined;
  const changed = new Promise<void>((resolve) => {
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changedUri) => changedUri.toString() === uri.toString())) resolve();
    });
  });
  return { changed, dispose: () => subscription?.dispose() };
}

export function diagnosticCode(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${d.source ?? '?'}/${diagnosticCode(d)} @${d.range.start.line + 1}: ${d.message}`)
    .join('\n  ');
}

/**
 * Writes a throwaway file into the workspace copy (path relative to its root), opens it in an
 * editor and runs `use`; afterwards saves it (closing a dirty editor would wait on a dialog),
 * closes its editors and deletes it, whether `use` passed or failed.
 */
export async function withScratchFile<T>(relativePath: string, text: string, use: (document: vscode.TextDocument) => Promise<T>): Promise<T> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
  assert.ok(!fs.existsSync(uri.fsPath), `${relativePath} exists already; a scratch file must not replace it`);
  fs.writeFileSync(uri.fsPath, text);
  try {
    return await use(await openInEditor(uri));
  } finally {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    await vscode.window.tabGroups.close(tabs);
    fs.rmSync(uri.fsPath, { force: true });
  }
}

/** Errors among the diagnostics of uri. */
export function errorsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}
