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
      return req ? provider.definition(req) : null;
    }));
  },
};
