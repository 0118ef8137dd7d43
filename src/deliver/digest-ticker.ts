/**
 * What each tick does for digests: for every channel, the slots since its cursor that are due.
 *
 * - A slot that passed less than the grace period ago and has no final row is delivered (late when
 *   more than ON_TIME_MS after its time: catch-up after downtime, or a retry).
 * - A slot older than the grace period with no row is skipped and logged; one with an unfinished row
 *   is only reconciled.
 * - A channel's cursor starts at its latest outbox row (so a restart sees what it missed) or, for a
 *   channel with none, a minute before it was first seen (a new channel gets no back-dated digest).
 * - A permanent error stops the channel's deliveries and tells its admins once; its notice is
 *   cleared by the next digest that goes out, so a later outage is told again.
 *
 * Ticks never overlap per channel: a channel with a delivery in flight is left to it.
 */
import type { Clock, Logger, Outbox, OutboxEntry } from '../core/ports.ts';
import { deliverSlot, type DigestChannel, type SlotDeps, type SlotOutcome } from './deliver-slot.ts';
import { digestKey, slotsBetween } from './digest-slots.ts';

/** A channel seen for the first time still gets a slot that fell within the last tick. */
const TICK_GRACE_MS = 60_000;
/** A digest posted within this long after its slot counts as on time. */
export const ON_TIME_MS = 5 * 60_000;

export interface DigestTickerDeps {
  slot: SlotDeps;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  graceMs: number;
  /** The channels with a schedule, re-read every tick (config plus /schedule). */
  channels(): Promise<DigestChannel[]>;
  /** Tell a channel's admins (log, and the admin channel when one is configured). */
  notifyAdmins(text: string, context: Record<string, unknown>): Promise<void>;
  /** Aborted at shutdown: no further slot is started. */
  signal?: AbortSignal;
  /** Told of every slot delivered, given up or failed (metrics). */
  onDigest?(channel: DigestChannel, outcome: SlotOutcome): void;
}

export interface DigestTicker {
  /** Start what is due at the clock's now; resolves once every delivery it started has ended. */
  tick(): Promise<void>;
  /** Channels stopped by a permanent error, with the reason. */
  readonly stopped: ReadonlyMap<string, string>;
}

const FINAL = new Set(['sent', 'skipped', 'failed']);

function waiting(entry: OutboxEntry | undefined, now: number): boolean {
  if (!entry) return false;
  if (entry.status === 'posting') return (entry.leaseUntil?.getTime() ?? 0) > now;
  if (entry.status === 'pending') return (entry.retryAt?.getTime() ?? 0) > now;
  return false;
}

export function createDigestTicker(deps: DigestTickerDeps): DigestTicker {
  const { outbox, clock, logger } = deps;
  const cursors = new Map<string, number>();
  const busy = new Set<string>();
  const stopped = new Map<string, string>();

  async function cursorOf(channel: DigestChannel, now: number): Promise<number> {
    const known = cursors.get(channel.id);
    if (known !== undefined) return known;
    const latest = await outbox.latest(channel.id);
    // A channel with no history starts a tick back: no back-dated digest, but a slot this minute counts.
    const cursor = !latest ? now - TICK_GRACE_MS : FINAL.has(latest.status) ? latest.slotAt.getTime() : latest.slotAt.getTime() - 1;
    cursors.set(channel.id, cursor);
    return cursor;
  }

  async function settle(channel: DigestChannel, outcome: SlotOutcome): Promise<void> {
    if (outcome.status === 'sent' || outcome.status === 'reconciled') {
      await outbox.clearNotice(`channel-stopped:${channel.id}`);
      return;
    }
    if (outcome.status !== 'failed') return;
    const error = outcome.error as { kind?: string; reason?: string; message?: string };
    if (error.kind !== 'permanent') return;
    const reason = error.reason ?? error.message ?? 'unknown';
    stopped.set(channel.id, reason);
    if (await outbox.claimNotice(`channel-stopped:${channel.id}`, clock.now())) {
      await deps.notifyAdmins(
        `Herald stopped posting digests to ${channel.adapter.platform} channel ${channel.target} (${channel.id}): ${reason}. Re-invite Herald or fix its permissions there; digests resume at the next scheduled time after a restart.`,
        { channel: channel.id, reason },
      );
    }
  }

  async function runChannel(channel: DigestChannel, slots: { at: Date; late: boolean; expired: boolean }[]): Promise<void> {
    busy.add(channel.id);
    try {
      for (const slot of slots) {
        if (deps.signal?.aborted) break;
        const outcome = await deliverSlot(deps.slot, channel, slot.at, slot);
        deps.onDigest?.(channel, outcome);
        await settle(channel, outcome);
        if (stopped.has(channel.id)) break;
      }
    } catch (error) {
      logger.error({ err: error, channel: channel.id }, 'digest delivery failed unexpectedly');
    } finally {
      busy.delete(channel.id);
    }
  }

  /** Planning runs one tick at a time; deliveries it starts run on, per channel. */
  let planning: Promise<unknown> = Promise.resolve();

  return {
    stopped,
    tick() {
      const planned = planning.then(plan);
      planning = planned.catch(() => undefined);
      return planned.then((runs) => Promise.all(runs)).then(() => undefined);
    },
  };

  async function plan(): Promise<Promise<void>[]> {
    const now = clock.now().getTime();
    const channels = await deps.channels();
    const rows = new Map<string, OutboxEntry>();
    for (const entry of await outbox.since(new Date(now - deps.graceMs - 86_400_000))) rows.set(`${entry.channelId}\u0000${entry.slotAt.getTime()}`, entry);
    const runs: Promise<void>[] = [];
    for (const channel of channels) {
      if (deps.signal?.aborted) break;
      if (busy.has(channel.id) || stopped.has(channel.id)) continue;
      const cursor = await cursorOf(channel, now);
      const due: { at: Date; late: boolean; expired: boolean }[] = [];
      for (const at of slotsBetween(channel.schedule, new Date(cursor), new Date(now))) {
        const entry = rows.get(`${channel.id}\u0000${at.getTime()}`) ?? (await outbox.get(channel.id, at));
        if ((entry && FINAL.has(entry.status)) || waiting(entry, now)) continue;
        const age = now - at.getTime();
        if (age <= deps.graceMs) {
          due.push({ at, late: age > ON_TIME_MS, expired: false });
        } else if (entry) {
          due.push({ at, late: true, expired: true });
        } else if (await outbox.skip({ channelId: channel.id, slotAt: at, key: digestKey(channel.id, at), reason: `missed by ${Math.round(age / 60_000)} min (grace ${Math.round(deps.graceMs / 60_000)} min)` }, new Date(now))) {
          logger.warn({ channel: channel.id, slot: at.toISOString(), lateByMin: Math.round(age / 60_000) }, 'digest slot missed by more than the grace period; skipped');
        }
      }
      cursors.set(channel.id, Math.max(cursor, now - deps.graceMs));
      if (due.length) runs.push(runChannel(channel, due));
    }
    return runs;
  }
}
