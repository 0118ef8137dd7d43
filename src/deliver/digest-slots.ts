/**
 * A channel's digest slots: the instants its schedule (HH:MM, IANA zone, weekdays) falls on,
 * computed from the clock rather than from timers, so that a test can walk a controllable clock
 * across a DST change and a restart can list the slots it missed. Pure.
 */
import { createHash } from 'node:crypto';
import { addDays, localDate, weekday, zonedInstant } from './zoned-time.ts';

export interface DigestSchedule {
  /** 24-hour HH:MM. */
  time: string;
  timezone: string;
  /** mon..sun; empty means every day. */
  weekdays: readonly string[];
}

const DAY_NUMBERS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Slot lists are bounded: a long outage is summarised, not walked day by day. */
export const MAX_SLOT_SCAN_DAYS = 31;

function parseTime(time: string): [number, number] {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`digest time must be HH:MM, got "${time}"`);
  return [hours, minutes];
}

/** Every slot in (after, until], oldest first, scanning at most MAX_SLOT_SCAN_DAYS back from `until`. */
export function slotsBetween(schedule: DigestSchedule, after: Date, until: Date): Date[] {
  const [hours, minutes] = parseTime(schedule.time);
  const days = new Set(schedule.weekdays.map((d) => DAY_NUMBERS[d.toLowerCase().slice(0, 3)]).filter((d) => d !== undefined));
  const floor = Math.max(after.getTime(), until.getTime() - MAX_SLOT_SCAN_DAYS * 86_400_000);
  const slots: Date[] = [];
  // One local day either side covers any zone offset.
  const first = addDays(localDate(new Date(floor), schedule.timezone), -1);
  const last = addDays(localDate(until, schedule.timezone), 1);
  for (let date = first; compare(date, last) <= 0; date = addDays(date, 1)) {
    if (days.size > 0 && !days.has(weekday(date))) continue;
    const slot = zonedInstant(date, hours, minutes, schedule.timezone);
    if (slot.getTime() > floor && slot.getTime() <= until.getTime()) slots.push(slot);
  }
  return slots;
}

/** The first slot after `after` (within eight days; undefined for a schedule with no valid day). */
export function nextSlot(schedule: DigestSchedule, after: Date): Date | undefined {
  return slotsBetween(schedule, after, new Date(after.getTime() + 8 * 86_400_000))[0];
}

function compare(a: { year: number; month: number; day: number }, b: { year: number; month: number; day: number }): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The key a digest carries on the platform (Slack metadata, a Discord footer line): short, stable
 * for (channel, slot), and revealing neither.
 */
export function digestKey(channelId: string, slotAt: Date): string {
  return `hd${createHash('sha256').update(`${channelId}\u0000${slotAt.toISOString()}`).digest('hex').slice(0, 16)}`;
}
