/**
 * Open documents and the files they stand for: the service reads workspace files
 * through this reader, so an unsaved crmflow.yaml or schema in an editor counts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileReader } from '../workspace/workspace';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

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
}
