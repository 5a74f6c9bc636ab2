/** textDocument/hover → features/hover. */
import { hover } from '../../features/hover';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const hoverHandler: HandlerModule = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    ctx.connection.onHover((params, token) => runSafe(log, 'hover', null, token, () => {
      const req = ctx.request(params.textDocument.uri, params.position);
      return req ? hover(req) : null;
    }));
  },
};
