/**
 * The language service facade: everything the LSP adapter and the CLI call. It holds
 * the long-lived objects (compiled schemas, catalogue, workspace caches) and exposes
 * plain-data operations. No LSP or VS Code types in or out.
 */
import * as path from 'node:path';
import { ExpressionChecker } from './checks/expressions';
import { resolveContext, type DataflowContext } from './checks/context';
import { checkIdentities } from './checks/identities';
import { checkMappings, MappingCheckMemo } from './checks/mappings';
import { checkSource } from './checks/source';
import { ChunkCache, DataflowParser, type ParsedDataflow } from './dataflow/parse';
import { StructureValidator } from './dataflow/structure';
import { createCatalogue, type FunctionCatalogue } from './expr/catalogue';
import { parseProject, PROJECT_FILE_NAMES } from './project/project';
import { problem, type Problem } from './util/problems';
import { Workspace, type FileReader } from './workspace/workspace';
import { warmUpWorkload } from './warmUp';

export type DocumentKind = 'dataflow' | 'project' | 'other';

/**
 * Enough rounds for V8 to optimise the hot paths before the first real file (~0.6 s of idle
 * time after start-up), each small enough (~30 ms) that a request arriving meanwhile barely waits.
 */
const WARM_UP_ROUNDS = Number(process.env.CRMFLOW_WARM_UP_ROUNDS ?? 24);
const WARM_UP_MAPPINGS = 100;

export interface DocumentInput {
  /** absolute file path; undefined for untitled documents (then nothing outside the file is checked) */
  path?: string;
  text: string;
  /** per-document parse memo, kept by the caller across versions */
  cache?: ChunkCache;
}

export interface DataflowAnalysis {
  parsed: ParsedDataflow;
  context: DataflowContext;
  /**
   * Every problem of the document. The semantic checks run on first read, so features that
   * only need the model and its context (completion, hover right after a keystroke) do not
   * wait for them; diagnostics read it a debounce later.
   */
  readonly problems: Problem[];
}

export class DataflowService {
  readonly structure = new StructureValidator();
  readonly parser = new DataflowParser(this.structure);
  readonly catalogue: FunctionCatalogue = createCatalogue();
  readonly workspace: Workspace;
  private readonly expressions = new ExpressionChecker();
  private readonly mappingMemo = new MappingCheckMemo();

  constructor(files: FileReader) {
    this.workspace = new Workspace(files, this.structure);
  }

  /**
   * Checks a small synthetic workspace a few times (see warmUp.ts) so the first real file
   * opened runs on compiled code; its own caches are thrown away afterwards. One round per
   * step, so the caller can yield to requests between rounds and stop when real work arrives.
   */
  *warmUp(): Generator<void, void, void> {
    const w = warmUpWorkload(WARM_UP_MAPPINGS);
    yield;
    const ws = new Workspace({ readFile: (p) => w.files.get(p) }, this.structure);
    const expressions = new ExpressionChecker();
    const memo = new MappingCheckMemo();
    // the first round pays for one-time set-up (validators, caches, baseline code): keep it tiny
    const firstItems = w.text.split('\n  - ', 6).join('\n  - ');
    for (let r = 0; r < WARM_UP_ROUNDS; r++) {
      ws.invalidateAll();
      void this.check({ path: w.dataflowPath, text: `# ${r}\n${r === 0 ? firstItems : w.text}` }, ws, expressions, memo).problems;
      yield;
    }
  }

  kindOf(filePath: string | undefined): DocumentKind {
    if (!filePath) return 'dataflow';
    const base = path.basename(filePath);
    if ((PROJECT_FILE_NAMES as readonly string[]).includes(base)) return 'project';
    if (/\.dataflow\.ya?ml$/.test(base)) return 'dataflow';
    return 'other';
  }

  /** Every problem of a document. Never throws: an internal failure becomes one problem. */
  validate(doc: DocumentInput): Problem[] {
    try {
      const kind = this.kindOf(doc.path);
      if (kind === 'project') return parseProject(doc.text, this.structure).problems;
      return this.analyse(doc).problems;
    } catch (e) {
      return [problem('yaml-syntax', { start: 0, end: 0 }, `Internal error while checking this file (please report it): ${String((e as Error)?.message ?? e)}`)];
    }
  }

  /** Parse + resolve + check a dataflow; the result also feeds editor features. */
  analyse(doc: DocumentInput): DataflowAnalysis {
    return this.check(doc, this.workspace, this.expressions, this.mappingMemo);
  }

  private check(doc: DocumentInput, ws: Workspace, expressions: ExpressionChecker, memo: MappingCheckMemo): DataflowAnalysis {
    const parsed = this.parser.parse(doc.text, doc.cache);
    const resolved = [...parsed.problems];
    const context = resolveContext(parsed.model, doc.path, ws, this.catalogue, resolved);
    let problems: Problem[] | undefined;
    const runChecks = (): Problem[] => {
      if (!resolved.some((p) => p.code === 'yaml-too-large' || p.code === 'yaml-alias-limit')) {
        checkSource(parsed.model, context, resolved);
        checkMappings(parsed.model, context, expressions, resolved, memo);
        checkIdentities(parsed.model, context, resolved);
      }
      return resolved;
    };
    return {
      parsed,
      context,
      get problems() {
        return (problems ??= runChecks());
      },
    };
  }
}

export { ChunkCache };
