import { UserFacingError } from './errors.ts';

/** `yesterday`, `today`, `8h`, `30m`, `2d`, or a date (2026-11-27, ISO time). */
export function parseSince(value: string, now: Date): Date {
  const text = value.trim().toLowerCase();
  if (text === 'yesterday') return new Date(now.getTime() - 24 * 3_600_000);
  if (text === 'today') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const relative = /^(\d{1,4})\s*(m|min|h|d|w)$/.exec(text);
  if (relative) {
    const unitMs = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2] as 'm' | 'min' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * unitMs);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const date = new Date(value.trim());
    if (!Number.isNaN(date.getTime()) && date <= now) return date;
  }
  throw new UserFacingError('bad-since', `cannot read "${value}" as a time: use yesterday, today, 8h, 2d or a date like 2026-11-27`);
}
