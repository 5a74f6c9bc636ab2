/** file: URIs ↔ absolute paths, at the seams where LSP URIs meet the file system. */
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The path of a file: URI; undefined for other schemes (untitled:, vscode-notebook:…) or bad URIs. */
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
