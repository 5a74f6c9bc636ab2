/** The catalogue as a table: complete against reference/aep.md §2.4, well-formed, examples true. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPR_TYPES } from '../../../server/expr/types';
import { arityOf, checkArgCount, paramAt, signatureLabel, methodSignatureLabel, isValidRegex, isValidDatePattern } from '../../../server/expr/catalogue';
import type { ParamSpec } from '../../../server/expr/catalogue';
import { catalogue, evaluateExample, plain } from './catalogue-helpers';

/** Every function name (and alias) of reference/aep.md §2.4, by section. */
const REFERENCE_NAMES: Readonly<Record<string, readonly string[]>> = {
  string: ['concat', 'explode', 'instr', 'replacestr', 'substr', 'lower', 'lcase', 'upper', 'ucase', 'split', 'join', 'lpad', 'rpad', 'left', 'right', 'ltrim', 'rtrim', 'trim'],
  regex: ['extract_regex', 'matches_regex'],
  hashing: ['sha1', 'sha256', 'sha512', 'md5', 'crc32'],
  url: ['get_url_protocol', 'get_url_host', 'get_url_port', 'get_url_path', 'get_url_query_str', 'get_url_encoded', 'get_url_decoded'],
  datetime: ['now', 'timestamp', 'format', 'dformat', 'date', 'date_part', 'set_date_part', 'make_date_time', 'make_timestamp', 'zone_date_to_utc', 'zone_date_to_zone'],
  objects: ['is_empty', 'arrays_to_object', 'arrays_to_objects', 'to_object', 'str_to_object', 'contains_key', 'is_set', 'nullify', 'get_keys', 'get_values', 'map_get_values', 'map_has_keys', 'add_to_map', 'object_to_map'],
  arrays: ['coalesce', 'first', 'last', 'add_to_array', 'join_arrays', 'to_array', 'size_of', 'upsert_array_append', 'upsert_array_replace', 'array_to_string', 'filterArray', 'transformArray', 'flattenArray'],
  maps: ['array_to_map', 'object_to_map', 'to_map'],
  logical: ['decode', 'iif'],
  aggregation: ['min', 'max'],
  conversion: ['to_bigint', 'to_decimal', 'to_float', 'to_integer'],
  json: ['json_to_object'],
  special: ['uuid', 'guid', 'fpid_to_ecid'],
  useragent: ['ua_os_name', 'ua_os_version_major', 'ua_os_version', 'ua_os_name_version', 'ua_agent_version', 'ua_agent_version_major', 'ua_agent_name', 'ua_device_class'],
  analytics: ['aa_get_event_id', 'aa_get_event_value', 'aa_get_product_categories', 'aa_get_product_names', 'aa_get_product_quantity', 'aa_get_product_prices', 'aa_get_product_event_values', 'aa_get_product_evars'],
};

describe('catalogue completeness', () => {
  it('has every function and alias of reference §2.4', () => {
    const missing = Object.values(REFERENCE_NAMES).flat().filter((n) => !catalogue.get(n));
    assert.deepEqual(missing, []);
  });

  it('has the methods of §2 (equals, equalsIgnoreCase on strings, get on objects and maps)', () => {
    assert.ok(catalogue.methodFor('equals', 'string'));
    assert.ok(catalogue.methodFor('equalsIgnoreCase', 'string'));
    assert.ok(catalogue.methodFor('get', 'object'));
    assert.ok(catalogue.methodFor('get', 'map'));
    assert.deepEqual(catalogue.methodsOf('string').map((m) => m.name).sort(), ['equals', 'equalsIgnoreCase']);
  });

  it('resolves aliases to the same spec', () => {
    const pairs: [string, string][] = [['lcase', 'lower'], ['ucase', 'upper'], ['make_timestamp', 'make_date_time'], ['guid', 'uuid'], ['arrays_to_objects', 'arrays_to_object']];
    for (const [alias, name] of pairs) assert.equal(catalogue.get(alias), catalogue.get(name), alias);
  });

  it('marks is_set deprecated in favour of contains_key', () => {
    assert.equal(catalogue.get('is_set')!.deprecated, 'contains_key');
  });

  it('marks analytics and destinations-only functions unsupported', () => {
    for (const n of [...REFERENCE_NAMES.analytics!, 'array_to_string', 'filterArray', 'transformArray', 'flattenArray']) assert.ok(catalogue.get(n)!.unsupported, n);
    assert.equal(catalogue.get('aa_get_event_id')!.unsupported, 'Only for Adobe Analytics / Web SDK flows');
    assert.equal(catalogue.functions.filter((f) => f.unsupported).length, 12);
  });

  it('marks exactly now, timestamp and uuid as impure', () => {
    assert.deepEqual(catalogue.functions.filter((f) => f.pure === false).map((f) => f.name).sort(), ['now', 'timestamp', 'uuid']);
  });

  it('names are unique across functions and aliases', () => {
    const all = catalogue.functions.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
    assert.equal(new Set(all).size, all.length);
    assert.equal(catalogue.names().length, all.length);
  });
});

