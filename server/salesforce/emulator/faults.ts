/**
 * Decides, call by call, which injected fault (if any) applies. Expiry and dropped connections
 * fire once; the 5xx draw is seeded, so a run with the same seed fails the same calls.
 */
import { SequenceRandom } from './data/random';
import type { EmulatorFaults } from './options';

export const DEFAULT_API_LIMIT = 100_000;

export type CallFault = 'expire-session' | 'request-limit' | 'server-error' | 'drop-connection' | null;

export class FaultPlan {
  private calls = 0;
  private expired = false;
  private dropped = false;
  private readonly random: SequenceRandom;
  readonly apiLimit: number;

  constructor(private readonly faults: EmulatorFaults, seed: number) {
    this.random = new SequenceRandom(seed ^ 0x5f0f);
    this.apiLimit = faults.requestLimitAfter ?? DEFAULT_API_LIMIT;
  }

  get latencyMs(): number {
    return Math.max(0, this.faults.latencyMs ?? 0);
  }

  get used(): number {
    return this.calls;
  }

  /**
   * Called once per authenticated data call, before it is handled. `expire-session` means the
   * sessions must be invalidated and the call answered 401 (it is not counted).
   */
  next(method: string): CallFault {
    const expireAfter = this.faults.expireSessionAfter;
    if (!this.expired && expireAfter !== undefined && this.calls >= expireAfter) {
      this.expired = true;
      return 'expire-session';
    }
    if (this.calls >= this.apiLimit) return 'request-limit';
    this.calls++;
    const rate = this.faults.serverErrorRate ?? 0;
    if (rate > 0 && method === 'GET' && this.random.next() < rate) return 'server-error';
    const dropAfter = this.faults.dropConnectionAfter;
    if (!this.dropped && dropAfter !== undefined && this.calls > dropAfter) {
      this.dropped = true;
      return 'drop-connection';
    }
    return null;
  }

  /** Whether the n-th Bulk job (1-based) is meant to fail. */
  bulkJobFails(ordinal: number): boolean {
    return this.faults.failBulkJob !== undefined && this.faults.failBulkJob === ordinal;
  }
}
