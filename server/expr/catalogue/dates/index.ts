/** The date/time engine of the catalogue: ZonedDateTime values, zones, patterns, parsing. */
export * from './calendar';
export * from './zones';
export * from './zonedDateTime';
export { compilePattern, isValidDatePattern, PATTERN_LETTERS } from './pattern';
export type { CompiledPattern, PatternToken, FieldLetter } from './pattern';
export { formatDate, formatOffset, formatLocalizedOffset } from './format';
export { parseDateWithPattern, resolveFields } from './parse';
export type { ParsedFields } from './parse';
export { IMPLICIT_DATE_FORMATS, ISO_FALLBACK, matchImplicitFormat, parseDateImplicit } from './implicit';
