/**
 * One digest of one channel at one slot, exactly once:
 *
 * 1. claim the (channel, slot) row in the outbox (atomic; a live lease elsewhere means someone else
 *    is on it);
 * 2. a re-claim (attempts > 1) reads the channel back first (`findDigest`): what an earlier try
 *    posted is not posted again, and a digest found whole is only recorded;
 * 3. the digest is built once and kept in the row, so every try posts the same stories;
 * 4. post (each platform call under the rate limit and retry policy), record what the channel was
 *    told and the story threads, then mark the row sent. Recording is idempotent, so a crash between
 *    any two steps is repaired by the next claim.
 */
import { ChatDeliveryError } from '../core/errors.ts';
import type { CallRunner, ChatAdapter, Clock, Logger, Outbox, OutboxLease, PostedMessage } from '../core/ports.ts';
import type { Briefing } from '../core/types.ts';
import { decodeBriefing, encodeBriefing } from './briefing-json.ts';
import { digestKey, type DigestSchedule } from './digest-slots.ts';

/** A channel the scheduler posts digests to. */
export interface DigestChannel {
  /** The outbox's channel id: the config id, or the chat channel id for a schedule set with /schedule. */
  id: string;
  adapter: ChatAdapter;
  /** The platform's channel id (the config id for the console). */
  target: string;
  schedule: DigestSchedule;
}

export interface SlotDeps {
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** This instance, as the outbox's lease owner. */
  owner: string;
  leaseMs: number;
  buildDigest(channel: DigestChannel): Promise<Briefing>;
  /** Remember what the channel was told and where each story's thread is. Must be idempotent. */
  recordDigest(channel: DigestChannel, briefing: Briefing, posted: PostedMessage): Promise<void>;
  runner(channel: DigestChannel, purpose: 'post' | 'read'): CallRunner;
  /** When a failed try is tried again, by attempts so far. */
  retryDelayMs(attempts: number): number;
}

export type SlotOutcome =
  | { status: 'sent' | 'reconciled'; late: boolean; messageId: string }
  | { status: 'taken' }
  | { status: 'retry'; error: unknown }
  | { status: 'failed' | 'expired'; error: unknown };

/** Messages older than this before the slot cannot belong to it (clock skew margin). */
const RECONCILE_MARGIN_MS = 5 * 60_000;

function lateTitle(briefing: Briefing, channel: DigestChannel): Briefing {
  return { ...briefing, title: `${briefing.title} (delayed; due at ${channel.schedule.time} ${channel.schedule.timezone})` };
}

/**
 * Deliver the slot. `expired`: its grace period is over, so an unfinished row is only reconciled
 * (recorded if the channel has it, else given up), never posted late.
 */
export async function deliverSlot(deps: SlotDeps, channel: DigestChannel, slotAt: Date, options: { late: boolean; expired?: boolean }): Promise<SlotOutcome> {
  const { outbox, clock } = deps;
  const key = digestKey(channel.id, slotAt);
  const log = deps.logger.child({ channel: channel.id, slot: slotAt.toISOString() });
  const now = clock.now();
  const claim = await outbox.claim({ channelId: channel.id, slotAt, key, owner: deps.owner, now, leaseUntil: new Date(now.getTime() + deps.leaseMs), late: options.late });
  if (!claim) return { status: 'taken' };
  const { late, attempts } = claim;
  const lease: OutboxLease = { channelId: channel.id, slotAt, owner: deps.owner };
  const heartbeat = setInterval(() => void outbox.renew(lease, new Date(clock.now().getTime() + deps.leaseMs)).catch(() => undefined), deps.leaseMs / 3);
  heartbeat.unref();
  try {
    let briefing = claim.briefing ? decodeBriefing(claim.briefing) : undefined;
    let found: PostedMessage | undefined;
    if (briefing && attempts > 1) {
      if (channel.adapter.findDigest) {
        found = await channel.adapter.findDigest(channel.target, key, { since: new Date(slotAt.getTime() - RECONCILE_MARGIN_MS), briefing, run: deps.runner(channel, 'read') });
        log.info({ found: !!found, stories: Object.keys(found?.threads ?? {}).length }, 'reconciled an earlier try with the channel');
      } else {
        log.warn({ platform: channel.adapter.platform }, 'an earlier try may have posted this digest, and this platform cannot be read back: posting it again');
      }
    }
    if (options.expired) {
      if (briefing && found) return await finish(briefing, found, 'reconciled');
      await outbox.fail(lease, 'missed: not posted within the grace period', clock.now());
      log.warn('digest not posted within the grace period; given up');
      return { status: 'expired', error: new Error('grace period over') };
    }
    if (!briefing) {
      briefing = await deps.buildDigest(channel);
      if (late) briefing = lateTitle(briefing, channel);
      if (!(await outbox.saveBriefing(lease, encodeBriefing(briefing)))) return { status: 'taken' };
    }
    const whole = found !== undefined && briefing.stories.every((story) => found.threads?.[story.id]);
    const posted = whole && found
      ? found
      : await channel.adapter.post(channel.target, { kind: 'briefing', briefing }, { digestKey: key, run: deps.runner(channel, 'post'), ...(found ? { resume: found } : {}) });
    return await finish(briefing, posted, found ? 'reconciled' : 'sent');
  } catch (error) {
    return await failed(error);
  } finally {
    clearInterval(heartbeat);
  }

  async function finish(briefing: Briefing, posted: PostedMessage, status: 'sent' | 'reconciled'): Promise<SlotOutcome> {
    await deps.recordDigest(channel, briefing, posted);
    await outbox.complete(lease, { messageId: posted.messageId, threads: posted.threads ?? {} }, clock.now());
    log.info({ stories: briefing.stories.length, late, messageId: posted.messageId, status }, late ? 'digest posted late' : 'digest posted');
    return { status, late, messageId: posted.messageId };
  }

  async function failed(error: unknown): Promise<SlotOutcome> {
    const at = clock.now();
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof ChatDeliveryError && (error.kind === 'permanent' || error.kind === 'rejected')) {
      await outbox.fail(lease, reason, at);
      log.error({ err: error, kind: error.kind }, 'digest failed for good');
      return { status: 'failed', error };
    }
    const retryAt = new Date(at.getTime() + deps.retryDelayMs(attempts));
    await outbox.release(lease, { error: reason, retryAt }, at);
    log.warn({ err: error, retryAt: retryAt.toISOString() }, 'digest try failed; will try again');
    return { status: 'retry', error };
  }
}
