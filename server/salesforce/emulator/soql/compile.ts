/**
 * SOQL text → validated QueryPlan, using @jetstreamapp/soql-parser-js for the grammar and the
 * emulator's describe metadata for names and types. Errors come back as data shaped like an org's
 * (`MALFORMED_QUERY`, `INVALID_FIELD`, `INVALID_TYPE`, with `ERROR at Row:R:Column:C`).
 */
import * as soqlParser from '@jetstreamapp/soql-parser-js';
import type { FieldDescribe } from '../../describeTypes';
import type { Catalog, CatalogObject } from '../metadata/catalog';
import { parseDateTime } from '../data/format';
import { dateLiteralRange } from './dateLiterals';
import type { FieldPath, Hop, Literal, Operator, OrderKey, Predicate, QueryPlan, SelectItem, SoqlError } from './plan';

type ParsedQuery = soqlParser.Query | soqlParser.Subquery;

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'encryptedstring', 'id', 'reference']);
const NUMBER_TYPES = new Set(['int', 'long', 'double', 'currency', 'percent']);
const MAX_OFFSET = 2000;
const FIELDS_FUNCTION_LIMIT = 200;

class QueryError extends Error {
  constructor(readonly soqlError: SoqlError) {
    super(soqlError.message);
  }
}

/** Compiles `soql`; `nowMs` anchors date literals. Never throws. */
export function compileSoql(soql: string, catalog: Catalog, nowMs: number): { plan: QueryPlan } | { error: SoqlError } {
  try {
    let parsed: soqlParser.Query;
    try {
      parsed = soqlParser.parseQuery(soql);
    } catch (e) {
      return { error: malformed(soql, e instanceof Error ? e.message : String(e)) };
    }
    return { plan: new Compiler(soql, catalog, nowMs).query(parsed, parsed.sObject ?? '', null) };
  } catch (e) {
    if (e instanceof QueryError) return { error: e.soqlError };
    return { error: { errorCode: 'MALFORMED_QUERY', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** 1-based row/column of the first whole-word occurrence of `token` (case-insensitive) at or after `from`. */
function positionOf(soql: string, token: string, from = 0): { row: number; column: number; offset: number } {
  const lower = soql.toLowerCase();
  const needle = token.toLowerCase();
  let offset = -1;
  for (let at = lower.indexOf(needle, from); at >= 0; at = lower.indexOf(needle, at + 1)) {
    const before = at === 0 ? ' ' : lower[at - 1];
    const after = lower[at + needle.length] ?? ' ';
    if (!/[\w.]/.test(before) && !/\w/.test(after)) { offset = at; break; }
  }
  if (offset < 0) offset = Math.max(0, lower.indexOf(needle));
  const lines = soql.slice(0, offset).split('\n');
  return { row: lines.length, column: lines[lines.length - 1].length + 1, offset };
}

function located(soql: string, token: string, reason: string, from = 0): string {
  const { row, column } = positionOf(soql, token, from);
  const line = soql.split('\n')[row - 1] ?? soql;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${reason}`;
}

function malformed(soql: string, parserMessage: string): SoqlError {
  const found = /found --> '([^']*)' <--/.exec(parserMessage) ?? /but found: '([^']*)'/.exec(parserMessage);
  const lexing = /\((\d+):(\d+)\)/.exec(parserMessage);
  if (found && found[1]) return { errorCode: 'MALFORMED_QUERY', message: located(soql, found[1], `unexpected token: '${found[1]}'`) };
  if (lexing) {
    const row = Number(lexing[1]);
    const column = Number(lexing[2]);
    const line = soql.split('\n')[row - 1] ?? soql;
    return { errorCode: 'MALFORMED_QUERY', message: `\n${line}\n${' '.repeat(Math.max(0, column - 1))}^\nERROR at Row:${row}:Column:${column}\nunexpected token: '${line[column - 1] ?? ''}'` };
  }
  const lines = soql.split('\n');
  const last = lines[lines.length - 1];
  return { errorCode: 'MALFORMED_QUERY', message: `\n${last}\n${' '.repeat(last.length)}^\nERROR at Row:${lines.length}:Column:${last.length + 1}\nunexpected token: <EOF>` };
}

function unquote(raw: string): string {
  const body = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c);
}

type FlatToken = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: soqlParser.Condition | soqlParser.ValueQueryCondition };

class Compiler {
  constructor(private readonly soql: string, private readonly catalog: Catalog, private readonly nowMs: number) {}

  private fail(errorCode: SoqlError['errorCode'], token: string, reason: string): never {
    throw new QueryError({ errorCode, message: located(this.soql, token, reason) });
  }

  query(parsed: ParsedQuery, objectName: string, parentObject: CatalogObject | null): QueryPlan {
    const object = this.catalog.object(objectName);
    if (!object) {
      this.fail('INVALID_TYPE', objectName, `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    if (parsed.groupBy || parsed.having) this.fail('MALFORMED_QUERY', 'GROUP', 'GROUP BY is not supported by the CRM Dataflows emulator');
    const alias = parsed.sObjectAlias;
    const items: SelectItem[] = [];
    let countOnly = false;
    let aggregate = false;
    let usesFieldsFunction = false;
    const seen = new Set<string>();
    const addField = (path: FieldPath) => {
      const key = path.display.toLowerCase();
      if (seen.has(key)) this.fail('MALFORMED_QUERY', path.field.name, `duplicate field selected: ${path.display}`);
      seen.add(key);
      items.push({ kind: 'field', path });
    };
    for (const f of parsed.fields ?? []) {
      if (f.type === 'Field' || f.type === 'FieldRelationship') {
        const raw = f.type === 'Field' ? f.field : [...f.relationships, f.field].join('.');
        addField(this.path(object, raw, alias));
      } else if (f.type === 'FieldFunctionExpression') {
        const name = f.functionName.toUpperCase();
        if (name === 'FIELDS') {
          usesFieldsFunction = true;
          const which = String(f.parameters[0] ?? '').toUpperCase();
          if (which !== 'STANDARD' && (parsed.limit === undefined || parsed.limit > FIELDS_FUNCTION_LIMIT)) {
            this.fail('MALFORMED_QUERY', 'FIELDS', `The SOQL FIELDS function must have a LIMIT of at most ${FIELDS_FUNCTION_LIMIT}`);
          }
          for (const fd of object.fields) {
            if ((which === 'CUSTOM' && !fd.custom) || (which === 'STANDARD' && fd.custom)) continue;
            if (!seen.has(fd.name.toLowerCase())) addField(this.rootPath(object, fd));
          }
        } else if (name === 'COUNT') {
          if (f.parameters.length === 0) countOnly = true;
          else {
            aggregate = true;
            const param = String(f.parameters[0]);
            items.push({ kind: 'count', alias: f.alias ?? `expr${items.filter((i) => i.kind === 'count').length}`, path: this.path(object, param, alias) });
          }
        } else {
          this.fail('MALFORMED_QUERY', f.functionName, `function ${f.functionName} is not supported by the CRM Dataflows emulator`);
        }
      } else if (f.type === 'FieldSubquery') {
        if (parentObject) this.fail('MALFORMED_QUERY', 'SELECT', 'nested subqueries are not supported');
        const relationshipName = f.subquery.relationshipName;
        const child = object.childByLowerName.get(relationshipName.toLowerCase());
        if (!child) {
          this.fail('INVALID_TYPE', relationshipName, `Didn't understand relationship '${relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
        }
        items.push({
          kind: 'subquery', relationshipName: child.relationshipName, relationshipKey: `${child.childObject}.${child.field}`,
          plan: this.query(f.subquery, child.childObject, object),
        });
      } else {
        this.fail('MALFORMED_QUERY', 'TYPEOF', 'TYPEOF is not supported by the CRM Dataflows emulator');
      }
    }
    if (countOnly && items.length > 0) this.fail('MALFORMED_QUERY', 'COUNT', 'COUNT() must be the only element in the SELECT list');
    if (aggregate && items.some((i) => i.kind !== 'count')) {
      this.fail('MALFORMED_QUERY', 'COUNT', 'Field must be grouped or aggregated');
    }
    if (parsed.offset !== undefined && parsed.offset > MAX_OFFSET) {
      throw new QueryError({ errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: `Maximum SOQL offset allowed is ${MAX_OFFSET}` });
    }
    const orderBy: OrderKey[] = [];
    const orderClauses = parsed.orderBy === undefined ? [] : Array.isArray(parsed.orderBy) ? parsed.orderBy : [parsed.orderBy];
    for (const clause of orderClauses) {
      if (!('field' in clause) || typeof clause.field !== 'string') this.fail('MALFORMED_QUERY', 'ORDER', 'ORDER BY on a function is not supported');
      const path = this.path(object, clause.field, alias);
      if (!path.field.sortable) this.fail('INVALID_FIELD', clause.field, `field '${path.field.name}' can not be sorted in a query call`);
      const descending = clause.order === 'DESC';
      orderBy.push({ path, descending, nullsLast: clause.nulls ? clause.nulls === 'LAST' : descending });
    }
    return {
      soql: this.soql,
      object,
      items,
      countOnly,
      aggregate,
      where: parsed.where ? this.where(object, parsed.where, alias) : null,
      orderBy,
      limit: parsed.limit ?? null,
      offset: parsed.offset ?? 0,
      usesFieldsFunction,
      compoundFields: items.flatMap((i) => (i.kind === 'field' && (i.path.field.type === 'address' || i.path.field.type === 'location') ? [i.path.display] : [])),
    };
  }

  private rootPath(object: CatalogObject, field: FieldDescribe): FieldPath {
    return { hops: [], field, object, display: field.name };
  }

  /** Resolves `Account.Owner.Name` (optionally prefixed by the FROM alias) against the metadata. */
  private path(root: CatalogObject, raw: string, alias: string | undefined): FieldPath {
    let parts = raw.split('.');
    if (alias && parts.length > 1 && parts[0].toLowerCase() === alias.toLowerCase()) parts = parts.slice(1);
    if (parts.length > 1 && parts[0].toLowerCase() === root.name.toLowerCase() && !root.relationshipByLowerName.has(parts[0].toLowerCase())) parts = parts.slice(1);
    if (parts.length > 6) this.fail('MALFORMED_QUERY', raw, 'SOQL statements cannot query more than 5 levels of relationships');
    const hops: Hop[] = [];
    let current = root;
    for (let k = 0; k < parts.length - 1; k++) {
      const part = parts[k];
      const ref = current.relationshipByLowerName.get(part.toLowerCase());
      const target = ref ? this.hopTarget(ref, parts[k + 1]) : undefined;
      if (!ref || !target) {
        this.fail('INVALID_FIELD', part, `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
      }
      hops.push({ name: ref.relationshipName as string, field: ref, target });
      current = target;
    }
    const last = parts[parts.length - 1];
    const field = current.fieldByLowerName.get(last.toLowerCase());
    if (!field) {
      this.fail('INVALID_FIELD', last, `No such column '${last}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    return { hops, field, object: current, display: [...hops.map((h) => h.name), field.name].join('.') };
  }

  /**
   * The object a lookup leads to. A polymorphic one (Lead.Owner → Group or User) takes the first
   * target that knows the next name of the path, so `Owner.Profile.Name` reaches User as on an org.
   */
  private hopTarget(ref: FieldDescribe, next: string): CatalogObject | undefined {
    const targets = ref.referenceTo.flatMap((t) => this.catalog.object(t) ?? []);
    const lower = next.toLowerCase();
    return targets.find((t) => t.fieldByLowerName.has(lower) || t.relationshipByLowerName.has(lower)) ?? targets[0];
  }

  private where(object: CatalogObject, clause: soqlParser.WhereClause, alias: string | undefined): Predicate {
    const tokens: FlatToken[] = [];
    const flatten = (node: soqlParser.WhereClause | undefined): void => {
      if (!node) return;
      const left = node.left as (soqlParser.ConditionWithValueQuery & { closeParen?: number }) | null;
      const op = 'operator' in node ? node.operator : undefined;
      if (op === 'NOT') {
        if (left && 'openParen' in left && !('field' in left) && !('fn' in left)) for (let i = 0; i < (left.openParen ?? 0); i++) tokens.push('(');
        tokens.push('NOT');
        flatten((node as soqlParser.WhereClauseWithoutNegationOperator).right);
        return;
      }
      if (left) {
        const parens = left as { openParen?: number; closeParen?: number };
        for (let i = 0; i < (parens.openParen ?? 0); i++) tokens.push('(');
        tokens.push({ condition: left });
        for (let i = 0; i < (parens.closeParen ?? 0); i++) tokens.push(')');
      }
      if (op === 'AND' || op === 'OR') {
        tokens.push(op);
        flatten((node as soqlParser.WhereClauseWithRightCondition).right);
      }
    };
    flatten(clause);
    let at = 0;
    const parseOr = (): Predicate => {
      const items = [parseAnd()];
      while (tokens[at] === 'OR') { at++; items.push(parseAnd()); }
      return items.length === 1 ? items[0] : { kind: 'or', items };
    };
    const parseAnd = (): Predicate => {
      const items = [parseUnary()];
      while (tokens[at] === 'AND') { at++; items.push(parseUnary()); }
      return items.length === 1 ? items[0] : { kind: 'and', items };
    };
    const parseUnary = (): Predicate => {
      const token = tokens[at++];
      if (token === 'NOT') return { kind: 'not', item: parseUnary() };
      if (token === '(') {
        const inner = parseOr();
        if (tokens[at] === ')') at++;
        return inner;
      }
      if (token && typeof token === 'object') return this.condition(object, token.condition, alias);
      this.fail('MALFORMED_QUERY', 'WHERE', 'unexpected token in WHERE clause');
    };
    return parseOr();
  }

  private condition(object: CatalogObject, condition: soqlParser.Condition | soqlParser.ValueQueryCondition, alias: string | undefined): Predicate {
    if (!('field' in condition) || typeof condition.field !== 'string') {
      this.fail('MALFORMED_QUERY', 'WHERE', 'functions in WHERE are not supported by the CRM Dataflows emulator');
    }
    if ('valueQuery' in condition) this.fail('MALFORMED_QUERY', 'SELECT', 'semi-join subqueries are not supported by the CRM Dataflows emulator');
    const c = condition as soqlParser.ValueCondition & { dateLiteralVariable?: number | number[] };
    const path = this.path(object, c.field, alias);
    if (!path.field.filterable) this.fail('INVALID_FIELD', c.field, `field '${path.field.name}' can not be filtered in a query call`);
    const operator = (c.operator === '<>' as string ? '!=' : c.operator.toUpperCase()) as Operator;
    const rawValues = Array.isArray(c.value) ? c.value : [c.value];
    const types: (soqlParser.LiteralType | undefined)[] = Array.isArray(c.literalType) ? c.literalType : rawValues.map(() => c.literalType as soqlParser.LiteralType | undefined);
    const variables = Array.isArray(c.dateLiteralVariable) ? c.dateLiteralVariable : rawValues.map(() => c.dateLiteralVariable as number | undefined);
    const values = rawValues.map((raw, i) => this.literal(path, operator, raw, types[i] ?? 'STRING', variables[i]));
    return { kind: 'compare', path, operator, values };
  }

  private literal(path: FieldPath, operator: Operator, raw: string, literalType: soqlParser.LiteralType, n: number | undefined): Literal {
    const f = path.field;
    const type = f.type;
    const wrongType = (expected: string, quoted: boolean): never =>
      this.fail('INVALID_FIELD', raw, `value of filter criterion for field '${f.name}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`);
    if (literalType === 'NULL') {
      if (operator !== '=' && operator !== '!=' && operator !== 'IN' && operator !== 'NOT IN') this.fail('MALFORMED_QUERY', raw, 'null may only be used with = and !=');
      return { kind: 'null' };
    }
    if (operator === 'LIKE' && !TEXT_TYPES.has(type)) this.fail('INVALID_FIELD', f.name, `invalid operator on ${type} field: LIKE`);
    if ((operator === 'INCLUDES' || operator === 'EXCLUDES') && type !== 'multipicklist') {
      this.fail('INVALID_FIELD', f.name, `includes or excludes operator only valid on multipicklist field`);
    }
    if (type === 'boolean') {
      if (literalType !== 'BOOLEAN') wrongType('boolean', false);
      return { kind: 'boolean', value: raw.toUpperCase() === 'TRUE' };
    }
    if (NUMBER_TYPES.has(type)) {
      if (literalType === 'INTEGER' || literalType === 'DECIMAL') return { kind: 'number', value: Number(raw) };
      if (literalType === 'INTEGER_WITH_CURRENCY_PREFIX' || literalType === 'DECIMAL_WITH_CURRENCY_PREFIX') return { kind: 'number', value: Number(raw.replace(/^[A-Z]{3}/, '')) };
      return wrongType(type === 'int' ? 'int' : 'double', false);
    }
    if (type === 'date' || type === 'datetime') {
      if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
        const name = raw.split(':')[0];
        const range = dateLiteralRange(name, n ?? (raw.includes(':') ? Number(raw.split(':')[1]) : undefined), this.nowMs);
        if (!range) this.fail('MALFORMED_QUERY', raw, `date literal ${raw} is not supported by the CRM Dataflows emulator`);
        return { kind: 'range', ...range };
      }
      if (type === 'date') {
        if (literalType !== 'DATE') wrongType('date', false);
        return { kind: 'date', ms: Date.parse(`${raw}T00:00:00Z`) };
      }
      if (literalType !== 'DATETIME') wrongType('dateTime', false);
      const ms = parseDateTime(raw);
      if (Number.isNaN(ms)) this.fail('MALFORMED_QUERY', raw, `invalid dateTime: ${raw}`);
      return { kind: 'datetime', ms };
    }
    if (literalType !== 'STRING') wrongType('string', true);
    return { kind: 'string', value: unquote(raw) };
  }
}
