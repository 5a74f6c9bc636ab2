/** textDocument/completion → features/completion (one instance: it caches item templates). */
import { CompletionTriggerKind } from 'vscode-languageserver';
import { COMPLETION_TRIGGER_CHARACTERS, DataflowCompletion } from '../../features/completion';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const completionHandler: HandlerModule = {
  // no resolveProvider: documentation is precomputed per template, so items arrive complete
  capabilities: { completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: false } },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    const feature = new DataflowCompletion();
    ctx.connection.onCompletion((params, token) => runSafe(log, 'completion', { isIncomplete: false, items: [] }, token, () => {
      const req = ctx.request(params.textDocument.uri, params.position);
      if (!req) return { isIncomplete: false, items: [] };
      const c = params.context;
      return feature.complete(req, c?.triggerKind === CompletionTriggerKind.TriggerCharacter && c.triggerCharacter ? { character: c.triggerCharacter } : {});
    }));
  },
};
