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

export type DocumentKind = 'dataflow' | 'project' | 'other';

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
  problems: Problem[];
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
   * Runs every stage once on a small built-in dataflow, so the first real file opened
   * does not pay for compiling the YAML parser, ajv validators and checks in the JIT.
   */
  warmUp(): void {
    let text = 'dataflow: Warm-up\nsource:\n  connection: none\n  object: Contact\ntarget:\n  schema: none.json\nidentities:\n  - path: a.b\n    namespace: Email\n    primary: true\nmappings:\n';
    for (let i = 0; i < 400; i++) {
      text += i % 3 === 0 ? `  - expression: iif(F${i} != null, concat(upper(trim(F${i})), "@\${CRM_ORG_ID}"), null)\n    target: a.b${i}\n` : i % 3 === 1 ? `  - source: F${i}\n    target: a.c${i}\n` : `  - value: v${i}\n    target: a.d${i}\n`;
    }
    for (let r = 0; r < 4; r++) this.validate({ text: `# ${r}\n${text}` });
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
    const parsed = this.parser.parse(doc.text, doc.cache);
    const problems = [...parsed.problems];
    const context = resolveContext(parsed.model, doc.path, this.workspace, this.catalogue, problems);
    if (!problems.some((p) => p.code === 'yaml-too-large' || p.code === 'yaml-alias-limit')) {
      checkSource(parsed.model, context, problems);
      checkMappings(parsed.model, context, this.expressions, problems, this.mappingMemo);
      checkIdentities(parsed.model, context, problems);
    }
    return { parsed, context, problems };
  }
}

export { ChunkCache };
