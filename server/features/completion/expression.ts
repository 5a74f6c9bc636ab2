/**
 * Completion inside an `expression:` value. The cursor is placed with the expression's
 * tokens (robust on half-typed text, where the syntax tree is mostly error nodes):
 * an operand position gets functions ranked by the type expected there (the enclosing
 * parameter's type, else the mapping target's), fields and keywords; `Account.` gets the
 * parent's fields; `trim(x).` gets the methods of the receiver's type; `${…` gets field
 * names; a string literal gets `${CRM_ORG_ID}` and the parameter's allowed values.
 */
import { MarkupKind, type Command, type CompletionItem } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DataflowContext } from '../../checks/context';
import { describeFieldScope } from '../../checks/fieldScope';
import { analyzeExpression, DEFAULT_VARIABLES, nodeAt, tokenize, type Expr, type Token } from '../../expr';
import { paramAt } from '../../expr/catalogue';
import type { ExprType } from '../../expr/types';
import { exprTypeOfField, type SObjectIndex } from '../../salesforce/describeIndex';
import type { ScalarCursor } from '../yamlContext';
import type { FunctionEntry, FunctionIndex } from './functions';
import { CompletionItemKind, place, rangeOf, RETRIGGER, sortKey } from './items';
import { objectAtPath, typeRank, type SourceFieldIndex } from './sourceFields';

export interface ExpressionRequest {
  doc: TextDocument;
  expr: ScalarCursor;
  context: DataflowContext;
  /** the expression type of the mapping's target, when known */
  targetType?: ExprType;
  fields: SourceFieldIndex;
  functions: FunctionIndex;
}

const PARAMETER_HINTS: Command = { title: 'Parameter hints', command: 'editor.action.triggerParameterHints' };

/** Where in the expression the cursor is, in completion terms. Spans are expression indices. */
type Spot =
  | { kind: 'operand'; start: number; end: number; expected?: ExprType | readonly ExprType[]; inCall: boolean; values?: readonly string[]; beforeParen: boolean }
  | { kind: 'member'; start: number; end: number; receiver: { fields: string[] } | { computedEnd: number } }
  | { kind: 'quoted'; start: number; end: number; relationships: string[]; closed: boolean }
  | { kind: 'variable'; start: number; end: number; closed: boolean }
  | { kind: 'literal'; start: number; end: number; values: readonly string[] }
  | { kind: 'none' };

export function completeExpression(req: ExpressionRequest): CompletionItem[] {
  const { text, index } = req.expr;
  const tokens = tokenize(text);
  tokens.pop(); // eof
  const spot = locate(req, tokens, text, index);
  switch (spot.kind) {
    case 'operand':
      return operandItems(req, spot);
    case 'member':
      return memberItems(req, spot);
    case 'quoted':
      return quotedItems(req, spot);
    case 'variable':
      return variableItems(req, spot);
    case 'literal':
      return spot.values.map((v, i) => place({ label: v, kind: CompletionItemKind.EnumMember, detail: 'allowed value', filterText: v }, range(req, spot.start, spot.end), v, sortKey(0, i)));
    case 'none':
      return [];
  }
}

// ---------------------------------------------------------------------------------------
// where is the cursor

const OPERAND_END: ReadonlySet<string> = new Set(['identifier', 'quotedName', 'string', 'number']);

function isPunct(t: Token | undefined, c: string): boolean {
  return t !== undefined && t.kind === 'punctuation' && t.value === c;
}

function endsOperand(t: Token): boolean {
  if (OPERAND_END.has(t.kind)) return true;
  if (t.kind === 'keyword') return t.value === 'true' || t.value === 'false' || t.value === 'null';
  return isPunct(t, ')') || isPunct(t, ']');
}

