// Polling with a deadline: the e2e tests wait for observable state, never for a fixed time.

export interface Probe<T> {
  /** The value once the awaited state holds, or undefined while it does not yet. */
  (): T | undefined | Promise<T | undefined>;
}

/**
 * Resolves with the probe's first defined value; rejects after timeoutMs with `what` and,
 * if given, a description of the last observed state (so a timeout says what was seen instead).
 */
export async function waitFor<T>(
  what: string,
  probe: Probe<T>,
  options: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      const seen = options.describe ? `; last seen: ${options.describe()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Rejects if the promise has not settled within timeoutMs. */
export function withTimeout<T>(what: string, promise: Promise<T>, timeoutMs = 30_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (err: unknown) => { clearTimeout(timer); reject(err); },
    );
  });
}
