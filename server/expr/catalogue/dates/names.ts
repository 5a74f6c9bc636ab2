/** English (en-US) texts of months, weekdays, eras, quarters and AM/PM, as Java prints them. */

export const MONTHS_FULL = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const MONTHS_NARROW = ['J', 'F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D'] as const;

/** Index 0 = Monday (ISO day 1). */
export const DAYS_FULL = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const DAYS_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const DAYS_NARROW = ['M', 'T', 'W', 'T', 'F', 'S', 'S'] as const;

/** Index 0 = BC, 1 = AD. */
export const ERAS_SHORT = ['BC', 'AD'] as const;
export const ERAS_FULL = ['Before Christ', 'Anno Domini'] as const;
export const ERAS_NARROW = ['B', 'A'] as const;

export const QUARTERS_SHORT = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
export const QUARTERS_FULL = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'] as const;

export const AM_PM = ['AM', 'PM'] as const;

/** Texts for a text-style field at a pattern count: 1-3 short, 4 full, 5 narrow. */
export function textsFor(count: number, short: readonly string[], full: readonly string[], narrow: readonly string[]): readonly string[] {
  return count === 4 ? full : count === 5 ? narrow : short;
}
