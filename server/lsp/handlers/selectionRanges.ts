/** textDocument/selectionRange → features/selectionRanges. */
import { selectionRanges } from '../../features/selectionRanges';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const selectionRangesHandler: HandlerModule = {
  capabilities: { selectionRangeProvider: true },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    ctx.connection.onSelectionRanges((params, token) => runSafe(log, 'selectionRange', [], token, () => {
      const req = ctx.request(params.textDocument.uri);
      return req ? selectionRanges(req, params.positions.map((p) => req.doc.offsetAt(p))) : [];
    }));
  },
};
