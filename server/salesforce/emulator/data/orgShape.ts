/**
 * The fixed shape of one generated org: how many rows each object has, its ids, and the time
 * line its records live on. Everything is derived from (seed, contact count, now).
 */
import { recordId } from '../ids';
import { hashString, RowRandom } from './random';
import { PROFILE_NAMES, PUBLIC_GROUPS, ROLES, USER_LICENSES } from './vocabulary';

const DAY_MS = 86_400_000;
/** Base records were last modified within this window before `now`. */
export const HISTORY_MS = 730 * DAY_MS;
const QUIET_BEFORE_NOW_MS = 3_600_000;

export const KEY_PREFIXES: Readonly<Record<string, string>> = {
  Account: '001', Contact: '003', Lead: '00Q', Opportunity: '006', OpportunityContactRole: '00K', Campaign: '701',
  CampaignMember: '00v', AccountContactRelation: '07k', User: '005', Profile: '00e', UserRole: '00E', Organization: '00D',
  Group: '00G', UserLicense: '100', Individual: '0PK',
};

/** Fixed-size setup tables, one row per vocabulary entry; Group = the organization group, one per role, the public groups. */
export const SETUP_COUNTS: Readonly<Record<string, number>> = {
  Profile: PROFILE_NAMES.length, UserLicense: USER_LICENSES.length, UserRole: ROLES.length, Group: 1 + ROLES.length + PUBLIC_GROUPS.length,
};

/** Every 20th Contact has an Individual (its data-privacy record). */
export const CONTACTS_PER_INDIVIDUAL = 20;

export class OrgShape {
  readonly seed: number;
  readonly contacts: number;
  readonly nowMs: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly orgId: string;
  private readonly streamSeeds = new Map<string, number>();

  constructor(seed: number | string, contacts: number, nowMs: number) {
    this.seed = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    this.contacts = Math.max(1, Math.floor(contacts));
    this.nowMs = Math.floor(nowMs / 1000) * 1000;
    const n = this.contacts;
    const accounts = Math.ceil(n / 4);
    const opportunities = Math.ceil(n / 2);
    this.counts = {
      Contact: n,
      Account: accounts,
      Opportunity: opportunities,
      OpportunityContactRole: opportunities,
      Lead: Math.ceil(n / 2),
      Campaign: Math.max(5, Math.ceil(n / 500)),
      CampaignMember: n,
      AccountContactRelation: n,
      User: Math.min(200, Math.max(10, Math.ceil(n / 2000))),
      Individual: Math.ceil(n / CONTACTS_PER_INDIVIDUAL),
      ...SETUP_COUNTS,
    };
    this.orgId = recordId(KEY_PREFIXES.Organization, this.seed % 100_000);
  }

  count(object: string): number {
    return this.counts[object] ?? 0;
  }

  id(object: string, index: number): string {
    return recordId(KEY_PREFIXES[object], index);
  }

  random(object: string, index: number): RowRandom {
    let seed = this.streamSeeds.get(object);
    if (seed === undefined) {
      seed = hashString(`${this.seed}:${object}`);
      this.streamSeeds.set(object, seed);
    }
    return new RowRandom(seed, index);
  }

  /**
   * SystemModstamp of base row `index`: spread over the history window and non-decreasing in the
   * index, so Id order is SystemModstamp order and a time range maps to an index range.
   * `random` is the row's `random(object, index)` when the caller already has it.
   */
  stampMs(object: string, index: number, random: RowRandom = this.random(object, index)): number {
    const n = this.count(object);
    const start = this.nowMs - HISTORY_MS;
    const span = HISTORY_MS - QUIET_BEFORE_NOW_MS;
    const jitter = random.unit(0);
    const offsetSeconds = Math.floor(((index + jitter) * (span / 1000)) / n);
    return start + offsetSeconds * 1000;
  }

  /** The first base index whose SystemModstamp is >= `ms` (binary search over the monotonic stamps). */
  firstIndexAtOrAfter(object: string, ms: number): number {
    let lo = 0;
    let hi = this.count(object);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.stampMs(object, mid) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
