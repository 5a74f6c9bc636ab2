/** textDocument/documentSymbol → features/symbols. */
import { documentSymbols } from '../../features/symbols';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const symbolsHandler: HandlerModule = {
  capabilities: { documentSymbolProvider: { label: 'CRM Dataflow' } },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    ctx.connection.onDocumentSymbol((params, token) => runSafe(log, 'documentSymbol', [], token, () => {
      const req = ctx.request(params.textDocument.uri);
      return req ? documentSymbols(req) : [];
    }));
  },
};
