/**
 * Semantic tokens for expressions, from the real parse: catalogue functions and methods
 * (deprecated or unknown ones look different), fields, `${...}` names, literals,
 * operators, and `${CRM_ORG_ID}` placeholders inside strings (and static values). The
 * TextMate grammar cannot tell a call from a field or a keyword used as a name; this can.
 *
 * Classification depends only on the expression text (and the catalogue), so it is
 * cached per text; a request only maps cached tokens onto the document.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LocatedText } from '../dataflow/model';
import { childrenOf, type Expr } from '../expr/ast';
import type { FunctionCatalogue } from '../expr/catalogue';
import { parseExpression } from '../expr/parser';
import type { Span } from '../util/problems';
import type { FeatureRequest } from './request';
import { exprSpanToDoc } from './selectionRanges';

export const TOKEN_TYPES = ['function', 'method', 'variable', 'property', 'string', 'number', 'keyword', 'operator', 'macro'] as const;
export const TOKEN_MODIFIERS = ['defaultLibrary', 'deprecated', 'readonly'] as const;
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** A classified token in expression offsets. */
export interface ExprToken {
  start: number;
  end: number;
  type: TokenType;
  modifiers: readonly TokenModifier[];
}

interface DocToken {
  start: number;
  end: number;
  type: number;
  modifiers: number;
}

const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;
const CACHE_LIMIT = 20_000;
const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<TokenModifier, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

export class SemanticTokensFeature {
  private cache = new Map<string, readonly ExprToken[]>();
  private cachedFor: FunctionCatalogue | undefined;

  /** Tokens of the whole document. */
  full(req: FeatureRequest): SemanticTokens {
    return this.tokens(req, undefined);
  }

  /** Tokens that intersect `range` (document offsets). */
  range(req: FeatureRequest, range: Span): SemanticTokens {
    return this.tokens(req, range);
  }

  /** Classified tokens of one expression text (cached). */
  classify(text: string, catalogue: FunctionCatalogue): readonly ExprToken[] {
    if (this.cachedFor !== catalogue || this.cache.size >= CACHE_LIMIT) {
      this.cache = new Map();
      this.cachedFor = catalogue;
    }
    let hit = this.cache.get(text);
    if (!hit) {
      hit = classifyExpression(text, catalogue);
      this.cache.set(text, hit);
    }
    return hit;
  }

  private tokens(req: FeatureRequest, range: Span | undefined): SemanticTokens {
    try {
      const model = req.analysis?.parsed.model;
      if (!model) return { data: [] };
      const text = req.doc.getText();
      const out: DocToken[] = [];
      const overlaps = (s: Span) => !range || (s.start < range.end && s.end > range.start);
      for (const m of model.mappings) {
        if (m.expression && overlaps(m.expression.span)) {
          for (const t of this.classify(m.expression.value, req.service.catalogue)) pushExprToken(out, text, m.expression, t);
        } else if (m.value && typeof m.value.value === 'string' && m.value.value.includes('${') && overlaps(m.value.span)) {
          pushPlaceholders(out, text, m.value.span);
        }
      }
      return { data: encode(req.doc, range ? out.filter(overlaps) : out) };
    } catch {
      return { data: [] };
    }
  }
}

/** Classifies every token of an expression, following the parser's tree; never throws. */
export function classifyExpression(text: string, catalogue: FunctionCatalogue): ExprToken[] {
  try {
    return classify(text, catalogue);
  } catch {
    return [];
  }
}

