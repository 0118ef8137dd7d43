import { defineCommand } from '../src/core/command.ts';
import { UserFacingError } from '../src/core/errors.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "mon-fri", "weekdays", "weekends", "mon,wed,fri" → day names. */
export function parseWeekdays(text: string | undefined): string[] {
  if (!text) return [...DAYS];
  const value = text.trim().toLowerCase();
  if (value === 'weekdays') return DAYS.slice(0, 5);
  if (value === 'weekends') return DAYS.slice(5);
  if (value === 'daily' || value === 'every day') return [...DAYS];
  const days = new Set<string>();
  for (const part of value.split(/[\s,]+/).filter(Boolean)) {
    const range = /^([a-z]{3})[a-z]*-([a-z]{3})[a-z]*$/.exec(part);
    if (range) {
      const from = DAYS.indexOf(range[1]!);
      const to = DAYS.indexOf(range[2]!);
      if (from < 0 || to < 0) throw new UserFacingError('bad-weekdays', `"${part}" is not a range of days: use mon-fri.`);
      for (let i = from; ; i = (i + 1) % 7) {
        days.add(DAYS[i]!);
        if (i === to) break;
      }
      continue;
    }
    const day = part.slice(0, 3);
    if (!DAYS.includes(day)) throw new UserFacingError('bad-weekdays', `"${part}" is not a day: use mon, tue, wed, thu, fri, sat, sun, mon-fri or weekdays.`);
    days.add(day);
  }
  return DAYS.filter((d) => days.has(d));
}

export default defineCommand({
  name: 'schedule',
  description: "Set this channel's digest time (admins)",
  options: {
    time: { type: 'string', description: '24-hour time, HH:MM', required: true },
    timezone: { type: 'string', description: 'IANA time zone, e.g. Europe/London (default UTC)' },
    weekdays: { type: 'string', description: 'mon-fri, weekends, or days like mon,wed,fri (default every day)' },
  },
  permission: 'admin',
  run: async ({ options, services, channel }) => {
    if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(options.time)) throw new UserFacingError('bad-time', `"${options.time}" is not a time: use 24-hour HH:MM, e.g. 08:30.`);
    const time = options.time.padStart(5, '0');
    const timezone = options.timezone ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
    } catch {
      throw new UserFacingError('bad-timezone', `"${timezone}" is not a time zone: use an IANA name such as Europe/London or America/New_York.`);
    }
    const weekdays = parseWeekdays(options.weekdays);
    await services.setSchedule(channel.id, { time, timezone, weekdays });
    return { kind: 'text', text: `Digest scheduled at ${time} ${timezone} on ${weekdays.length === 7 ? 'every day' : weekdays.join(', ')}.` };
  },
});
