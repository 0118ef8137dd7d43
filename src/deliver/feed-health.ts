/**
 * Feed health: a feed that has kept failing for `failingMs` (24 h by default) is reported once per
 * run of failures, with the reason, in each digest channel that gets it. The feed is not removed:
 * ingest keeps retrying it with backoff, and /feeds shows how it stands. The notice key carries the
 * start of the run of failures, so a feed that recovers and breaks again is reported again.
 */
import type { CallRunner, Clock, FetchState, Logger, Outbox } from '../core/ports.ts';
import type { FeedSource } from '../core/types.ts';
import type { DigestChannel } from './deliver-slot.ts';

export interface FeedHealthDeps {
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  failingMs: number;
  /** The feeds whose current run of failures began at `before` or earlier, with their state. */
  failingFeeds(before: Date): Promise<{ feed: FeedSource; state: FetchState }[]>;
  channels(): Promise<DigestChannel[]>;
  /** Feed ids a channel gets (config feeds and its subscriptions). */
  channelFeeds(channel: DigestChannel): Promise<string[]>;
  runner(channel: DigestChannel): CallRunner;
}

function hours(ms: number): number {
  return Math.round(ms / 3_600_000);
}

function failingText(feed: FeedSource, state: FetchState, since: Date, now: Date): string {
  const next = state.nextPollAt ? ` Next try ${state.nextPollAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : '';
  return (
    `Feed "${feed.title ?? feed.url}" has failed for ${hours(now.getTime() - since.getTime())} h (${state.failures} tries in a row): ${state.lastError ?? 'unknown error'}.` +
    ` Herald keeps retrying it with backoff and will not drop it; /feeds shows its state, /unsubscribe removes it.${next}`
  );
}

/** Report feeds failing past the threshold; returns how many notices went out. */
export async function reportFailingFeeds(deps: FeedHealthDeps): Promise<number> {
  const now = deps.clock.now();
  const failing: { feed: FeedSource; state: FetchState; since: Date }[] = [];
  for (const { feed, state } of await deps.failingFeeds(new Date(now.getTime() - deps.failingMs))) {
    const since = state.failingSince;
    if (since && now.getTime() - since.getTime() >= deps.failingMs) failing.push({ feed, state, since });
  }
  if (failing.length === 0) return 0;
  let sent = 0;
  const channels = await deps.channels();
  for (const { feed, state, since } of failing) {
    if (!(await deps.outbox.claimNotice(`feed-failing:${feed.id}:${since.getTime()}`, now))) continue;
    const text = failingText(feed, state, since, now);
    deps.logger.warn({ feed: feed.id, failingSince: since.toISOString(), failures: state.failures, reason: state.lastError }, 'feed failing past the threshold; telling its channels');
    for (const channel of channels) {
      if (!(await deps.channelFeeds(channel)).includes(feed.id)) continue;
      try {
        await channel.adapter.post(channel.target, { kind: 'text', text }, { run: deps.runner(channel) });
        sent += 1;
      } catch (error) {
        deps.logger.warn({ err: error, channel: channel.id, feed: feed.id }, 'could not report a failing feed in a channel');
      }
    }
  }
  return sent;
}
