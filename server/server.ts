/**
 * Language server entry. Runs inside VS Code (IPC) and standalone for any LSP editor:
 *   node dist/server.js --stdio
 * The extension adds SERVER_NODE_FLAGS (shared/protocol.ts) to keep resident memory low.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

// Every message from the client, whatever the transport: the idle-time warm-up backs off while the client is busy.
function onIncoming(listener: () => void): void {
  if (process.argv.includes('--stdio')) process.stdin.on('data', listener);
  else process.on('message', listener);
}

startServer(createConnection(ProposedFeatures.all), { onIncoming });
