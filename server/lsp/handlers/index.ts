/** Every feature's handlers; startServer merges their capabilities and registers them. */
import type { HandlerModule } from './types';
import { completionHandler } from './completion';
import { codeActionsHandler } from './codeActions';
import { codeLensHandler } from './codeLens';
import { definitionHandler } from './definition';
import { hoverHandler } from './hover';
import { referencesHandler } from './references';
import { signatureHelpHandler } from './signatureHelp';
import { symbolsHandler } from './symbols';
import { foldingHandler } from './folding';
import { selectionRangesHandler } from './selectionRanges';
import { semanticTokensHandler } from './semanticTokens';
import { formattingHandler } from './formatting';
import { salesforceHandler } from './salesforce';

export const HANDLERS: readonly HandlerModule[] = [
  completionHandler,
  hoverHandler,
  signatureHelpHandler,
  definitionHandler,
  referencesHandler,
  codeActionsHandler,
  codeLensHandler,
  symbolsHandler,
  foldingHandler,
  selectionRangesHandler,
  semanticTokensHandler,
  formattingHandler,
  salesforceHandler,
];
