/**
 * Wires the deliver stage for `herald start`: the scheduler gets the app's outbox, the channels
 * (config and /schedule), digests, spread feed polling and feed health. Wiring only; the rules live
 * in src/deliver/.
 */
import { feedSource, type App } from '../app.ts';
import type { ChatAdapter, Logger } from '../core/ports.ts';
import { DEFAULT_RETRY_POLICY } from '../deliver/call-runner.ts';
import { createChannelResolver } from '../deliver/digest-channels.ts';
import { createScheduler, TICK_MS, type DigestChannel, type Scheduler } from '../deliver/scheduler.ts';
import { metrics } from '../ops/metrics.ts';

const HOUR_MS = 3_600_000;

export interface DeliverWiring {
  app: App;
  adapters: ReadonlyMap<string, ChatAdapter>;
  logger: Logger;
  /** One poll round of at most `limit` feeds, with what follows it (logging, indexing). */
  pollDue(limit: number): Promise<void>;
}

export function deliveryScheduler({ app, adapters, logger, pollDue }: DeliverWiring): Scheduler {
  const { config } = app;
  const outbox = app.outbox;
  if (!outbox) throw new Error(`the ${app.engine} storage has no digest outbox; herald start needs one to post each digest exactly once`);
  const resolve = createChannelResolver(config.channels, adapters, logger);
  const channels = async (): Promise<DigestChannel[]> => resolve(await outbox.scheduledChannels());
  const configFeedIds = config.feeds.map((entry) => feedSource(entry).id);
  const admin = config.deliver.adminChannel ? adminChannel(config.deliver.adminChannel, config.channels, adapters) : undefined;
  if (config.deliver.adminChannel && !admin) logger.warn({ adminChannel: config.deliver.adminChannel }, 'deliver.adminChannel names no configured channel; admins are told in the log only');

  return createScheduler({
    clock: app.clock,
    logger,
    outbox,
    owner: app.instanceId,
    graceMs: config.deliver.graceHours * HOUR_MS,
    retry: { ...DEFAULT_RETRY_POLICY, deadlineMs: config.deliver.retryDeadlineMinutes * 60_000 },
    channels,
    // A chat channel is known by its platform id to /schedule, /subscribe and /brief: digests use it too.
    buildDigest: (channel) => app.services.briefing(channel.target, {}),
    recordDigest: async (channel, briefing, posted) => {
      await app.markSent(channel.target, briefing);
      if (posted.threads && Object.keys(posted.threads).length) await app.services.recordThreads(posted.channelId, posted.threads);
    },
    polls: {
      budget: { intervalMs: config.poll.intervalMinutes * 60_000, tickMs: TICK_MS, minPerTick: config.poll.concurrency },
      feedCount: async () => (await app.feeds()).length,
      pollDue,
    },
    feedHealth: {
      failingMs: config.deliver.feedFailingHours * HOUR_MS,
      failingFeeds: async (before) => {
        const states = await app.store.listFailingSince(before);
        if (!states.length) return [];
        const feeds = new Map((await app.feeds()).map((feed) => [feed.id, feed]));
        return states.flatMap((state) => {
          const feed = feeds.get(state.feedId);
          return feed ? [{ feed, state }] : [];
        });
      },
      channelFeeds: async (channel) => [...configFeedIds, ...(await app.store.channelFeeds(channel.target))],
      claim: (key, ttlMs) => app.claimJob(key, ttlMs),
    },
    ...(admin ? { adminChannel: admin } : {}),
    onDigest: (channel, outcome) => {
      const labels = { platform: channel.adapter.platform };
      if (outcome.status === 'sent' || outcome.status === 'reconciled') {
        metrics.digestsDelivered.inc(labels);
        if (outcome.late) metrics.digestsLate.inc(labels);
      } else if (outcome.status === 'failed' || outcome.status === 'expired') {
        metrics.digestsFailed.inc(labels);
      }
    },
  });
}

/** The configured channel admins are told in (it needs no schedule of its own). */
function adminChannel(id: string, configured: App['config']['channels'], adapters: ReadonlyMap<string, ChatAdapter>): { adapter: ChatAdapter; target: string } | undefined {
  const channel = configured.find((c) => c.id === id);
  if (!channel) return undefined;
  const adapter = adapters.get(channel.platform.endsWith('-webhook') ? `webhook:${channel.id}` : channel.platform) ?? adapters.get('console');
  if (!adapter) return undefined;
  return { adapter, target: adapter.platform === 'slack' || adapter.platform === 'discord' ? (channel.target ?? channel.id) : channel.id };
}
