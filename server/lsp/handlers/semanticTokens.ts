/** textDocument/semanticTokens/full and /range → features/semanticTokens. */
import { SEMANTIC_TOKENS_LEGEND, SemanticTokensFeature } from '../../features/semanticTokens';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const semanticTokensHandler: HandlerModule = {
  capabilities: { semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true } },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    const feature = new SemanticTokensFeature();
    ctx.connection.languages.semanticTokens.on((params, token) => runSafe(log, 'semanticTokens/full', { data: [] }, token, () => {
      const req = ctx.request(params.textDocument.uri);
      return req ? feature.full(req) : { data: [] };
    }));
    ctx.connection.languages.semanticTokens.onRange((params, token) => runSafe(log, 'semanticTokens/range', { data: [] }, token, () => {
      const req = ctx.request(params.textDocument.uri);
      return req ? feature.range(req, { start: req.doc.offsetAt(params.range.start), end: req.doc.offsetAt(params.range.end) }) : { data: [] };
    }));
  },
};
