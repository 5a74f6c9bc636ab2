/**
 * Can a value of this source type be written to this XDM field? Mirrors what AEP does
 * at ingestion: some pairs always work, some convert implicitly and can fail per record
 * (a warning), some can never work (an error).
 */
import type { ExprType } from '../expr/types';
import type { XdmField } from '../xdm/schema';

export interface SourceType {
  type: ExprType;
  /** the Salesforce field type, when the source is a field */
  sfType?: string;
  /** decimal places of a numeric Salesforce field */
  scale?: number;
}

export type Verdict = { code: 'type-mismatch' | 'type-conversion'; message: string } | undefined;

const NUMERIC = new Set(['number', 'integer', 'long', 'int', 'short', 'byte']);
const INTEGRAL = new Set(['integer', 'long', 'int', 'short', 'byte']);
// Salesforce string-like types whose values are never numbers, booleans or dates.
const NON_NUMERIC_STRINGS = new Set(['picklist', 'multipicklist', 'id', 'reference', 'email', 'phone', 'url', 'combobox', 'textarea', 'base64', 'encryptedstring']);

export function targetLabel(f: XdmField): string {
  if (f.xdmType === 'array') return `array${f.itemXdmType ? ` of ${f.itemXdmType}` : ''}`;
  return f.format && f.xdmType === 'string' ? `string (${f.format})` : f.xdmType;
}

function sourceLabel(s: SourceType): string {
  return s.sfType ? `${s.sfType}` : s.type;
}

export function compatibility(src: SourceType, target: XdmField): Verdict {
  const t = src.type;
  if (t === 'any' || t === 'null') return undefined;
  const x = target.xdmType;
  const what = `${sourceLabel(src)} into ${targetLabel(target)} '${target.path}'`;
  const mismatch = (hint = ''): Verdict => ({ code: 'type-mismatch', message: `Cannot write a ${what}.${hint}` });
  const convert = (how: string): Verdict => ({ code: 'type-conversion', message: `A ${what} is converted at run time (${how}); records whose value does not convert get null there.` });
  if (x === 'string') {
    if (t === 'object' || t === 'array' || t === 'map') return mismatch(t === 'array' ? " Use join(\",\", …) to make one string." : ' Map its sub-fields instead.');
    if ((target.format === 'date' || target.format === 'date-time') && t !== 'date' && t !== 'datetime') return convert('parsed as a date');
    return undefined;
  }
  if (NUMERIC.has(x)) {
    if (t === 'number') {
      if (INTEGRAL.has(x) && src.sfType && ['double', 'currency', 'percent'].includes(src.sfType) && (src.scale ?? 0) > 0) return convert('decimals are truncated');
      return undefined;
    }
    if (t === 'string') {
      if (src.sfType && NON_NUMERIC_STRINGS.has(src.sfType)) return mismatch(src.sfType === 'picklist' ? ' Use decode(…) to turn picklist values into numbers.' : '');
      return convert('parsed as a number');
    }
    return mismatch();
  }
  if (x === 'boolean') {
    if (t === 'boolean') return undefined;
    if (t === 'string') {
      if (src.sfType && NON_NUMERIC_STRINGS.has(src.sfType) && src.sfType !== 'picklist' && src.sfType !== 'combobox') return mismatch();
      return convert('y/yes/on/true and n/no/off/false');
    }
    return mismatch(t === 'date' || t === 'datetime' ? ' Compare it instead, e.g. iif(Field != null, true, false).' : '');
  }
  if (x === 'date' || x === 'date-time') {
    if (t === 'date' || t === 'datetime') return undefined;
    if (t === 'string') {
      if (src.sfType && NON_NUMERIC_STRINGS.has(src.sfType)) return mismatch();
      return convert('parsed with the implicit date formats; give date(value, format) to be explicit');
    }
    if (t === 'number' && !src.sfType) return convert('read as epoch milliseconds');
    return mismatch();
  }
  if (x === 'object' || x === 'map') {
    if (t === 'object' || t === 'map') return undefined;
    return mismatch(x === 'object' ? ' Map its sub-fields instead, or build it with to_object(…).' : ' Build it with to_map(…) or object_to_map(…).');
  }
  if (x === 'array') {
    if (t === 'array') return undefined;
    if (t === 'string') return mismatch(src.sfType === 'multipicklist' ? ' Use explode(Field, ";") to split the selected values.' : ' Use explode(…) or split(…) to make an array.');
    return mismatch(' Use to_array(false, …) to make an array.');
  }
  return undefined;
}
