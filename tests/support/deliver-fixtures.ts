/**
 * Pieces the deliver tests and the crash child share: a controllable clock, a sleep that moves it,
 * a recording logger, a digest built from stories we wrote, and a scheduler on a SQLite outbox.
 */
import { Writable } from 'node:stream';
import type { ChatAdapter, Clock, Logger, Outbox, PostedMessage, Store } from '../../src/core/ports.ts';
import type { Briefing, Story } from '../../src/core/types.ts';
import { createScheduler, type DigestChannel, type Scheduler, type SchedulerDeps } from '../../src/deliver/scheduler.ts';
import type { Sleep } from '../../src/deliver/rate-limiter.ts';

export class FakeClock implements Clock {
  #ms: number;
  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(at: Date | string): void {
    this.#ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

/** A sleep that moves the fake clock instead of waiting. */
export function clockSleep(clock: FakeClock): Sleep & { slept: number[] } {
  const slept: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    slept.push(ms);
    clock.advance(Math.max(0, ms));
  };
  return Object.assign(sleep, { slept });
}

export interface LogLine {
  level: string;
  msg: string;
  obj: unknown;
}

export function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, msg: msg ?? (typeof obj === 'string' ? obj : ''), obj });
  const logger: Logger & { lines: LogLine[] } = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

/** A writable that keeps what the console adapter prints. */
export function textSink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(sink, { text: () => chunks.join('') });
}

/** Two stories about whatever the channel and time are, so each digest is distinguishable. */
export function digestFor(channelId: string, now: Date, stories = 2): Briefing {
  const list: Story[] = Array.from({ length: stories }, (_, i) => ({
    id: `story-${channelId}-${now.getTime()}-${i}`,
    headline: `Harbour authority approves plan number ${i + 1} for ${channelId}`,
    bullets: [`The authority voted 7 to ${i + 2} in favour.`, 'Work is due to start in the spring.'],
    sources: [{ title: `Plan ${i + 1} approved`, url: `https://news.example/plan-${i + 1}`, feed: 'Example News' }],
    people: [],
    figures: [],
    firstSeen: new Date(now.getTime() - 3_600_000),
  }));
  return { channelId, title: `Briefing for ${channelId}`, createdAt: now, stories: list };
}

export interface DigestRecord {
  channel: string;
  briefing: Briefing;
  posted: PostedMessage;
  at: Date;
}

export interface TestSchedulerOptions extends Omit<Partial<SchedulerDeps>, 'channels'> {
  outbox: Outbox;
  store?: Store;
  clock: FakeClock | Clock;
  channels: DigestChannel[] | (() => Promise<DigestChannel[]>);
  records?: DigestRecord[];
}

/** A scheduler as `herald start` wires it, minus the app: digests from digestFor, threads recorded. */
export function testScheduler(options: TestSchedulerOptions): Scheduler & { records: DigestRecord[] } {
  const records = options.records ?? [];
  const { channels, store, ...rest } = options;
  const scheduler = createScheduler({
    logger: recordingLogger(),
    owner: 'test-instance',
    graceMs: 3 * 3_600_000,
    buildDigest: async (channel) => digestFor(channel.id, options.clock.now()),
    recordDigest: async (channel, briefing, posted) => {
      records.push({ channel: channel.id, briefing, posted, at: options.clock.now() });
      if (store && posted.threads) await store.recordThreads(posted.channelId, posted.threads);
    },
    ...rest,
    channels: typeof channels === 'function' ? channels : async () => channels,
  });
  return Object.assign(scheduler, { records });
}

export function channel(id: string, adapter: ChatAdapter, schedule: DigestChannel['schedule'], target = id): DigestChannel {
  return { id, adapter, target, schedule };
}
