/** textDocument/codeAction → features/codeActions. */
import { CodeActionKind } from 'vscode-languageserver';
import { CodeActionFeature } from '../../features/codeActions';
import { SUGGEST_MAPPINGS_KIND } from '../../features/suggestMappings';
import { runSafe } from '../runSafe';
import type { HandlerModule } from './types';

export const codeActionsHandler: HandlerModule = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, SUGGEST_MAPPINGS_KIND] } },
  register(ctx) {
    const log = (m: string) => ctx.connection.console.error(m);
    const feature = new CodeActionFeature();
    ctx.connection.onCodeAction((params, token) => runSafe(log, 'codeAction', [], token, () => {
      const req = ctx.request(params.textDocument.uri, params.range.start);
      if (!req) return [];
      const range = { start: req.offset, end: req.doc.offsetAt(params.range.end) };
      const q = { range, diagnostics: params.context.diagnostics, onError: (e: unknown) => log(`codeAction fix failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`) };
      return feature.actions(req, params.context.only ? { ...q, only: params.context.only } : q);
    }));
  },
};
