/**
 * The running bot's clock: polls due feeds every minute (a poll never overlaps itself) and posts
 * each channel's digest at its configured time, in its IANA time zone.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { ChatAdapter, Logger, PostedMessage } from '../core/ports.ts';
import type { Briefing } from '../core/types.ts';
import { digestCron } from './digest-cron.ts';

export interface DigestChannel {
  id: string;
  adapter: ChatAdapter;
  /** Platform channel id (or the channel's own id for console). */
  target: string;
  schedule: { time: string; timezone: string; weekdays: readonly string[] };
}

export interface SchedulerDeps {
  logger: Logger;
  /** Poll every feed that is due; resolves when the round is done. */
  pollDue(): Promise<void>;
  /** The digest for a channel at this slot. */
  buildDigest(channelId: string): Promise<Briefing>;
  /** Called after a digest was posted, so the channel is not told the same stories again. */
  digestPosted(channelId: string, briefing: Briefing, posted: PostedMessage): Promise<void>;
  channels: DigestChannel[];
}

export interface Scheduler {
  stop(): Promise<void>;
  /** Resolves when the current poll round and any digest in flight have finished. */
  idle(): Promise<void>;
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const { logger } = deps;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };
  let stopping = false;

  const poll = async (): Promise<void> => {
    if (stopping) return;
    try {
      await track(deps.pollDue());
    } catch (error) {
      logger.error({ err: error }, 'poll round failed');
    }
  };

  const tasks: ScheduledTask[] = [cron.schedule('* * * * *', poll, { name: 'poll-feeds', noOverlap: true })];
  for (const channel of deps.channels) {
    const expression = digestCron(channel.schedule);
    const post = async (): Promise<void> => {
      if (stopping) return;
      const log = logger.child({ channel: channel.id });
      try {
        const briefing = await deps.buildDigest(channel.id);
        const posted = await track(channel.adapter.post(channel.target, { kind: 'briefing', briefing }));
        await deps.digestPosted(channel.id, briefing, posted);
        log.info({ stories: briefing.stories.length }, 'digest posted');
      } catch (error) {
        log.error({ err: error }, 'digest failed');
      }
    };
    tasks.push(cron.schedule(expression, post, { name: `digest-${channel.id}`, timezone: channel.schedule.timezone, noOverlap: true }));
    logger.info({ channel: channel.id, cron: expression, timezone: channel.schedule.timezone }, 'digest scheduled');
  }
  void poll();

  return {
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stopping = true;
      await Promise.all(tasks.map((task) => task.stop()));
      await this.idle();
    },
  };
}
