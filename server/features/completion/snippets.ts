/**
 * Snippets for whole structures: a new mapping item (source, expression or value →
 * target), a new identity item, and a dataflow skeleton for an empty file with the
 * project's connections, datasets and schema files as choices.
 */
import * as path from 'node:path';
import { MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { YamlCursorContext } from '../yamlContext';
import { CompletionItemKind, place, RETRIGGER, sortKey } from './items';

interface ItemShape {
  label: string;
  detail: string;
  doc: string;
  /** lines after the dash, `${n}` tab stops allowed */
  lines: string[];
  retrigger: boolean;
}

const MAPPING_SHAPES: readonly ItemShape[] = [
  { label: 'mapping: source → target', detail: 'ATTRIBUTE mapping', doc: 'Copies a field of the source object to an XDM path.', lines: ['source: $1', 'target: $2'], retrigger: true },
  { label: 'mapping: expression → target', detail: 'EXPRESSION mapping', doc: 'Writes the result of a Data Prep expression to an XDM path.', lines: ['expression: $1', 'target: $2'], retrigger: true },
  { label: 'mapping: value → target', detail: 'STATIC mapping', doc: 'Writes a constant to an XDM path.', lines: ['value: $1', 'target: $2'], retrigger: false },
];

/**
 * Whole new items for the sequence at the cursor. `withDash`: the cursor is where a new
 * `- ` goes (place 'item'); otherwise it is right after a `- ` of an empty item.
 */
export function itemSnippets(yaml: YamlCursorContext, range: Range, hasPrimary: boolean): CompletionItem[] {
  const withDash = yaml.place === 'item';
  const dash = withDash ? '- ' : '';
  const pad = ' '.repeat(withDash ? 2 : yaml.dashWidth);
  const shapes: readonly ItemShape[] = yaml.section === 'mappings'
    ? MAPPING_SHAPES
    : yaml.section === 'identities'
      ? [{ label: 'identity: path + namespace', detail: 'identity field', doc: 'Marks an XDM field as an identity of the given namespace.', lines: ['path: $1', 'namespace: $2', `primary: \${3|${hasPrimary ? 'false,true' : 'true,false'}|}`], retrigger: true }]
      : [];
  return shapes.map((s, i) => {
    const text = `${dash}${s.lines.join(`\n${pad}`)}`;
    const template: CompletionItem = {
      label: s.label,
      kind: CompletionItemKind.Snippet,
      detail: s.detail,
      documentation: { kind: MarkupKind.Markdown, value: `${s.doc}\n\n${'```yaml'}\n${`${dash}${s.lines.join(`\n${pad}`)}`.replace(/\$\{\d+\|([^,|]*)[^}]*\}|\$\d+/g, '$1')}\n${'```'}` },
      filterText: `${withDash ? '- ' : ''}${s.lines[0].split(':')[0]} ${s.label}`,
    };
    const item = place(template, range, `${yaml.needsSpace ? ' ' : ''}${text}`, sortKey(0, `!${i}`), true);
    if (s.retrigger) item.command = RETRIGGER;
    return item;
  });
}

export interface SkeletonChoices {
  file?: string;
  connections: readonly string[];
  datasets: readonly string[];
  /** schema references relative to the dataflow file */
  schemas: readonly string[];
}

/** A whole dataflow, for an empty file; `lead` goes first (a line break after a `---` marker). */
export function skeletonSnippet(choices: SkeletonChoices, range: Range, unit: number, lead = ''): CompletionItem {
  const pad = ' '.repeat(unit);
  const name = choices.file ? titleOf(choices.file) : 'New dataflow';
  const choice = (n: number, values: readonly string[], fallback: string) =>
    values.length ? `\${${n}|${values.slice(0, 20).map((v) => v.replace(/[\\$}|,]/g, (c) => `\\${c}`)).join(',')}|}` : `\${${n}:${fallback}}`;
  const lines = [
    `# ${name}: Salesforce → XDM`,
    `dataflow: \${1:${name}}`,
    'source:',
    `${pad}connection: ${choice(2, choices.connections, 'connection')}`,
    `${pad}object: \${3:Contact}`,
    'target:',
    ...(choices.datasets.length ? [`${pad}dataset: ${choice(4, choices.datasets, 'dataset')}`] : []),
    `${pad}schema: ${choice(5, choices.schemas, 'schemas/person.schema.json')}`,
    'identities:',
    `${pad}- path: \${6:workEmail.address}`,
    `${pad}  namespace: \${7:Email}`,
    `${pad}  primary: true`,
    'mappings:',
    `${pad}- source: \${8:Id}`,
    `${pad}  target: \${9:_id}`,
    '$0',
  ];
  const template: CompletionItem = {
    label: 'dataflow skeleton',
    kind: CompletionItemKind.Snippet,
    detail: 'New dataflow: source, target, identities, mappings',
    documentation: { kind: MarkupKind.Markdown, value: 'A complete dataflow skeleton: one Salesforce object mapped onto one XDM schema.' },
    filterText: 'dataflow skeleton new',
  };
  return place(template, range, lead + lines.join('\n'), sortKey(0, '!'), true);
}

/** `contact-sync.dataflow.yaml` → `Contact Sync`. */
function titleOf(file: string): string {
  const base = path.basename(file).replace(/\.dataflow\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
  const words = base.split(/[-_\s.]+/).filter(Boolean);
  return words.length ? words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ') : 'New dataflow';
}
