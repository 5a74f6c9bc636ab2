/**
 * The static types of the Data Prep expression language, shared by the catalogue,
 * the checker, the compiler and (later) completion/hover.
 *
 * Catalogue notation (reference/aep.md §2.4) → ExprType:
 * STR → 'string', NUM → 'number', BOOL → 'boolean', DT → 'datetime', ARR → 'array',
 * OBJ → 'object', MAP → 'map', ANY → 'any'. 'date' is a calendar date without time
 * (Salesforce `date` fields, XDM `format: date`); 'null' is the type of the literal null.
 */
export type ExprType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'array'
  | 'object'
  | 'map'
  | 'null'
  | 'any';

export const EXPR_TYPES: readonly ExprType[] = ['string', 'number', 'boolean', 'date', 'datetime', 'array', 'object', 'map', 'null', 'any'];

/** How a type is written in signatures shown to users (hover, signature help). */
export const TYPE_LABEL: Readonly<Record<ExprType, string>> = {
  string: 'STRING',
  number: 'NUMBER',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'DATETIME',
  array: 'ARRAY',
  object: 'OBJECT',
  map: 'MAP',
  null: 'NULL',
  any: 'ANY',
};
