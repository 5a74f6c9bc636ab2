/**
 * The contract between the VS Code client and the language server: ids both sides must
 * agree on, and every custom request/notification (namespace + literal method + typed
 * params/result, with who sends it to whom). Declared once here; both bundles import it.
 */

/** Language id of dataflow files and of crmflow.yaml (package.json `contributes.languages`). */
export const LANGUAGE_ID = 'crm-dataflow';

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'crm-dataflow';

/** Files the server watches; a change revalidates open dataflows. */
export const WATCHED_GLOBS = ['**/crmflow.{yaml,yml}', '**/*.schema.json', '**/.crmflow/metadata/**/*.json'] as const;

/** Commands the server names (CodeLens, code actions) and the client registers; arguments: the document uri. */
export const COMMANDS = {
  runTestIngestion: 'crmDataflows.runTestIngestion',
  previewRecords: 'crmDataflows.previewRecords',
} as const;
