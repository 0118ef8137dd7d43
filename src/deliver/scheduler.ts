/**
 * The running bot's clock. Every minute (node-cron in production; `tick()` directly in tests, with
 * a controllable Clock) it:
 *
 * - starts the digests that are due (digest-ticker.ts: slots computed from the Clock in each
 *   channel's zone, catch-up within the grace period, the outbox for exactly once);
 * - polls the feeds whose time has come, spread out (poll-spread.ts); a round never overlaps the last;
 * - reports feeds that have failed for a day (feed-health.ts).
 *
 * Every platform call made while delivering goes through one rate limiter and one retry policy
 * (call-runner.ts). `stop()` (SIGTERM, SIGINT) stops the ticks and the polling, lets the post in
 * flight finish without further retries, and resolves when nothing is running.
 */
import { setMaxListeners } from 'node:events';
import cron, { type ScheduledTask } from 'node-cron';
import type { CallRunner, ChatAdapter, Clock, FetchState, Logger, Outbox, PostedMessage } from '../core/ports.ts';
import type { Briefing, FeedSource } from '../core/types.ts';
import { createCallRunner, DEFAULT_RETRY_POLICY, type RetryPolicy, type RunnerStats } from './call-runner.ts';
import type { DigestChannel, SlotOutcome } from './deliver-slot.ts';
import { createDigestTicker, type DigestTicker } from './digest-ticker.ts';
import { reportFailingFeeds } from './feed-health.ts';
import { platformLimit } from './platform-limits.ts';
import { pollBudget, type PollBudget } from './poll-spread.ts';
import { RateLimiter, realSleep, type Sleep } from './rate-limiter.ts';

export type { DigestChannel } from './deliver-slot.ts';

/** Once a minute, at second 0: digest times are minutes. */
export const TICK_CRON = '* * * * *';
export const TICK_MS = 60_000;
/** A slot's lease; renewed while its digest is being posted, so only a dead holder loses it. */
export const DIGEST_LEASE_MS = 2 * 60_000;
/** Feed health is checked this often (it reads every feed's state). */
export const FEED_HEALTH_EVERY_MS = 15 * 60_000;
/** A slot whose try failed is tried again after 1, 2, 4 ... minutes, at most this long. */
const SLOT_RETRY_MAX_MS = 30 * 60_000;

export interface SchedulerDeps {
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  /** This instance, as outbox lease owner (host and pid). */
  owner: string;
  /** Digest slots missed by less than this are sent late after downtime; older ones are skipped. */
  graceMs: number;
  retry?: RetryPolicy;
  /** Channels with a schedule (config and /schedule), re-read every tick. */
  channels(): Promise<DigestChannel[]>;
  buildDigest(channel: DigestChannel): Promise<Briefing>;
  /** Remember what the channel was told, and the story threads. Idempotent. */
  recordDigest(channel: DigestChannel, briefing: Briefing, posted: PostedMessage): Promise<void>;
  polls?: {
    budget: PollBudget;
    feedCount(): Promise<number>;
    /** Poll at most `limit` due feeds, most overdue first; resolves when they are done. */
    pollDue(limit: number): Promise<void>;
  };
  feedHealth?: {
    failingMs: number;
    failingFeeds(before: Date): Promise<{ feed: FeedSource; state: FetchState }[]>;
    channelFeeds(channel: DigestChannel): Promise<string[]>;
    /**
     * Instances sharing a database: true for the one instance that checks in this window (a job
     * claim). Notices are taken once each anyway; this keeps the others from doing the work.
     */
    claim?(key: string, ttlMs: number): Promise<boolean>;
  };
  /** Where admins are told about a channel that stopped (besides the log). */
  adminChannel?: { adapter: ChatAdapter; target: string };
  /** Told of every slot delivered, given up or failed (metrics). */
  onDigest?(channel: DigestChannel, outcome: SlotOutcome): void;
  sleep?: Sleep;
  random?: () => number;
}