function locate(req: ExpressionRequest, tokens: Token[], text: string, idx: number): Spot {
  let i = -1;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.span.start < idx && idx <= t.span.end) {
      i = k;
      break;
    }
    if (t.span.end < idx) break;
  }
  const tok = i >= 0 ? tokens[i] : undefined;
  if (tok) {
    if (tok.kind === 'identifier' || tok.kind === 'keyword' || (tok.kind === 'operator' && /^[a-z]+$/.test(tok.text))) {
      const beforeParen = isPunct(tokens[i + 1], '(') && tokens[i + 1].span.start === tok.span.end;
      const prev = tokens[i - 1];
      if (isPunct(prev, '.') && prev.span.end === tok.span.start) return memberSpot(tokens, i - 1, tok.span.start, tok.span.end);
      return operandSpot(req, tokens, i - 1, tok.span.start, tok.span.end, beforeParen);
    }
    if (tok.kind === 'quotedName') return quotedSpot(tok, text, idx);
    if (tok.kind === 'string') return stringSpot(req, tokens, i, tok, text, idx);
    if (tok.kind === 'punctuation' && tok.value === '.') return memberSpot(tokens, i, idx, idx);
    if (tok.kind === 'number' || tok.kind === 'invalid' || endsOperand(tok)) return { kind: 'none' };
    return operandSpot(req, tokens, i, idx, idx, false);
  }
  // whitespace or the start of the text
  let prev = -1;
  for (let k = tokens.length - 1; k >= 0; k--) {
    if (tokens[k].span.end <= idx) {
      prev = k;
      break;
    }
  }
  if (prev >= 0 && endsOperand(tokens[prev])) return { kind: 'none' };
  return operandSpot(req, tokens, prev, idx, idx, false);
}

interface EnclosingCall {
  name: string;
  method: boolean;
  argument: number;
}

/** The call whose parentheses hold token `from` (scanning backwards), or undefined at the top level. */
function enclosingCall(tokens: Token[], from: number): EnclosingCall | 'group' | undefined {
  let depth = 0;
  let argument = 0;
  for (let k = from; k >= 0; k--) {
    const t = tokens[k];
    if (t.kind !== 'punctuation') continue;
    if (t.value === ')' || t.value === ']') depth++;
    else if (t.value === '(' || t.value === '[') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const name = tokens[k - 1];
      if (t.value === '(' && name && (name.kind === 'identifier' || name.kind === 'keyword') && name.span.end <= t.span.start) {
        return { name: name.value, method: isPunct(tokens[k - 2], '.'), argument };
      }
      return 'group';
    } else if (t.value === ',' && depth === 0) argument++;
  }
  return undefined;
}

function operandSpot(req: ExpressionRequest, tokens: Token[], before: number, start: number, end: number, beforeParen: boolean): Spot {
  const call = enclosingCall(tokens, before);
  const prev = before >= 0 ? tokens[before] : undefined;
  // only a position that starts an argument (or the whole expression) has a known expected type
  const startsValue = !prev || isPunct(prev, '(') || isPunct(prev, ',') || isPunct(prev, '?') || isPunct(prev, ':');
  const spot: Spot = { kind: 'operand', start, end, inCall: call !== undefined, beforeParen };
  if (call === undefined) {
    if (startsValue && req.targetType) spot.expected = req.targetType;
    return spot;
  }
  if (call === 'group') return spot;
  const spec = call.method ? undefined : req.context.catalogue.get(call.name);
  const params = spec ? spec : call.method ? req.context.catalogue.method(call.name)[0] : undefined;
  const param = params ? paramAt(params, call.argument) : undefined;
  if (param && startsValue) {
    spot.expected = param.type;
    if (param.values?.length) spot.values = param.values;
  }
  return spot;
}

/** After `x.`: the receiver is a field path (`Account.Owner.`) or a computed value (`trim(a).`). */
function memberSpot(tokens: Token[], dot: number, start: number, end: number): Spot {
  const names: string[] = [];
  let k = dot - 1;
  let computed = false;
  for (;;) {
    const t = tokens[k];
    if (!t) break;
    if (t.kind === 'identifier' && !(isPunct(tokens[k + 1], '(') && tokens[k + 1].span.start === t.span.end)) names.unshift(t.value);
    else if (t.kind === 'quotedName') names.unshift(...(t.segments ?? []).map((s) => s.name));
    else {
      computed = true;
      break;
    }
    const d = tokens[k - 1];
    if (isPunct(d, '.') && d.span.end === t.span.start) {
      k -= 2;
      continue;
    }
    break;
  }
  if (computed || names.length === 0) {
    const t = tokens[dot - 1];
    if (!t || !endsOperand(t)) return { kind: 'none' };
    return { kind: 'member', start, end, receiver: { computedEnd: tokens[dot].span.start } };
  }
  return { kind: 'member', start, end, receiver: { fields: names } };
}

