/** textDocument/signatureHelp → features/signatureHelp. */
import { SIGNATURE_RETRIGGER_CHARACTERS, SIGNATURE_TRIGGER_CHARACTERS, signatureHelp } from '../../features/signatureHelp';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const signatureHelpHandler: HandlerModule = {
  capabilities: { signatureHelpProvider: { triggerCharacters: [...SIGNATURE_TRIGGER_CHARACTERS], retriggerCharacters: [...SIGNATURE_RETRIGGER_CHARACTERS] } },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    ctx.connection.onSignatureHelp((params, token) => runSafe(log, 'signatureHelp', null, token, () => {
      const req = ctx.request(params.textDocument.uri, params.position);
      const active = params.context?.activeSignatureHelp;
      return req ? signatureHelp(req, active ? { activeSignatureHelp: active } : {}) : null;
    }));
  },
};
