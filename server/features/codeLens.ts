/**
 * CodeLens above the dataflow (at its `dataflow:` key): run a test ingestion, preview
 * records, and a one-line summary of the mapping set that opens the Problems view.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import { COMMANDS } from '../../shared/protocol';
import type { DataflowAnalysis } from '../service';
import type { FeatureRequest } from './request';

/** VS Code's own command; other clients ignore a command they do not know. */
export const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

export interface MappingSummary {
  mapped: number;
  requiredMissing: number;
  identities: number;
}

export function mappingSummary(a: DataflowAnalysis): MappingSummary {
  const model = a.parsed.model;
  let mapped = 0;
  for (const m of model.mappings) if (m.kind !== 'INVALID' && m.target) mapped++;
  let requiredMissing = 0;
  for (const p of a.problems) if (p.code === 'required-unmapped') requiredMissing++;
  return { mapped, requiredMissing, identities: model.identities.length };
}

export function summaryTitle(s: MappingSummary): string {
  return `${s.mapped} mapped · ${s.requiredMissing} required missing · ${s.identities} ${s.identities === 1 ? 'identity' : 'identities'}`;
}

export function codeLenses(req: FeatureRequest): CodeLens[] {
  const a = req.analysis;
  if (!a) return [];
  const model = a.parsed.model;
  // the dataflow's first line: its `dataflow:` key, else whatever key comes first
  const keys = [model.source?.keySpan, model.target?.keySpan, model.identitiesKey, model.mappingsKey].filter((k) => k !== undefined);
  const anchor = model.name?.keySpan ?? model.name?.span ?? keys.sort((x, y) => x.start - y.start)[0];
  if (!anchor) return [];
  const pos = req.doc.positionAt(anchor.start);
  const range = { start: pos, end: pos };
  const uri = req.doc.uri;
  return [
    { range, command: { title: 'Run test ingestion', command: COMMANDS.runTestIngestion, arguments: [uri] } },
    { range, command: { title: 'Preview records', command: COMMANDS.previewRecords, arguments: [uri] } },
    { range, command: { title: summaryTitle(mappingSummary(a)), command: SHOW_PROBLEMS_COMMAND } },
  ];
}