function quotedSpot(tok: Token, text: string, idx: number): Spot {
  const open = tok.span.start + 2;
  if (idx < open) return { kind: 'none' };
  const closed = tok.text.endsWith('}') && tok.text.length >= 3;
  if (closed && idx >= tok.span.end) return { kind: 'none' };
  const contentEnd = closed ? tok.span.end - 1 : tok.span.end;
  // the segment at the cursor: from the last unescaped '.' before it to the next one after it
  let segStart = open;
  const relationships: string[] = [];
  let name = '';
  for (let i = open; i < idx; i++) {
    if (text[i] === '\\' && i + 1 < idx) {
      name += text[++i];
      continue;
    }
    if (text[i] === '.') {
      relationships.push(name);
      name = '';
      segStart = i + 1;
      continue;
    }
    name += text[i];
  }
  let segEnd = idx;
  while (segEnd < contentEnd && text[segEnd] !== '.') segEnd++;
  return { kind: 'quoted', start: segStart, end: segEnd, relationships, closed };
}

function stringSpot(req: ExpressionRequest, tokens: Token[], i: number, tok: Token, text: string, idx: number): Spot {
  const quote = tok.text[0];
  const terminated = tok.text.length >= 2 && tok.text.endsWith(quote) && tok.issue?.code !== 'expr-unterminated';
  if (terminated && idx >= tok.span.end) return { kind: 'none' };
  const inner = text.slice(tok.span.start + 1, idx);
  const v = /\$\{([A-Za-z0-9_]*)$/.exec(inner);
  if (v) {
    let end = idx;
    while (end < text.length && /[A-Za-z0-9_]/.test(text[end])) end++;
    return { kind: 'variable', start: idx - v[1].length, end, closed: text[end] === '}' };
  }
  const call = enclosingCall(tokens, i - 1);
  if (call && call !== 'group' && !call.method) {
    const spec = req.context.catalogue.get(call.name);
    const param = spec ? paramAt(spec, call.argument) : undefined;
    if (param?.values?.length) return { kind: 'literal', start: tok.span.start + 1, end: terminated ? tok.span.end - 1 : tok.span.end, values: param.values };
  }
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------
// items

function range(req: ExpressionRequest, start: number, end: number) {
  return rangeOf(req.doc, { start: req.expr.toDocument(start), end: req.expr.toDocument(end) });
}

function operandItems(req: ExpressionRequest, spot: Extract<Spot, { kind: 'operand' }>): CompletionItem[] {
  const r = range(req, spot.start, spot.end);
  const out: CompletionItem[] = [];
  // in an argument a field is the likelier operand; at the top a function is
  const fieldOrder = spot.inCall ? 0 : 1;
  const functionOrder = spot.inCall ? 1 : 0;
  for (const f of req.functions.functions(req.context.catalogue)) out.push(functionItem(f, r, spot.beforeParen, typeRankOf(f, spot.expected), functionOrder));
  if (spot.beforeParen) return out;
  const obj = req.context.object;
  if (obj) out.push(...fieldItems(req, obj, r, spot.expected, fieldOrder, false));
  for (const [word, type] of [['true', 'boolean'], ['false', 'boolean'], ['null', 'null']] as const) {
    out.push(place({ label: word, kind: CompletionItemKind.Keyword, filterText: word }, r, word, sortKey(type === 'null' ? 1 : typeRank(type, spot.expected), `2${word}`)));
  }
  if (spot.values) {
    const q = req.expr.quote === '"' ? "'" : '"';
    spot.values.forEach((v, i) => {
      const literal = `${q}${v}${q}`;
      out.push(place({ label: literal, kind: CompletionItemKind.EnumMember, detail: 'allowed value', filterText: literal }, r, literal, sortKey(0, `0${String(i).padStart(3, '0')}`)));
    });
  }
  return out;
}

function typeRankOf(f: FunctionEntry, expected: ExprType | readonly ExprType[] | undefined): number {
  return f.discouraged ? 3 : typeRank(f.returns, expected);
}

function functionItem(f: FunctionEntry, r: ReturnType<typeof range>, nameOnly: boolean, rank: number, order: number): CompletionItem {
  const sort = sortKey(rank, `${order}${f.order}`);
  if (nameOnly) return place(f.template, r, f.name, sort);
  const item = place(f.template, r, f.snippet, sort, true);
  if (f.snippet.includes('$1') || f.snippet.includes('${1')) item.command = PARAMETER_HINTS;
  return item;
}

/** Fields (and relationships) of `obj`, ranked by `expected`; `quoted`: inside `${…}`. */
function fieldItems(req: ExpressionRequest, obj: SObjectIndex, r: ReturnType<typeof range>, expected: ExprType | readonly ExprType[] | undefined, order: number, quoted: boolean): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const e of req.fields.entries(obj, req.context.catalogue)) {
    if (e.referenceTo) {
      const item = place(e.template, r, `${e.name}.`, sortKey(1, `${order}${e.order}`));
      item.command = RETRIGGER;
      out.push(item);
      continue;
    }
    const insert = !quoted && e.needsQuote ? `\${${e.name}}` : e.name;
    const item = place(e.template, r, insert, sortKey(typeRank(e.type, expected), `${order}${e.order}`));
    out.push(item);
  }
  return out;
}

