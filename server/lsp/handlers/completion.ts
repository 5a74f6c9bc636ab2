/** textDocument/completion and completionItem/resolve → features/completion (one instance: it caches item templates). */
import { CompletionTriggerKind } from 'vscode-languageserver';
import { COMPLETION_TRIGGER_CHARACTERS, DataflowCompletion } from '../../features/completion';
import { withDefaultEditRange } from '../../features/completion/editRange';
import { CompletionDetails } from '../../features/completion/resolve';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const completionHandler: HandlerModule = {
  // resolve: detail and documentation of the focused item are sent when asked (lists of 800 fields stay small)
  capabilities: { completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: true } },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    const feature = new DataflowCompletion();
    const details = new CompletionDetails();
    ctx.connection.onCompletion((params, token) => runSafe(log, 'completion', { isIncomplete: false, items: [] }, token, () => {
      const req = ctx.request(params.textDocument.uri, params.position);
      if (!req) return { isIncomplete: false, items: [] };
      const c = params.context;
      const list = details.split(feature.complete(req, c?.triggerKind === CompletionTriggerKind.TriggerCharacter && c.triggerCharacter ? { character: c.triggerCharacter } : {}));
      // the shared replace range goes once on the list for clients that take it (halves the JSON)
      const defaults = ctx.clientCapabilities.textDocument?.completion?.completionList?.itemDefaults;
      return defaults?.includes('editRange') ? withDefaultEditRange(list) : list;
    }));
    ctx.connection.onCompletionResolve((item, token) => runSafe(log, 'completionResolve', item, token, () => details.resolve(item)));
  },
};
