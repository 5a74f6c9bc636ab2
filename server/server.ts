/**
 * Language server entry. Runs inside VS Code (IPC) and standalone for any LSP editor:
 *   node dist/server.js --stdio
 */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

// An editor process lives for hours: small young-generation spaces keep its resident
// memory low (the bar is 100 MB on a 1,000-mapping file) for a little more GC.
setFlagsFromString('--max-semi-space-size=4');

startServer(createConnection(ProposedFeatures.all));
