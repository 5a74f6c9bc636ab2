/**
 * Signature help in expressions: the innermost call whose parentheses hold the cursor
 * (found from the tokens, so half-typed text such as `concat(upper(a), ` works), its
 * signatures from the function catalogue (the general form first, then the documented
 * overloads) and the parameter the current argument stands for, repeating groups
 * included (to_object's KEY, VALUE pairs; decode's SEARCH, RESULT and trailing DEFAULT).
 */
import type { MarkupContent, ParameterInformation, SignatureHelp, SignatureInformation } from 'vscode-languageserver-types';
import { describeFieldScope } from '../checks/fieldScope';
import type { DataflowContext } from '../checks/context';
import { analyzeExpression, tokenize, type Expr, type Token } from '../expr';
import { tooLargeToAnalyse } from '../dataflow/parse';
import { childrenOf, type CallExpr, type MethodCallExpr } from '../expr/ast';
import { paramAt, typeLabel, type FunctionSpec, type MethodSpec, type ParamSpec } from '../expr/catalogue';
import { TYPE_LABEL, type ExprType } from '../expr/types';
import { indexIn, itemBefore } from './hover';
import type { FeatureRequest } from './request';
import { yamlContextAt } from './yamlContext';

export const SIGNATURE_TRIGGER_CHARACTERS = ['(', ','] as const;
export const SIGNATURE_RETRIGGER_CHARACTERS = [')'] as const;

export interface SignatureContext {
  /** the help currently shown, when the client re-asks (keeps the signature the user picked) */
  activeSignatureHelp?: SignatureHelp;
}

export function signatureHelp(req: FeatureRequest, context: SignatureContext = {}): SignatureHelp | null {
  const ctx = req.analysis?.context;
  if (!ctx) return null;
  const expr = expressionAt(req);
  if (!expr) return null;
  const frame = innermostCall(tokenize(expr.text), expr.index);
  if (!frame) return null;
  const call = findCall(expr.text, ctx, frame.open);
  const argCount = call?.node.close !== undefined ? Math.max(call.node.args.length, frame.commas + 1) : undefined;
  let signatures: Array<{ info: SignatureInformation; params: readonly ParamSpec[]; repeat?: number }>;
  if (frame.method) {
    const m = (call ? ctx.catalogue.methodFor(frame.name, call.receiverType) : undefined) ?? ctx.catalogue.method(frame.name)[0];
    if (!m) return null;
    signatures = [methodSignature(m)];
  } else {
    const spec = ctx.catalogue.get(frame.name);
    if (!spec) return null;
    signatures = functionSignatures(frame.name, spec);
  }
  for (const s of signatures) s.info.activeParameter = activeIndex(s.params, s.repeat, frame.commas, argCount);
  const infos = signatures.map((s) => s.info);
  let active = 0;
  const prev = context.activeSignatureHelp;
  if (prev && prev.signatures.length === infos.length && prev.signatures.every((s, k) => s.label === infos[k]!.label)) {
    active = Math.max(0, Math.min(infos.length - 1, prev.activeSignature ?? 0));
  }
  return { signatures: infos, activeSignature: active, activeParameter: infos[active]!.activeParameter ?? 0 };
}

/**
 * The expression under the cursor and the cursor's index in it: from the model (the
 * cursor may sit in trailing blanks the YAML scalar does not include), else from the
 * line (yamlContext reads an `expression:` the parser could not, e.g. an open quote).
 */
export function expressionAt(req: FeatureRequest): { text: string; index: number } | undefined {
  const text = req.doc.getText();
  if (tooLargeToAnalyse(text)) return undefined;
  const offset = req.offset;
  const model = req.analysis?.parsed.model;
  const e = model ? itemBefore(model.mappings, offset)?.expression : undefined;
  if (e && e.span.start <= offset && (offset <= e.span.end || /^[ \t]*$/.test(text.slice(e.span.end, offset)))) {
    // past the closing quote of a quoted scalar is outside the expression
    const q = text[e.span.start];
    if (offset >= e.span.end && (q === '"' || q === "'") && e.span.end - e.span.start > 1 && text[e.span.end - 1] === q) return undefined;
    return { text: e.value, index: indexIn(e, offset) };
  }
  const y = yamlContextAt(text, offset, model);
  return y.expression ? { text: y.expression.text, index: y.expression.index } : undefined;
}

interface Frame {
  kind: 'call' | 'paren' | 'bracket';
  method: boolean;
  name: string;
  /** offset of `(` / `[` */
  open: number;
  commas: number;
}

