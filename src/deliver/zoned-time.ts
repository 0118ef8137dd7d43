/**
 * Wall-clock time in an IANA zone, from Intl alone (no Temporal in Node 20). Pure.
 *
 * A local time that does not exist (the hour skipped when clocks go forward) maps to the same
 * wall time read with the offset before the change, i.e. one hour later; a local time that happens
 * twice (clocks go back) maps to its first occurrence. This is Temporal's "compatible" choice.
 */

export interface LocalDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's local wall time at `at`, as if it were UTC (milliseconds). */
function wallMs(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(at))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) + (at % 1000 + 1000) % 1000;
}

/** The zone's offset from UTC at `at`, in milliseconds (Europe/London in summer: 3 600 000). */
export function zoneOffsetMs(at: Date | number, timeZone: string): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return wallMs(ms, timeZone) - ms;
}

/** The calendar date in the zone at `at`. */
export function localDate(at: Date, timeZone: string): LocalDate {
  const wall = new Date(wallMs(at.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** 0 (Sunday) .. 6 (Saturday) of a calendar date. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The date `days` after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

const DAY_MS = 86_400_000;

/** The instant a local date and time happen in the zone (see the module note for gaps and overlaps). */
export function zonedInstant(date: LocalDate, hours: number, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hours, minutes);
  // Offsets a day either side: zones change offset at most once in two days.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const candidates = [...new Set([wall - before, wall - after])].sort((a, b) => a - b);
  const exact = candidates.find((instant) => wallMs(instant, timeZone) === wall);
  return new Date(exact ?? wall - before);
}
