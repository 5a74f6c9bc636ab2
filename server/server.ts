/**
 * Language server entry. Runs inside VS Code (IPC) and standalone for any LSP editor:
 *   node dist/server.js --stdio
 * The extension adds SERVER_NODE_FLAGS (shared/protocol.ts) to keep resident memory low.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

startServer(createConnection(ProposedFeatures.all));
