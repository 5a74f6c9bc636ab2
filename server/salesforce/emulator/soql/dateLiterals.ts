/** SOQL date literals (TODAY, LAST_N_DAYS:7, THIS_MONTH, …) as half-open UTC ranges relative to `now`. */

const DAY_MS = 86_400_000;

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1);
}

/** Weeks start on Sunday, as in the default (en_US) locale. */
function weekStart(ms: number): number {
  const day = startOfDay(ms);
  return day - new Date(day).getUTCDay() * DAY_MS;
}

export function dateLiteralRange(literal: string, n: number | undefined, nowMs: number): { startMs: number; endMs: number } | null {
  const today = startOfDay(nowMs);
  const now = new Date(today);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const q = Math.floor(m / 3) * 3;
  const count = n ?? 0;
  switch (literal.toUpperCase()) {
    case 'TODAY': return { startMs: today, endMs: today + DAY_MS };
    case 'YESTERDAY': return { startMs: today - DAY_MS, endMs: today };
    case 'TOMORROW': return { startMs: today + DAY_MS, endMs: today + 2 * DAY_MS };
    case 'THIS_WEEK': return { startMs: weekStart(today), endMs: weekStart(today) + 7 * DAY_MS };
    case 'LAST_WEEK': return { startMs: weekStart(today) - 7 * DAY_MS, endMs: weekStart(today) };
    case 'NEXT_WEEK': return { startMs: weekStart(today) + 7 * DAY_MS, endMs: weekStart(today) + 14 * DAY_MS };
    case 'THIS_MONTH': return { startMs: monthStart(y, m), endMs: monthStart(y, m + 1) };
    case 'LAST_MONTH': return { startMs: monthStart(y, m - 1), endMs: monthStart(y, m) };
    case 'NEXT_MONTH': return { startMs: monthStart(y, m + 1), endMs: monthStart(y, m + 2) };
    case 'LAST_90_DAYS': return { startMs: today - 90 * DAY_MS, endMs: today + DAY_MS };
    case 'NEXT_90_DAYS': return { startMs: today + DAY_MS, endMs: today + 91 * DAY_MS };
    case 'THIS_QUARTER': case 'THIS_FISCAL_QUARTER': return { startMs: monthStart(y, q), endMs: monthStart(y, q + 3) };
    case 'LAST_QUARTER': case 'LAST_FISCAL_QUARTER': return { startMs: monthStart(y, q - 3), endMs: monthStart(y, q) };
    case 'NEXT_QUARTER': case 'NEXT_FISCAL_QUARTER': return { startMs: monthStart(y, q + 3), endMs: monthStart(y, q + 6) };
    case 'THIS_YEAR': case 'THIS_FISCAL_YEAR': return { startMs: Date.UTC(y, 0, 1), endMs: Date.UTC(y + 1, 0, 1) };
    case 'LAST_YEAR': case 'LAST_FISCAL_YEAR': return { startMs: Date.UTC(y - 1, 0, 1), endMs: Date.UTC(y, 0, 1) };
    case 'NEXT_YEAR': case 'NEXT_FISCAL_YEAR': return { startMs: Date.UTC(y + 1, 0, 1), endMs: Date.UTC(y + 2, 0, 1) };
    case 'LAST_N_DAYS': return { startMs: today - count * DAY_MS, endMs: today + DAY_MS };
    case 'NEXT_N_DAYS': return { startMs: today + DAY_MS, endMs: today + (count + 1) * DAY_MS };
    case 'N_DAYS_AGO': return { startMs: today - count * DAY_MS, endMs: today - (count - 1) * DAY_MS };
    case 'LAST_N_WEEKS': return { startMs: weekStart(today) - count * 7 * DAY_MS, endMs: weekStart(today) };
    case 'NEXT_N_WEEKS': return { startMs: weekStart(today) + 7 * DAY_MS, endMs: weekStart(today) + (count + 1) * 7 * DAY_MS };
    case 'LAST_N_MONTHS': return { startMs: monthStart(y, m - count), endMs: monthStart(y, m) };
    case 'NEXT_N_MONTHS': return { startMs: monthStart(y, m + 1), endMs: monthStart(y, m + 1 + count) };
    case 'LAST_N_YEARS': return { startMs: Date.UTC(y - count, 0, 1), endMs: Date.UTC(y, 0, 1) };
    case 'NEXT_N_YEARS': return { startMs: Date.UTC(y + 1, 0, 1), endMs: Date.UTC(y + 1 + count, 0, 1) };
    default: return null;
  }
}