/** The innermost call open at index `i`, and how many of its commas come before `i`. */
function innermostCall(tokens: readonly Token[], i: number): Frame | undefined {
  const stack: Frame[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'eof' || t.span.start >= i) break;
    if (t.kind !== 'punctuation') continue;
    if (t.text === '(') {
      const prev = tokens[k - 1];
      const isCall = prev?.kind === 'identifier';
      const isMethod = isCall && tokens[k - 2]?.kind === 'punctuation' && tokens[k - 2]!.text === '.';
      stack.push({ kind: isCall ? 'call' : 'paren', method: isMethod, name: isCall ? prev!.value : '', open: t.span.start, commas: 0 });
    } else if (t.text === '[') stack.push({ kind: 'bracket', method: false, name: '', open: t.span.start, commas: 0 });
    else if (t.text === ')' || t.text === ']') {
      const want = t.text === ')' ? ['call', 'paren'] : ['bracket'];
      const at = findLast(stack, (f) => want.includes(f.kind));
      if (at >= 0) stack.length = at;
    } else if (t.text === ',' && stack.length) stack[stack.length - 1]!.commas++;
  }
  const at = findLast(stack, (f) => f.kind === 'call');
  return at >= 0 ? stack[at] : undefined;
}

function findLast<T>(xs: readonly T[], pred: (x: T) => boolean): number {
  for (let k = xs.length - 1; k >= 0; k--) if (pred(xs[k]!)) return k;
  return -1;
}

/** The parsed call opened at `open`, with its receiver's type for methods. */
function findCall(text: string, ctx: DataflowContext, open: number): { node: CallExpr | MethodCallExpr; receiverType: ExprType } | undefined {
  const fields = ctx.object ? describeFieldScope(ctx.object, ctx.lookup) : undefined;
  const a = analyzeExpression(text, { catalogue: ctx.catalogue, ...(fields ? { fields } : {}) });
  const todo: Expr[] = [a.ast];
  for (let guard = 0; todo.length && guard < 100_000; guard++) {
    const n = todo.pop()!;
    if ((n.kind === 'call' || n.kind === 'method') && n.open === open) {
      return { node: n, receiverType: n.kind === 'method' ? a.nodeTypes.get(n.receiver) ?? 'any' : 'any' };
    }
    if (n.span.start <= open && open <= n.span.end) todo.push(...childrenOf(n));
  }
  return undefined;
}

function activeIndex(params: readonly ParamSpec[], repeat: number | undefined, argIndex: number, argCount: number | undefined): number {
  const p = paramAt({ params, ...(repeat ? { repeat } : {}) }, argIndex, argCount);
  const k = p ? params.indexOf(p) : -1;
  // out of range: no parameter is highlighted (LSP leaves it to the client)
  return k >= 0 ? k : params.length;
}

function paramDoc(p: ParamSpec): MarkupContent {
  const extra: string[] = [];
  if (p.optional) extra.push(p.default ? `optional, default \`${p.default}\`` : 'optional');
  if (p.values?.length) extra.push(`one of ${p.values.map((v) => `\`${v}\``).join(', ')}`);
  return { kind: 'markdown', value: `${p.doc}${extra.length ? ` (${extra.join('; ')})` : ''}` };
}

/**
 * A signature with the offset range of each parameter in its label, written like
 * signatureLabel(): a repeating group shows as `KEY1: STRING, VALUE1: ANY, ...`.
 */
function build(prefix: string, params: readonly ParamSpec[], repeat: number | undefined, returns: ExprType, doc: string): { info: SignatureInformation; params: readonly ParamSpec[]; repeat?: number } {
  let label = `${prefix}(`;
  const parameters: ParameterInformation[] = [];
  const first = params.findIndex((p) => p.variadic);
  let groupEnd = first;
  while (first >= 0 && groupEnd < params.length && params[groupEnd]!.variadic) groupEnd++;
  const grouped = first >= 0 && (repeat ?? groupEnd - first) > 1;
  params.forEach((p, k) => {
    const inGroup = first >= 0 && k >= first && k < groupEnd;
    const suffix = inGroup && grouped ? '1' : '';
    const text = `${p.name}${suffix}${p.optional ? '?' : ''}: ${typeLabel(p.type)}${p.variadic && !suffix ? '...' : ''}`;
    if (k > 0) label += ', ';
    const start = label.length;
    label += text;
    parameters.push({ label: [start, label.length], documentation: paramDoc(p) });
    if (grouped && k === groupEnd - 1) label += ', ...';
  });
  label += `): ${TYPE_LABEL[returns]}`;
  return { info: { label, documentation: { kind: 'markdown', value: doc }, parameters }, params, ...(repeat ? { repeat } : {}) };
}

function functionSignatures(name: string, spec: FunctionSpec): Array<{ info: SignatureInformation; params: readonly ParamSpec[]; repeat?: number }> {
  const notes = [spec.deprecated ? `**Deprecated**: use \`${spec.deprecated}\`.` : '', spec.unsupported ? `**Not available in source ingestion**: ${spec.unsupported}` : ''].filter(Boolean);
  const doc = [spec.doc, ...notes].join('\n\n');
  const out = [build(name, spec.params, spec.repeat, spec.returns, doc)];
  for (const o of spec.overloads ?? []) out.push(build(name, o.params, o.repeat, spec.returns, o.doc));
  return out;
}

function methodSignature(m: MethodSpec): { info: SignatureInformation; params: readonly ParamSpec[] } {
  return build(`${TYPE_LABEL[m.receiver]}.${m.name}`, m.params, undefined, m.returns, m.doc);
}
