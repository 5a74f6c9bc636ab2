/** textDocument/definition → features/definition (one provider: it caches indexed files). */
import { DefinitionProvider } from '../../features/definition';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const definitionHandler: HandlerModule = {
  capabilities: { definitionProvider: true },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    const provider = new DefinitionProvider();
    ctx.connection.onDefinition((params, token) => runSafe(log, 'definition', null, token, () => {
      const req = ctx.request(params.textDocument.uri, params.position);
      const links = req ? provider.definition(req) : null;
      // clients without link support get plain locations
      if (!links || ctx.clientCapabilities.textDocument?.definition?.linkSupport) return links;
      return links.map((l) => ({ uri: l.targetUri, range: l.targetSelectionRange }));
    }));
  },
};
