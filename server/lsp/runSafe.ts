/**
 * Runs a feature so that nothing a user types can take the server down: exceptions are
 * logged and answered with a default, and a cancelled request returns the default too.
 */
import type { CancellationToken } from 'vscode-languageserver';

export function runSafe<T>(log: (message: string) => void, name: string, fallback: T, token: CancellationToken | undefined, fn: () => T): T {
  if (token?.isCancellationRequested) return fallback;
  try {
    return fn();
  } catch (e) {
    log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return fallback;
  }
}
