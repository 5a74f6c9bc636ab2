/**
 * A minimal LSP client for protocol tests and the benchmark: spawns the built server
 * over stdio and speaks JSON-RPC to it, exactly as an editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  LogMessageNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type Message,
  type MessageReader,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type FileEvent,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Passes every message through to the connection, keeping a copy in `sink`. */
function recordingReader(reader: MessageReader, sink: Message[]): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) => reader.listen((message) => {
      sink.push(message);
      callback(message);
    }),
    dispose: () => reader.dispose(),
  };
}

type Waiter = { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class LspTestClient {
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** every publish, with the time it arrived (performance.now()) */
  readonly log: Array<{ at: number; params: PublishDiagnosticsParams }> = [];
  /** every window/logMessage text the server sent */
  readonly messages: string[] = [];
  private waiters: Waiter[] = [];
  private messageWaiters: Array<{ pattern: RegExp; resolve: (text: string) => void }> = [];

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: ProtocolConnection,
    /** with `record`: every JSON-RPC message the server sent (notifications, responses, its own requests), as received */
    readonly received: Message[] = [],
    /** with `record`: everything the server process wrote to stderr (still echoed to this process's stderr) */
    readonly stderr: string[] = [],
  ) {
    connection.onNotification(LogMessageNotification.type, (p) => {
      this.messages.push(p.message);
      for (const w of [...this.messageWaiters]) {
        if (w.pattern.test(p.message)) {
          this.messageWaiters = this.messageWaiters.filter((x) => x !== w);
          w.resolve(p.message);
        }
      }
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      this.log.push({ at: performance.now(), params: p });
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(p);
        }
      }
    });
  }

  /**
   * `linkSupport: false` plays an older client that takes plain Locations for definitions.
   * `record: true` keeps every server message in `received` and the server's stderr in `stderr`
   * (off by default: benchmarks should not pay for it).
   */
  static async start(rootDir: string, options: { watchers?: boolean; nodeFlags?: readonly string[]; linkSupport?: boolean; record?: boolean } = {}): Promise<LspTestClient> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "npm run compile" first`);
    const record = options.record === true;
    const proc = spawn(process.execPath, [...(options.nodeFlags ?? []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', record ? 'pipe' : 'inherit'] });
    const received: Message[] = [];
    const stderr: string[] = [];
    if (record) {
      proc.stderr!.setEncoding('utf8');
      proc.stderr!.on('data', (chunk: string) => {
        stderr.push(chunk);
        process.stderr.write(chunk);
      });
    }
    const reader = new StreamMessageReader(proc.stdout!);
    const connection = createProtocolConnection(record ? recordingReader(reader, received) : reader, new StreamMessageWriter(proc.stdin!));
    connection.listen();
    const client = new LspTestClient(proc, connection, received, stderr);
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: fileUri(rootDir),
      workspaceFolders: [{ uri: fileUri(rootDir), name: 'test' }],
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: options.watchers ?? false } },
        // as VS Code's client declares them (vscode-languageclient 9)
        textDocument: {
          definition: { linkSupport: options.linkSupport ?? true },
          completion: { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  open(uri: string, text: string, version = 1): void {
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'crm-dataflow', version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  filesChanged(changes: FileEvent[]): void {
    void this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Resolves with the first publish for `uri` (from now on) that satisfies `pred`. */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; latest: ${JSON.stringify(this.latest.get(uri)?.diagnostics.map((d) => d.code))}`));
      }, timeoutMs);
      const done = (p: PublishDiagnosticsParams) => {
        clearTimeout(timer);
        resolve(p);
      };
      this.waiters.push({ uri, pred, resolve: done });
    });
  }

  /** Resolves with the first log message (sent so far or later) that matches `pattern`. */
  waitForMessage(pattern: RegExp, timeoutMs = 10000): Promise<string> {
    const seen = this.messages.find((m) => pattern.test(m));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.messageWaiters = this.messageWaiters.filter((w) => w.resolve !== done);
        reject(new Error(`no log message matching ${pattern} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (text: string) => {
        clearTimeout(timer);
        resolve(text);
      };
      this.messageWaiters.push({ pattern, resolve: done });
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.proc.exitCode === null) {
      await new Promise((r) => {
        const t = setTimeout(() => {
          this.proc.kill('SIGKILL');
          r(undefined);
        }, 2000);
        this.proc.once('exit', () => {
          clearTimeout(t);
          r(undefined);
        });
      });
    }
    // with `record`, `stderr` is complete only once the pipe has closed (it may lag the exit)
    const err = this.proc.stderr;
    if (err && !err.closed) await new Promise((r) => err.once('close', r));
  }
}

export function codes(diags: readonly Diagnostic[]): string[] {
  return [...new Set(diags.map((d) => String(d.code)))].sort();
}
