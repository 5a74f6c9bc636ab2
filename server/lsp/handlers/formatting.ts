/** textDocument/formatting → features/formatting. */
import { formatDocument } from '../../features/formatting';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const formattingHandler: HandlerModule = {
  capabilities: { documentFormattingProvider: true },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    ctx.connection.onDocumentFormatting((params, token) => runSafe(log, 'formatting', [], token, () => {
      const req = ctx.request(params.textDocument.uri);
      return req ? formatDocument(req, params.options) : [];
    }));
  },
};
