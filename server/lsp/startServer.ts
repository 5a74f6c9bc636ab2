/**
 * The LSP adapter: wires connection events to the service. It holds no logic of its
 * own beyond translating between LSP and service data.
 */
import {
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WATCHED_GLOBS } from '../../shared/protocol';
import { affectsChecks, schemaFilesOf } from '../checks/watchedFiles';
import type { FeatureRequest } from '../features/request';
import { DataflowService } from '../service';
import { AnalysisCache } from './analysisCache';
import { DiagnosticsPublisher } from './diagnostics';
import { OverlayFileReader, uriToPath } from './documents';
import { HANDLERS } from './handlers';
import type { HandlerContext } from './handlers/types';

export interface ServerHooks {
  /** calls `listener` whenever a message from the client arrives (before it is handled) */
  onIncoming?(listener: () => void): void;
}

/** Idle time the warm-up waits for after a message from the client, before its next round. */
const WARM_UP_BACK_OFF_MS = 100;

export function startServer(connection: Connection, hooks: ServerHooks = {}): void {
  let lastIncoming = 0;
  hooks.onIncoming?.(() => {
    lastIncoming = performance.now();
  });
  const documents = new TextDocuments(TextDocument);
  const service = new DataflowService(new OverlayFileReader(documents));
  const analyses = new AnalysisCache(service);
  const diagnostics = new DiagnosticsPublisher(connection, documents, analyses);
  let clientCapabilities: ClientCapabilities = {};
  const handlerContext: HandlerContext = {
    connection,
    get clientCapabilities() {
      return clientCapabilities;
    },
    documents,
    service,
    analyses,
    request(uri, position) {
      const doc = documents.get(uri);
      if (!doc) return undefined;
      const path = uriToPath(uri);
      const req: FeatureRequest = { doc, offset: position ? doc.offsetAt(position) : 0, service };
      if (path) req.path = path;
      const analysis = analyses.get(doc);
      if (analysis) req.analysis = analysis;
      return req;
    },
  };
  let canRegisterWatchers = false;

  connection.onInitialize((params): InitializeResult => {
    clientCapabilities = params.capabilities;
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: Object.assign({ textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } }, ...HANDLERS.map((h) => h.capabilities)),
      serverInfo: { name: 'crm-dataflows-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    warmUpWhileIdle();
  });

  /**
   * Warms the JIT on a synthetic workspace while nothing is open: one short round per turn of
   * the event loop, and only after the client has been quiet for a moment, so requests wait
   * for at most one round; the first real document ends it (its own checks warm the same code).
   */
  function warmUpWhileIdle(): void {
    const rounds = service.warmUp();
    const t0 = performance.now();
    let done = 0;
    const step = () => {
      if (documents.all().length > 0) {
        connection.console.info(`warm-up stopped after ${done} rounds: a document was opened`);
        return;
      }
      const quiet = performance.now() - lastIncoming;
      if (quiet < WARM_UP_BACK_OFF_MS) {
        setTimeout(step, WARM_UP_BACK_OFF_MS - quiet);
        return;
      }
      if (rounds.next().done) {
        connection.console.info(`warm-up done: ${done} rounds in ${Math.round(performance.now() - t0)} ms`);
        return;
      }
      done++;
      setImmediate(step);
    };
    setImmediate(step);
  }

  // A file the checks read changed on disk: forget it and re-check every open dataflow.
  // Every JSON file is watched, so files no open dataflow depends on are ignored first.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    let dependencies: ReadonlySet<string> | 'unknown' | undefined;
    const openDependencies = () => (dependencies ??= schemaFilesOfOpenDataflows());
    let changed = false;
    for (const c of changes) {
      const p = uriToPath(c.uri);
      if (!p) service.workspace.invalidateAll();
      else if (affectsChecks(p, openDependencies)) service.workspace.invalidate(p);
      else continue;
      changed = true;
    }
    if (changed) diagnostics.scheduleAll();
  });

  /** Schema files the open dataflows read, from their (normally cached) analyses. */
  function schemaFilesOfOpenDataflows(): ReadonlySet<string> | 'unknown' {
    const files = new Set<string>();
    try {
      for (const doc of documents.all()) {
        const analysis = analyses.get(doc);
        if (analysis) for (const f of schemaFilesOf(analysis.context)) files.add(f);
      }
    } catch {
      return 'unknown';
    }
    return files;
  }

  documents.onDidOpen((e) => diagnostics.schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    const p = uriToPath(e.document.uri);
    // an open crmflow.yaml or schema is read live by the checks of other documents
    if (p && service.kindOf(p) !== 'dataflow') {
      service.workspace.invalidate(p);
      diagnostics.scheduleAll();
    } else diagnostics.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const p = uriToPath(e.document.uri);
    if (p && service.kindOf(p) !== 'dataflow') {
      service.workspace.invalidate(p);
      diagnostics.scheduleAll();
    }
    diagnostics.forget(e.document.uri);
    analyses.forget(e.document.uri);
  });

  for (const h of HANDLERS) h.register(handlerContext);
  documents.listen(connection);
  connection.listen();
}
