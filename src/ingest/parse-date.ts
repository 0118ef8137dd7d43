/**
 * Feed dates → Date, or undefined when the value is unknown rather than wrong: unparseable,
 * impossible (Feb 30, hour 25), before 1990, or more than a day after `now`. Dates without a
 * zone are read as UTC so the result does not depend on the machine's time zone.
 */

const EARLIEST_MS = Date.UTC(1990, 0, 1);
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
const DATE_MAX_CHARS = 80;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Zone abbreviations seen in feeds, in minutes east of UTC. Unknown words count as UTC. */
const ZONES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0, wet: 0, bst: 60, cet: 60, met: 60, west: 60, cest: 120, mest: 120, eet: 120,
  eest: 180, msk: 180, ist: 330, sgt: 480, hkt: 480, awst: 480, jst: 540, kst: 540, acst: 570, aest: 600,
  aedt: 660, nzst: 720, nzdt: 780, ast: -240, adt: -180, edt: -240, est: -300, cdt: -300, cst: -360,
  mdt: -360, mst: -420, pdt: -420, pst: -480, akst: -540, akdt: -480, hst: -600,
};

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 = /^(?:[A-Za-z]{2,12}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,12})\.?[\s-]+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:([+-]\d{2}:?\d{2})|([A-Za-z]{1,5}))?(?:\s*\(.*\))?$/;

/** Parse a feed date. `now` is injectable for tests and replays. */
export function parseFeedDate(value: unknown, now: Date = new Date()): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.length < 6 || s.length > DATE_MAX_CHARS || /^[+-]?[\d.e]+$/i.test(s)) return undefined;
  const ms = parseIso(s) ?? parseRfc822(s) ?? parseLoose(s);
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  if (ms < EARLIEST_MS || ms > now.getTime() + FUTURE_SLACK_MS) return undefined;
  return new Date(ms);
}

function parseIso(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const offset = m[7] === undefined ? 0 : parseOffset(m[7]);
  return offset === undefined ? Number.NaN : build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], offset);
}

function parseRfc822(s: string): number | undefined {
  const m = RFC822.exec(s);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return Number.NaN;
  let year = +m[3]!;
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (m[3]!.length === 3) return Number.NaN;
  const offset = m[7] !== undefined ? parseOffset(m[7]) : (ZONES[(m[8] ?? 'gmt').toLowerCase()] ?? 0);
  return offset === undefined ? Number.NaN : build(year, month, +m[1]!, m[4], m[5], m[6], offset);
}

/** Last resort for other English formats ("June 3, 2024 10:00 GMT"); needs a plausible year. */
function parseLoose(s: string): number | undefined {
  const year = /\b((?:19|20)\d{2})\b/.exec(s);
  if (!year) return undefined;
  // Date.parse rolls impossible days over ("Feb 30" → Mar 1); refuse them instead.
  const monthDay = /\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([a-z]{3})/i.exec(s);
  if (monthDay) {
    const month = MONTHS.indexOf((monthDay[1] ?? monthDay[4]!).toLowerCase()) + 1;
    const day = Number(monthDay[2] ?? monthDay[3]);
    if (month > 0 && (day < 1 || day > daysInMonth(Number(year[1]), month))) return Number.NaN;
  }
  const hasZone = /\b(?:GMT|UTC|UT|Z)\b|[+-]\d{2}:?\d{2}\s*$/i.test(s);
  return Date.parse(hasZone ? s : `${s} GMT`);
}

function parseOffset(text: string): number | undefined {
  if (/^z$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const hours = +m[2]!;
  const minutes = m[3] === undefined ? 0 : +m[3];
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function build(
  year: number, month: number, day: number,
  hour: string | undefined, minute: string | undefined, second: string | undefined, offsetMinutes: number,
): number {
  const h = hour === undefined ? 0 : +hour;
  const mi = minute === undefined ? 0 : +minute;
  const sec = second === undefined ? 0 : +second;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (h > 23 || mi > 59 || sec > 60) return Number.NaN;
  return Date.UTC(year, month - 1, day, h, mi, Math.min(sec, 59)) - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
