/** textDocument/codeLens → features/codeLens. */
import { codeLenses } from '../../features/codeLens';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const codeLensHandler: HandlerModule = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    ctx.connection.onCodeLens((params, token) => runSafe(log, 'codeLens', [], token, () => {
      const req = ctx.request(params.textDocument.uri);
      return req ? codeLenses(req) : [];
    }));
  },
};
