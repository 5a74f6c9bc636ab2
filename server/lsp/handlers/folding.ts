/** textDocument/foldingRange → features/folding. */
import { foldingRanges } from '../../features/folding';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const foldingHandler: HandlerModule = {
  capabilities: { foldingRangeProvider: true },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    ctx.connection.onFoldingRanges((params, token) => runSafe(log, 'foldingRange', [], token, () => {
      const req = ctx.request(params.textDocument.uri);
      return req ? foldingRanges(req) : [];
    }));
  },
};
