/**
 * Completion items for catalogue functions and methods, with a snippet for the required
 * parameters (`concat(${1:STRING})`), the signature in the detail and the doc and example
 * in the documentation. Built once per catalogue: the catalogue drives completion the same
 * way it drives the checker, so they never disagree.
 */
import { CompletionItemTag, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import {
  CATEGORY_LABELS, methodSignatureLabel, signatureLabel, type FunctionCatalogue, type FunctionSpec, type MethodSpec, type ParamSpec,
} from '../../expr/catalogue';
import { TYPE_LABEL, type ExprType } from '../../expr/types';
import { alphabeticalKeys, code, CompletionItemKind, md, snippetText } from './items';

export interface FunctionEntry {
  name: string;
  template: CompletionItem;
  /** `name(${1:P})` */
  snippet: string;
  returns: ExprType;
  /** unsupported in source ingestion or deprecated: ranked last */
  discouraged: boolean;
  /** short key giving the entry's alphabetical place in its list */
  order: string;
}

export class FunctionIndex {
  private readonly functionsByCatalogue = new WeakMap<FunctionCatalogue, readonly FunctionEntry[]>();
  private readonly methodsByCatalogue = new WeakMap<FunctionCatalogue, Map<ExprType, readonly FunctionEntry[]>>();

  /** Every function and alias of the catalogue. */
  functions(catalogue: FunctionCatalogue): readonly FunctionEntry[] {
    let list = this.functionsByCatalogue.get(catalogue);
    if (!list) {
      const out: FunctionEntry[] = [];
      for (const spec of catalogue.functions) {
        out.push(functionEntry(spec, spec.name));
        for (const alias of spec.aliases ?? []) out.push(functionEntry(spec, alias));
      }
      withOrder(out);
      list = out;
      this.functionsByCatalogue.set(catalogue, list);
    }
    return list;
  }

  /** Methods callable on a value of type `receiver`. */
  methods(catalogue: FunctionCatalogue, receiver: ExprType): readonly FunctionEntry[] {
    let byType = this.methodsByCatalogue.get(catalogue);
    if (!byType) this.methodsByCatalogue.set(catalogue, (byType = new Map()));
    let list = byType.get(receiver);
    if (!list) {
      const seen = new Set<string>();
      const out: FunctionEntry[] = [];
      for (const m of catalogue.methodsOf(receiver)) {
        if (seen.has(m.name)) continue;
        seen.add(m.name);
        out.push(methodEntry(m));
      }
      withOrder(out);
      list = out;
      byType.set(receiver, list);
    }
    return list;
  }
}

function withOrder(entries: FunctionEntry[]): void {
  const keys = alphabeticalKeys(entries.map((e) => e.name));
  entries.forEach((e, i) => (e.order = keys[i]));
}

function functionEntry(spec: FunctionSpec, name: string): FunctionEntry {
  const signature = signatureLabel(name, spec);
  const discouraged = spec.unsupported !== undefined || spec.deprecated !== undefined;
  const template: CompletionItem = {
    label: name,
    kind: CompletionItemKind.Function,
    detail: signature,
    labelDetails: { detail: `(${paramSummary(spec.params)})`, description: TYPE_LABEL[spec.returns] },
    documentation: { kind: MarkupKind.Markdown, value: functionDoc(spec, name, signature) },
    filterText: name,
  };
  if (discouraged) template.tags = [CompletionItemTag.Deprecated];
  return { name, template, snippet: callSnippet(name, spec.params), returns: spec.returns, discouraged, order: '' };
}

function methodEntry(m: MethodSpec): FunctionEntry {
  const signature = methodSignatureLabel(m);
  const template: CompletionItem = {
    label: m.name,
    kind: CompletionItemKind.Method,
    detail: signature,
    labelDetails: { detail: `(${paramSummary(m.params)})`, description: TYPE_LABEL[m.returns] },
    documentation: { kind: MarkupKind.Markdown, value: [`${'```'}\n${signature}\n${'```'}`, md(m.doc), ...examples(m.examples)].join('\n\n') },
    filterText: m.name,
  };
  return { name: m.name, template, snippet: callSnippet(m.name, m.params), returns: m.returns, discouraged: false, order: '' };
}

function paramSummary(params: readonly ParamSpec[]): string {
  return params.map((p) => `${p.name}${p.optional ? '?' : ''}${p.variadic ? '…' : ''}`).join(', ');
}

/** `name(${1:A}, ${2:B})` with the required parameters; a repeating group appears once. */
export function callSnippet(name: string, params: readonly ParamSpec[]): string {
  const required = params.filter((p) => !p.optional);
  if (params.length === 0) return `${snippetText(name)}()`;
  if (required.length === 0) return `${snippetText(name)}($1)`;
  return `${snippetText(name)}(${required.map((p, i) => `\${${i + 1}:${snippetText(p.name)}}`).join(', ')})`;
}

function functionDoc(spec: FunctionSpec, name: string, signature: string): string {
  const parts = [`${'```'}\n${signature}\n${'```'}`];
  if (spec.unsupported) parts.push(`**Not available in source ingestion:** ${md(spec.unsupported)}`);
  if (spec.deprecated) parts.push(`**Deprecated:** ${md(spec.deprecated)}`);
  parts.push(md(spec.doc));
  const params = spec.params.filter((p) => p.doc);
  if (params.length) parts.push(params.map((p) => `- ${code(p.name)}${p.optional ? ' (optional)' : ''} — ${md(p.doc)}`).join('\n'));
  parts.push(...examples(spec.examples));
  const aliasOf = name !== spec.name ? `Alias of ${code(spec.name)}. ` : '';
  parts.push(`_${aliasOf}${CATEGORY_LABELS[spec.category]} function_`);
  return parts.join('\n\n');
}

function examples(list: readonly { call: string; result: unknown }[] | undefined): string[] {
  const first = list?.[0];
  if (!first) return [];
  return [`Example: ${code(first.call)} → ${code(typeof first.result === 'string' ? JSON.stringify(first.result) : safeJson(first.result))}`];
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
