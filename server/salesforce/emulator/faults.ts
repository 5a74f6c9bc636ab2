/**
 * Decides, call by call, which injected fault (if any) applies. Expiry and dropped connections
 * fire once; the 5xx draw is seeded, so a run with the same seed fails the same calls; armed GET
 * failures (`failNextGets`) hit exactly the next N GETs, so a test can prove a client retried.
 */
import { SequenceRandom } from './data/random';
import type { EmulatorFaults } from './options';

export const DEFAULT_API_LIMIT = 100_000;

/** `unavailable` = 503 SERVER_UNAVAILABLE, `internal-error` = 500 UNKNOWN_EXCEPTION */
export type CallFault = 'expire-session' | 'request-limit' | 'unavailable' | 'internal-error' | 'drop-connection' | null;

export type ServerErrorStatus = 500 | 503;

export class FaultPlan {
  private calls = 0;
  private expired = false;
  private dropped = false;
  private armedGetFailures: number;
  private armedStatus: ServerErrorStatus;
  private serverErrors = 0;
  private readonly random: SequenceRandom;
  readonly apiLimit: number;

  constructor(private readonly faults: EmulatorFaults, seed: number) {
    this.random = new SequenceRandom(seed ^ 0x5f0f);
    this.apiLimit = faults.requestLimitAfter ?? DEFAULT_API_LIMIT;
    this.armedGetFailures = Math.max(0, Math.floor(faults.failNextGets ?? 0));
    this.armedStatus = faults.failNextGetsStatus ?? 503;
  }

  get latencyMs(): number {
    return Math.max(0, this.faults.latencyMs ?? 0);
  }

  get used(): number {
    return this.calls;
  }

  /** How many 5xx answers the plan has injected so far (armed and seeded). */
  get serverErrorsServed(): number {
    return this.serverErrors;
  }

  /** The next `count` authenticated GET calls answer `status` (replaces what was armed before). */
  failNextGets(count: number, status: ServerErrorStatus = 503): void {
    this.armedGetFailures = Math.max(0, Math.floor(count));
    this.armedStatus = status;
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
    if (method === 'GET' && this.armedGetFailures > 0) {
      this.armedGetFailures--;
      this.serverErrors++;
      return this.armedStatus === 500 ? 'internal-error' : 'unavailable';
    }
    const rate = this.faults.serverErrorRate ?? 0;
    if (rate > 0 && method === 'GET' && this.random.next() < rate) {
      this.serverErrors++;
      return 'unavailable';
    }
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
