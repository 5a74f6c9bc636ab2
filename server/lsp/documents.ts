/**
 * Open documents and the files they stand for: the service reads workspace files
 * through this reader, so an unsaved crmflow.yaml or schema in an editor counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToUri, uriToPath } from '../util/uris';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DirEntry, FileReader } from '../workspace/workspace';

export { pathToUri, uriToPath } from '../util/uris';

export class OverlayFileReader implements FileReader {
  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  readFile(absPath: string): string | undefined {
    const open = this.documents.get(pathToUri(absPath));
    if (open) return open.getText();
    try {
      return readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Disk entries plus open documents in that folder that were never saved. */
  listFiles(absDir: string): readonly DirEntry[] | undefined {
    let entries: DirEntry[] | undefined;
    try {
      entries = readdirSync(absDir, { withFileTypes: true }).map((d) => ({ name: d.name, isDirectory: d.isDirectory() }));
    } catch {
      entries = undefined;
    }
    const names = new Set(entries?.map((e) => e.name));
    for (const doc of this.documents.all()) {
      const p = uriToPath(doc.uri);
      if (!p || path.dirname(p) !== absDir) continue;
      const name = path.basename(p);
      if (names.has(name)) continue;
      (entries ??= []).push({ name, isDirectory: false });
      names.add(name);
    }
    return entries;
  }
}