function checkParams(where: string, params: readonly ParamSpec[], repeat: number | undefined): void {
  let seenOptional = false;
  let seenVariadic = false;
  params.forEach((p, i) => {
    assert.match(p.name, /^[A-Z][A-Z0-9_]*$/, `${where} param ${i} name`);
    assert.ok(p.doc.length > 5, `${where} ${p.name} doc`);
    for (const t of typeof p.type === 'string' ? [p.type] : p.type) assert.ok(EXPR_TYPES.includes(t), `${where} ${p.name} type ${t}`);
    if (!p.optional) assert.ok(!seenOptional || p.variadic, `${where}: required ${p.name} after an optional parameter`);
    if (p.optional && !p.variadic) seenOptional = true;
    if (p.variadic) seenVariadic = true;
    else if (seenVariadic) assert.ok(p.optional, `${where}: ${p.name} after a variadic group must be optional`);
    if (p.values) assert.ok(p.values.length > 0, `${where} ${p.name} values`);
    if (p.default !== undefined) assert.ok(p.optional, `${where} ${p.name} has a default but is required`);
  });
  const variadics = params.filter((p) => p.variadic).length;
  if (repeat !== undefined) assert.equal(variadics, repeat, `${where}: repeat must equal the number of variadic params`);
  else assert.ok(variadics <= 1, `${where}: several variadic params need repeat`);
}

describe('catalogue specs are well-formed', () => {
  for (const f of catalogue.functions) {
    it(f.name, () => {
      assert.match(f.name, /^[a-z][A-Za-z0-9_]*$/);
      assert.ok(f.doc.length > 10 && !f.doc.includes('\n'), 'one-line doc');
      assert.ok(EXPR_TYPES.includes(f.returns), 'return type');
      assert.equal(typeof f.pure, 'boolean', 'pure is stated');
      assert.equal(typeof f.impl, 'function');
      checkParams(f.name, f.params, f.repeat);
      for (const o of f.overloads ?? []) checkParams(`${f.name} overload`, o.params, o.repeat);
      assert.ok((f.examples ?? []).length > 0, 'has an example');
      const callable = [f.name, ...(f.aliases ?? [])];
      for (const ex of f.examples ?? []) {
        assert.ok(callable.some((n) => ex.call.startsWith(n + '(')), `example "${ex.call}" calls ${f.name}`);
        assert.equal(ex.call.split('(').length, ex.call.split(')').length, `balanced parentheses in "${ex.call}"`);
      }
      for (const p of f.params) if (p.literal === 'regex') assert.ok(p.type === 'string');
      const { min, max } = arityOf(f);
      assert.ok(min <= max);
      assert.equal(checkArgCount(f, min), undefined, `${min} args accepted`);
    });
  }

  it('methods are well-formed', () => {
    for (const m of catalogue.methods) {
      assert.ok(EXPR_TYPES.includes(m.receiver) && EXPR_TYPES.includes(m.returns));
      assert.ok(m.doc.length > 10);
      checkParams(m.name, m.params, undefined);
    }
  });
});