export interface Scheduler {
  /** One tick at the clock's now; resolves when everything it started has ended. */
  tick(): Promise<void>;
  /** Tick now and then every minute until stop(). */
  start(): void;
  stop(): Promise<void>;
  /** Resolves when no tick, post or poll is running. */
  idle(): Promise<void>;
  readonly stats: RunnerStats;
  readonly stopped: DigestTicker['stopped'];
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { clock, logger } = deps;
  const sleep = deps.sleep ?? realSleep;
  const limiter = new RateLimiter(clock, sleep);
  const shutdown = new AbortController();
  // Every retry waiting at shutdown listens on this signal.
  setMaxListeners(0, shutdown.signal);
  const stats: RunnerStats = { calls: 0, retries: 0, rateLimited: 0 };
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>): void => {
    const running = work.catch((error: unknown) => logger.error({ err: error }, 'scheduled work failed'));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  };
  let polling = false;
  let healthCheckedAt = Number.NEGATIVE_INFINITY;
  let task: ScheduledTask | undefined;

  const runner = (channel: { adapter: ChatAdapter; target: string }, purpose: 'post' | 'read'): CallRunner => {
    const limit = platformLimit(channel.adapter.platform);
    return createCallRunner({
      limiter, key: limit.key(channel.target), rate: limit[purpose], policy: deps.retry ?? DEFAULT_RETRY_POLICY,
      clock, sleep, logger: logger.child({ platform: channel.adapter.platform, target: channel.target }), signal: shutdown.signal, stats,
      ...(deps.random ? { random: deps.random } : {}),
    });
  };

  async function notifyAdmins(text: string, context: Record<string, unknown>): Promise<void> {
    logger.error(context, text);
    if (!deps.adminChannel) return;
    try {
      await deps.adminChannel.adapter.post(deps.adminChannel.target, { kind: 'text', text }, { run: runner(deps.adminChannel, 'post') });
    } catch (error) {
      logger.error({ err: error }, 'could not tell the admin channel');
    }
  }

  const digests = createDigestTicker({
    outbox: deps.outbox, clock, logger, graceMs: deps.graceMs, channels: deps.channels, notifyAdmins, signal: shutdown.signal,
    ...(deps.onDigest ? { onDigest: deps.onDigest } : {}),
    slot: {
      outbox: deps.outbox, clock, logger, owner: deps.owner, leaseMs: DIGEST_LEASE_MS,
      buildDigest: deps.buildDigest, recordDigest: deps.recordDigest, runner,
      retryDelayMs: (attempts) => Math.min(SLOT_RETRY_MAX_MS, TICK_MS * 2 ** Math.max(0, attempts - 1)),
    },
  });

  async function pollRound(): Promise<void> {
    const polls = deps.polls;
    if (!polls || polling || shutdown.signal.aborted) return;
    polling = true;
    try {
      await polls.pollDue(pollBudget(await polls.feedCount(), polls.budget));
      if (deps.feedHealth && !shutdown.signal.aborted && clock.now().getTime() - healthCheckedAt >= FEED_HEALTH_EVERY_MS) {
        healthCheckedAt = clock.now().getTime();
        const { failingMs, failingFeeds, channelFeeds, claim } = deps.feedHealth;
        const window = Math.floor(healthCheckedAt / FEED_HEALTH_EVERY_MS);
        if (!claim || (await claim(`feed-health:${window}`, FEED_HEALTH_EVERY_MS))) {
          await reportFailingFeeds({ outbox: deps.outbox, clock, logger, failingMs, failingFeeds, channels: deps.channels, channelFeeds, runner: (channel) => runner(channel, 'post') });
        }
      }
    } catch (error) {
      // A failed round (database down, say) is logged; the next tick tries again, digests go on.
      logger.error({ err: error }, 'poll round failed');
    } finally {
      polling = false;
    }
  }

  const scheduler: Scheduler = {
    stats,
    stopped: digests.stopped,
    async tick() {
      if (shutdown.signal.aborted) return;
      await Promise.all([digests.tick(), pollRound()]);
    },
    start() {
      track(scheduler.tick());
      task = cron.schedule(TICK_CRON, () => track(scheduler.tick()), { name: 'herald-tick' });
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      shutdown.abort();
      await task?.stop();
      await scheduler.idle();
    },
  };
  return scheduler;
}
