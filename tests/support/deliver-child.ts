/**
 * A Herald delivery in a process of its own, for the crash tests: one scheduler tick, on a SQLite
 * outbox, through the real Slack or Discord adapter to a stand-in the parent runs. It can stop
 * dead where the parent wants to kill it:
 *
 * - `hang: "before-record"`: after the digest is posted, before anything is recorded;
 * - `hang: { afterCalls: n }`: after the n-th platform call of the digest (mid-digest).
 *
 * It prints POSTED / PARTIAL when it stops there, DONE when the tick ended.
 *
 *   tsx tests/support/deliver-child.ts '{"db":"/tmp/x.db","platform":"slack","apiUrl":"http://127.0.0.1:1/api/","target":"C0NEWS","now":"2026-03-30T08:00:00Z"}'
 */
import { commands } from '../../commands/index.ts';
import { createDiscordAdapter } from '../../src/chat/discord/adapter.ts';
import { createSlackAdapter } from '../../src/chat/slack/adapter.ts';
import type { ChatAdapter, PostOptions } from '../../src/core/ports.ts';
import type { Reply } from '../../src/core/types.ts';
import { SqliteOutbox } from '../../src/store/sqlite/outbox.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { channel, clockSleep, digestFor, FakeClock, recordingLogger, testScheduler } from './deliver-fixtures.ts';
import { APPLICATION_ID, BOT_TOKEN } from './discord-server.ts';
import { fixtureServices } from './services-fixture.ts';

interface ChildOptions {
  db: string;
  platform: 'slack' | 'discord';
  apiUrl: string;
  target: string;
  now: string;
  hang?: 'before-record' | { afterCalls: number };
}

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
const never = new Promise<never>(() => undefined);
const say = (word: string): void => void process.stdout.write(`${word}\n`);

const clock = new FakeClock(options.now);
const logger = recordingLogger();
const real: ChatAdapter =
  options.platform === 'slack'
    ? createSlackAdapter({ botToken: 'xoxb-test', appToken: 'xapp-test', commands, services: fixtureServices(), logger, slackApiUrl: options.apiUrl, clock })
    : createDiscordAdapter({ token: BOT_TOKEN, applicationId: APPLICATION_ID, commands, services: fixtureServices(), logger, restApi: options.apiUrl });

// Our own port, wrapped: counts the platform calls of a digest so the process can stop mid-way.
let calls = 0;
const hang = options.hang;
const adapter: ChatAdapter = {
  platform: real.platform,
  start: () => real.start(),
  stop: () => real.stop(),
  findDigest: real.findDigest ? (id, key, find) => real.findDigest!(id, key, find) : undefined,
  post: (id: string, reply: Reply, post: PostOptions = {}) => {
    const run = post.run ?? ((call) => call());
    return real.post(id, reply, {
      ...post,
      run: async (call) => {
        const result = await run(call);
        calls += 1;
        if (typeof hang === 'object' && calls === hang.afterCalls) {
          say('PARTIAL');
          await never;
        }
        return result;
      },
    });
  },
};

const store = new SqliteStore(options.db);
await store.migrate();
const scheduler = testScheduler({
  outbox: new SqliteOutbox(store.db),
  store,
  clock,
  logger,
  sleep: clockSleep(clock),
  owner: `child-${process.pid}`,
  channels: [channel('news', adapter, { time: '08:00', timezone: 'UTC', weekdays: [] }, options.target)],
  buildDigest: async () => digestFor('news', new Date('2026-03-30T07:59:00Z'), 3),
  recordDigest: async (_channel, _briefing, posted) => {
    if (hang === 'before-record') {
      say('POSTED');
      await never;
    }
    if (posted.threads) await store.recordThreads(posted.channelId, posted.threads);
  },
});
await scheduler.tick();
await store.close();
say(`DONE ${JSON.stringify(logger.lines.filter((l) => l.level !== 'debug').map((l) => l.msg))}`);
process.exit(0);