describe('documented examples evaluate to their results', () => {
  for (const f of catalogue.functions) {
    if (f.unsupported || f.pure === false) continue;
    for (const ex of f.examples ?? []) {
      const evaluated = evaluateExample(ex.call);
      if (!evaluated) continue; // refers to source fields
      it(ex.call.length > 70 ? ex.call.slice(0, 67) + '...' : ex.call, () => {
        assert.deepEqual(plain(evaluated.value), plain(ex.result as never));
      });
    }
  }

  it('evaluates most examples (only field-referencing ones are skipped)', () => {
    const skipped = catalogue.functions.flatMap((f) => (f.examples ?? []).filter(() => !f.unsupported && f.pure !== false).filter((ex) => !evaluateExample(ex.call)).map((ex) => ex.call));
    assert.deepEqual(skipped.map((c) => c.split('(')[0]).sort(), ['add_to_map', 'array_to_map', 'map_get_values', 'map_has_keys', 'object_to_map', 'object_to_map']);
  });

  it('method examples evaluate too', () => {
    for (const m of catalogue.methods) for (const ex of m.examples ?? []) assert.deepEqual(plain(evaluateExample(ex.call)!.value), ex.result, ex.call);
  });

  it('literal regex and date-format examples are valid patterns', () => {
    assert.equal(isValidRegex('([^,]+),[^,]*,([^,]+)'), undefined);
    assert.equal(isValidDatePattern("yyyy-MM-dd'T'HH:mm:ss.SSSX"), undefined);
  });
});

describe('signature helpers', () => {
  const get = (n: string) => catalogue.get(n)!;

  it('counts arguments of fixed, optional and variadic functions', () => {
    assert.deepEqual(arityOf(get('instr')), { min: 2, max: 4 });
    assert.deepEqual(arityOf(get('concat')), { min: 1, max: Infinity });
    assert.deepEqual(arityOf(get('now')), { min: 0, max: 0 });
    assert.deepEqual(arityOf(get('add_to_array')), { min: 1, max: Infinity });
    assert.match(checkArgCount(get('substr'), 2)!, /expects 3 arguments, got 2/);
    assert.match(checkArgCount(get('instr'), 5)!, /at most 4/);
    assert.match(checkArgCount(get('concat'), 0)!, /at least 1/);
  });

  it('checks repeating pairs and decode with its optional default', () => {
    assert.equal(checkArgCount(get('to_object'), 4), undefined);
    assert.match(checkArgCount(get('to_object'), 3)!, /KEY, VALUE in groups of 2/);
    assert.equal(checkArgCount(get('decode'), 3), undefined);
    assert.equal(checkArgCount(get('decode'), 4), undefined);
    assert.equal(checkArgCount(get('decode'), 6), undefined);
    assert.match(checkArgCount(get('decode'), 2)!, /at least 3/);
  });

  it('maps an argument index to its parameter', () => {
    assert.equal(paramAt(get('instr'), 2)!.name, 'START_POSITION');
    assert.equal(paramAt(get('instr'), 9), undefined);
    assert.equal(paramAt(get('to_object'), 3)!.name, 'VALUE');
    assert.equal(paramAt(get('decode'), 0)!.name, 'KEY');
    assert.equal(paramAt(get('decode'), 3)!.name, 'SEARCH');
    assert.equal(paramAt(get('decode'), 5, 6)!.name, 'DEFAULT');
    assert.equal(paramAt(get('decode'), 4, 5)!.name, 'RESULT');
    assert.equal(paramAt(get('concat'), 7)!.name, 'STRING');
  });

  it('renders signatures for hover', () => {
    assert.equal(signatureLabel('instr', get('instr')), 'instr(INPUT: STRING, SUBSTRING: STRING, START_POSITION?: NUMBER, OCCURRENCE?: NUMBER): NUMBER');
    assert.equal(signatureLabel('to_object', get('to_object')), 'to_object(KEY1: STRING, VALUE1: ANY, ...): OBJECT');
    assert.equal(signatureLabel('concat', get('concat')), 'concat(STRING: ANY...): STRING');
    assert.equal(methodSignatureLabel(catalogue.methodFor('equalsIgnoreCase', 'string')!), 'STRING.equalsIgnoreCase(STRING2: STRING): BOOLEAN');
  });
});
