/**
 * Resolves date expressions against the publication date: weekdays ("on Monday" is the most recent
 * Monday on or before publication, unless the clause is in the future tense), day and month without
 * a year (the nearest such date, in the tense's direction), month and year, relative words.
 * Calendar arithmetic is in UTC. Results are ISO 8601 (YYYY-MM-DD, or reduced: YYYY-MM, YYYY, YYYY-Www).
 */

const DAY_MS = 86_400_000;
const NEAR_DAYS = 183;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export type Tense = 'past' | 'future' | 'unknown';

const FUTURE = /\b(?:will|won['’]t|shall|['’]ll|is\s+(?:due|set|expected|scheduled|slated|poised)\s+to|are\s+(?:due|set|expected|scheduled|slated|poised)\s+to|plans?\s+to|planned\s+for|going\s+to|next|upcoming|coming)\b/iu;
const PAST = /\b(?:was|were|had|did|said|told|met|announced|ended|began|took|made|went|came|signed|killed|died|won|lost|\w+ed)\b/iu;

/** Tense of the clause around a date: the text before it back to the clause start, then after it. */
export function clauseTense(before: string, after = ''): Tense {
  const tail = before.split(/[,;]|\bthat\b/iu).pop() ?? before;
  const head = after.replace(/^[\s,;]+/u, '').split(/[,;.]/u)[0] ?? '';
  for (const part of [tail, head]) {
    if (FUTURE.test(part)) return 'future';
    if (PAST.test(part)) return 'past';
  }
  return 'unknown';
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const utcDay = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

export function monthIndex(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase());
}

/** "Monday", with an optional "last"/"next"/"this". */
export function resolveWeekday(day: string, qualifier: string | undefined, published: Date, tense: Tense): string | undefined {
  const target = WEEKDAYS.indexOf(day.toLowerCase());
  if (target < 0) return undefined;
  const base = utcDay(published);
  const today = base.getUTCDay();
  const q = qualifier?.toLowerCase();
  const back = (today - target + 7) % 7;
  const ahead = (target - today + 7) % 7;
  let offset: number;
  if (q === 'last') offset = -(back === 0 ? 7 : back);
  else if (q === 'next') offset = ahead === 0 ? 7 : ahead;
  else offset = tense === 'future' ? ahead : -back;
  return iso(new Date(base.getTime() + offset * DAY_MS));
}

/** Day and month, with or without a year. */
export function resolveDayMonth(day: number, month: number, year: number | undefined, published: Date | undefined, tense: Tense): string | undefined {
  if (month < 0 || day < 1 || day > 31) return undefined;
  if (year !== undefined) return iso(new Date(Date.UTC(year, month, day)));
  if (published === undefined) return undefined;
  const base = utcDay(published).getTime();
  const options = [-1, 0, 1].map((k) => new Date(Date.UTC(published.getUTCFullYear() + k, month, day)));
  const pick = tense === 'future'
    ? options.find((d) => d.getTime() >= base - DAY_MS)
    : tense === 'past'
      ? [...options].reverse().find((d) => d.getTime() <= base + DAY_MS)
      : options.find((d) => Math.abs(d.getTime() - base) <= NEAR_DAYS * DAY_MS);
  return pick === undefined ? undefined : iso(pick);
}

/** Month without a day: "in March" (nearest in the tense's direction), "March 2024". */
export function resolveMonth(month: number, year: number | undefined, published: Date | undefined, tense: Tense): string | undefined {
  if (month < 0) return undefined;
  const pad = String(month + 1).padStart(2, '0');
  if (year !== undefined) return `${year}-${pad}`;
  if (published === undefined) return undefined;
  const y = published.getUTCFullYear();
  const m = published.getUTCMonth();
  if (tense === 'future' && month < m) return `${y + 1}-${pad}`;
  if (tense !== 'future' && month > m + (tense === 'past' ? 0 : 6)) return `${y - 1}-${pad}`;
  return `${y}-${pad}`;
}

function isoWeek(d: Date): string {
  const t = utcDay(d);
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** "yesterday", "tomorrow", "last week", "next month", "last year". */
export function resolveRelative(phrase: string, published: Date): string | undefined {
  const p = phrase.toLowerCase().replace(/\s+/gu, ' ');
  const base = utcDay(published);
  if (p === 'yesterday') return iso(new Date(base.getTime() - DAY_MS));
  if (p === 'tomorrow') return iso(new Date(base.getTime() + DAY_MS));
  const m = /^(last|next) (week|month|year)$/u.exec(p);
  if (m === null) return undefined;
  const sign = m[1] === 'last' ? -1 : 1;
  if (m[2] === 'week') return isoWeek(new Date(base.getTime() + sign * 7 * DAY_MS));
  if (m[2] === 'year') return String(base.getUTCFullYear() + sign);
  const d = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + sign, 1));
  return d.toISOString().slice(0, 7);
}
