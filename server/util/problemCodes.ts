/**
 * The one table of diagnostic codes. Codes are stable: quick fixes, tests and users'
 * suppressions key on them, so never rename one; retire it instead.
 * Naming: `<area>-<what>`, lower-case, hyphenated.
 */
import type { Severity } from './problems';

interface CodeInfo { severity: Severity; summary: string }

const codes = {
  // --- YAML / file structure (server/dataflow) ---
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML.' },
  'yaml-alias-limit': { severity: 'error', summary: 'YAML aliases expand beyond the safe limit (alias bomb).' },
  'yaml-too-large': { severity: 'warning', summary: 'The file is too large to analyse fully.' },
  'diagnostics-truncated': { severity: 'information', summary: 'More problems were found than are shown; the rest are counted.' },
  'structure-missing-key': { severity: 'error', summary: 'A required key is missing.' },
  'structure-unknown-key': { severity: 'error', summary: 'A key that the file format does not define.' },
  'structure-type': { severity: 'error', summary: 'A value has the wrong YAML type.' },
  'structure-enum': { severity: 'error', summary: 'A value is not one of the allowed values.' },
  'structure-invalid': { severity: 'error', summary: 'A value breaks a rule of the file format.' },
  'mapping-kind': { severity: 'error', summary: 'A mapping must have exactly one of source, expression or value.' },

  // --- project and references ---
  'project-secret': { severity: 'error', summary: 'A secret is written in crmflow.yaml; secrets belong in SecretStorage or environment variables.' },
  'project-missing': { severity: 'warning', summary: 'No crmflow.yaml project file was found for this dataflow.' },
  'unknown-connection': { severity: 'error', summary: 'The connection is not declared in crmflow.yaml.' },
  'unknown-object': { severity: 'error', summary: 'The Salesforce object is not in the describe cache of the connection.' },
  'describe-missing': { severity: 'information', summary: 'No cached describe for the object; source fields are not checked.' },
  'schema-not-found': { severity: 'error', summary: 'The target schema file does not exist or cannot be read.' },
  'schema-invalid': { severity: 'error', summary: 'The target schema file is not a usable XDM schema.' },
  'unknown-dataset': { severity: 'warning', summary: 'The target dataset is not declared in crmflow.yaml.' },

  // --- mappings ---
  'unknown-source-field': { severity: 'error', summary: 'The source field does not exist on the Salesforce object.' },
  'unknown-target-path': { severity: 'error', summary: 'The target path does not exist in the XDM schema.' },
  'target-not-leaf': { severity: 'warning', summary: 'The target is an object; only matching sub-fields are copied.' },
  'type-mismatch': { severity: 'error', summary: 'The source type cannot be converted to the target XDM type.' },
  'type-conversion': { severity: 'warning', summary: 'The value is converted implicitly at run time and may fail for some records.' },
  'duplicate-target': { severity: 'error', summary: 'Two mappings write the same target path.' },
  'required-unmapped': { severity: 'warning', summary: 'A required XDM field has no mapping.' },
  'static-value-invalid': { severity: 'error', summary: 'A static value does not fit the target type, format or enum.' },
  'incremental-field': { severity: 'error', summary: 'The incremental (delta) column is missing or not a date/time field.' },

  // --- identities ---
  'identity-unmapped': { severity: 'error', summary: 'An identity path has no mapping.' },
  'identity-unknown-namespace': { severity: 'error', summary: 'The identity namespace is neither standard nor declared in crmflow.yaml.' },
  'identity-no-primary': { severity: 'error', summary: 'No identity is marked primary.' },
  'identity-multiple-primary': { severity: 'error', summary: 'More than one identity is marked primary.' },
  'identity-unknown-path': { severity: 'error', summary: 'The identity path does not exist in the XDM schema.' },

  // --- expressions (server/expr) ---
  'expr-syntax': { severity: 'error', summary: 'The expression cannot be parsed.' },
  'expr-unterminated': { severity: 'error', summary: 'A string, ${...} name or parenthesis is not closed.' },
  'expr-unknown-function': { severity: 'error', summary: 'No Data Prep function has this name.' },
  'expr-unsupported-function': { severity: 'error', summary: 'The function exists in AEP but not for source ingestion.' },
  'expr-deprecated-function': { severity: 'warning', summary: 'The function is deprecated.' },
  'expr-arity': { severity: 'error', summary: 'Wrong number of arguments.' },
  'expr-argument-type': { severity: 'error', summary: 'An argument has the wrong type.' },
  'expr-argument-value': { severity: 'error', summary: 'A literal argument is not one of the allowed values (e.g. charset, date component).' },
  'expr-unknown-field': { severity: 'error', summary: 'The field does not exist on the source object.' },
  'expr-reserved-word': { severity: 'error', summary: 'A reserved word used as a field name must be written as ${name}.' },
  'expr-unknown-method': { severity: 'error', summary: 'No such method on this value.' },
  'expr-operand-type': { severity: 'error', summary: 'An operator is applied to values of the wrong type.' },
  'expr-too-long': { severity: 'error', summary: 'The expression is longer than 4096 characters.' },
  'expr-unknown-variable': { severity: 'warning', summary: 'An unknown ${VARIABLE} inside a string literal is left as is.' },
  'expr-invalid-regex': { severity: 'error', summary: 'A literal regular expression does not compile.' },
  'expr-invalid-date-format': { severity: 'error', summary: 'A literal date format pattern is not valid.' },
  'expr-empty': { severity: 'error', summary: 'The expression is empty.' },
} satisfies Record<string, CodeInfo>;

export type ProblemCode = keyof typeof codes;
export const PROBLEM_CODES: Readonly<Record<ProblemCode, CodeInfo>> = codes;