function classify(text: string, catalogue: FunctionCatalogue): ExprToken[] {
  const { ast, tokens } = parseExpression(text);
  const roles = new Map<number, { type: TokenType; modifiers: TokenModifier[] }>();
  const stack: Expr[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'call') {
      const spec = catalogue.get(node.name);
      const modifiers: TokenModifier[] = spec ? ['defaultLibrary'] : [];
      if (spec && (spec.deprecated !== undefined || spec.unsupported !== undefined)) modifiers.push('deprecated');
      roles.set(node.nameSpan.start, { type: 'function', modifiers });
    } else if (node.kind === 'method') {
      roles.set(node.nameSpan.start, { type: 'method', modifiers: catalogue.method(node.name).length > 0 ? ['defaultLibrary'] : [] });
    } else if (node.kind === 'field') {
      node.segments.forEach((s, i) => roles.set(s.span.start, { type: i === 0 ? 'variable' : 'property', modifiers: [] }));
    } else if (node.kind === 'member') {
      roles.set(node.nameSpan.start, { type: 'property', modifiers: [] });
    }
    for (const child of childrenOf(node)) stack.push(child);
  }
  const out: ExprToken[] = [];
  const push = (start: number, end: number, type: TokenType, modifiers: readonly TokenModifier[] = []) => {
    if (end > start) out.push({ start, end, type, modifiers });
  };
  for (const t of tokens) {
    const role = roles.get(t.span.start);
    switch (t.kind) {
      case 'identifier':
        push(t.span.start, t.span.end, role?.type ?? 'variable', role?.modifiers);
        break;
      case 'quotedName': {
        // one token per segment; the first takes `${`, the last takes `}`
        const segments = t.segments ?? [];
        segments.forEach((s, i) => {
          const r = roles.get(s.span.start);
          const start = i === 0 ? t.span.start : s.span.start;
          const end = i === segments.length - 1 ? t.span.end : s.span.end;
          push(start, end, r?.type ?? (i === 0 ? 'variable' : 'property'), r?.modifiers);
        });
        break;
      }
      case 'string': {
        let at = t.span.start;
        for (const v of t.variables ?? []) {
          push(at, v.span.start, 'string');
          push(v.span.start, v.span.end, 'macro', ['readonly']);
          at = v.span.end;
        }
        push(at, t.span.end, 'string');
        break;
      }
      case 'number':
        push(t.span.start, t.span.end, 'number');
        break;
      case 'keyword':
        push(t.span.start, t.span.end, role?.type ?? 'keyword', role?.modifiers);
        break;
      case 'operator': {
        const word = /^[\p{L}_]/u.test(t.text);
        push(t.span.start, t.span.end, role?.type ?? (word ? 'keyword' : 'operator'), role?.modifiers);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function pushExprToken(out: DocToken[], text: string, located: LocatedText, t: ExprToken): void {
  const span = exprSpanToDoc(located, text, t);
  pushPieces(out, text, span, TYPE_INDEX.get(t.type)!, t.modifiers.reduce((bits, m) => bits | MODIFIER_BIT.get(m)!, 0));
}

function pushPlaceholders(out: DocToken[], text: string, span: Span): void {
  const source = text.slice(span.start, span.end);
  for (const m of source.matchAll(PLACEHOLDER)) {
    const start = span.start + m.index;
    pushPieces(out, text, { start, end: start + m[0].length }, TYPE_INDEX.get('macro')!, MODIFIER_BIT.get('readonly')!);
  }
}

/** Semantic tokens cannot span lines: split at line breaks, skipping continuation indentation. */
function pushPieces(out: DocToken[], text: string, span: Span, type: number, modifiers: number): void {
  let pos = span.start;
  while (pos < span.end) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= span.end) {
      out.push({ start: pos, end: span.end, type, modifiers });
      return;
    }
    const lineEnd = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    if (lineEnd > pos) out.push({ start: pos, end: lineEnd, type, modifiers });
    pos = nl + 1;
    while (pos < span.end && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  }
}

/** LSP relative encoding: [deltaLine, deltaStart, length, type, modifiers] per token. */
function encode(doc: TextDocument, tokens: DocToken[]): number[] {
  tokens.sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.start < lastEnd || t.end <= t.start) continue;
    const p = doc.positionAt(t.start);
    data.push(p.line - line, p.line === line ? p.character - char : p.character, t.end - t.start, t.type, t.modifiers);
    line = p.line;
    char = p.character;
    lastEnd = t.end;
  }
  return data;
}
