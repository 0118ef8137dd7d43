/**
 * Outbox rows (either engine) to OutboxEntry, and the stored /schedule JSON, checked. No driver here.
 */
import type { ChannelSettings, OutboxEntry, OutboxStatus } from '../core/ports.ts';

export type Row = Record<string, unknown>;

const STATUSES: readonly OutboxStatus[] = ['posting', 'pending', 'sent', 'skipped', 'failed'];

const time = (value: unknown): Date | undefined => (typeof value === 'number' ? new Date(value) : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function rowToEntry(row: Row): OutboxEntry {
  const entry: OutboxEntry = {
    channelId: String(row.channel_id),
    slotAt: new Date(Number(row.slot_at)),
    key: String(row.digest_key),
    status: STATUSES.find((s) => s === row.status) ?? 'failed',
    late: row.late === 1 || row.late === true,
    attempts: Number(row.attempts),
    updatedAt: new Date(Number(row.updated_at)),
  };
  const owner = text(row.owner);
  if (owner !== undefined) entry.owner = owner;
  const briefing = text(row.briefing);
  if (briefing !== undefined) entry.briefing = briefing;
  const messageId = text(row.message_id);
  if (messageId !== undefined) entry.messageId = messageId;
  const error = text(row.error);
  if (error !== undefined) entry.error = error;
  const leaseUntil = time(row.lease_until);
  if (leaseUntil) entry.leaseUntil = leaseUntil;
  const retryAt = time(row.retry_at);
  if (retryAt) entry.retryAt = retryAt;
  const sentAt = time(row.sent_at);
  if (sentAt) entry.sentAt = sentAt;
  const threads = text(row.threads);
  if (threads !== undefined) entry.threads = JSON.parse(threads) as Record<string, string>;
  return entry;
}

/** A schedule as /schedule stored it, checked field by field (the table is shared with the Store). */
export function parseSchedule(stored: unknown): ChannelSettings['schedule'] {
  if (typeof stored !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const { time: at, timezone, weekdays } = value as Record<string, unknown>;
  if (typeof at !== 'string' || typeof timezone !== 'string' || !Array.isArray(weekdays)) return undefined;
  return { time: at, timezone, weekdays: weekdays.filter((d): d is string => typeof d === 'string') };
}

/** Channel settings rows (channel_settings) that hold a valid schedule. */
export function scheduledSettings(rows: readonly Row[]): ChannelSettings[] {
  const channels: ChannelSettings[] = [];
  for (const row of rows) {
    const schedule = parseSchedule(row.schedule);
    if (!schedule) continue;
    channels.push({ channelId: String(row.channel_id), schedule, include: JSON.parse(String(row.include_words)) as string[], exclude: JSON.parse(String(row.exclude_words)) as string[] });
  }
  return channels;
}
