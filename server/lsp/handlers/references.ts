/** textDocument/references → features/references (one provider: it caches parsed dataflows). */
import { ReferencesProvider } from '../../features/references';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const referencesHandler: HandlerModule = {
  capabilities: { referencesProvider: true },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    const provider = new ReferencesProvider();
    ctx.connection.onReferences((params, token) => runSafe(log, 'references', null, token, () => {
      const req = ctx.request(params.textDocument.uri, params.position);
      return req ? provider.references(req, params.context.includeDeclaration) : null;
    }));
  },
};