function memberItems(req: ExpressionRequest, spot: Extract<Spot, { kind: 'member' }>): CompletionItem[] {
  const r = range(req, spot.start, spot.end);
  const ctx = req.context;
  const methods = (type: ExprType): CompletionItem[] =>
    req.functions.methods(ctx.catalogue, type).map((m) => {
      const item = place(m.template, r, m.snippet, sortKey(0, m.order), true);
      if (m.snippet.includes('${1') || m.snippet.includes('$1')) item.command = PARAMETER_HINTS;
      return item;
    });
  if ('computedEnd' in spot.receiver) return methods(receiverType(req, spot.receiver.computedEnd));
  const path = spot.receiver.fields;
  const root = ctx.object;
  if (!root) return [];
  const parent = objectAtPath(root, path, ctx.lookup);
  if (parent) return fieldItems(req, parent, r, undefined, 0, false);
  // `Email.` on a field: methods of its type
  const owner = objectAtPath(root, path.slice(0, -1), ctx.lookup);
  const field = owner?.field(path[path.length - 1]);
  return field ? methods(exprTypeOfField(field)) : [];
}

/** The static type of the value that ends at `end` (the receiver of a method call). */
function receiverType(req: ExpressionRequest, end: number): ExprType {
  const ctx = req.context;
  const prefix = req.expr.text.slice(0, end);
  const fields = ctx.object ? describeFieldScope(ctx.object, ctx.lookup) : undefined;
  const a = analyzeExpression(prefix, { catalogue: ctx.catalogue, ...(fields ? { fields } : {}) });
  const nodes = nodeAt(a.ast, end).nodes;
  let best: Expr | undefined;
  for (const n of nodes) if (n.span.end === end && n.kind !== 'error') best = n;
  return (best && a.nodeTypes.get(best)) ?? 'any';
}

function quotedItems(req: ExpressionRequest, spot: Extract<Spot, { kind: 'quoted' }>): CompletionItem[] {
  const ctx = req.context;
  if (!ctx.object) return [];
  const obj = objectAtPath(ctx.object, spot.relationships, ctx.lookup);
  if (!obj) return [];
  const r = range(req, spot.start, spot.end);
  return fieldItems(req, obj, r, undefined, 0, true).map((item) => {
    // inside ${…}: a relationship continues with '.', a field may close the brace
    const edit = item.textEdit;
    if (!spot.closed && edit && 'range' in edit && !edit.newText.endsWith('.')) edit.newText += '}';
    return item;
  });
}

function variableItems(req: ExpressionRequest, spot: Extract<Spot, { kind: 'variable' }>): CompletionItem[] {
  const r = range(req, spot.start, spot.end);
  return DEFAULT_VARIABLES.map((v, i) =>
    place(
      {
        label: v,
        kind: CompletionItemKind.Variable,
        detail: 'run-time variable',
        documentation: { kind: MarkupKind.Markdown, value: `\`\${${v}}\` is replaced when the dataflow runs${v === 'CRM_ORG_ID' ? ' by the Salesforce org id of the connection' : ''}.` },
        filterText: v,
      },
      r, spot.closed ? v : `${v}}`, sortKey(0, i),
    ));
}
