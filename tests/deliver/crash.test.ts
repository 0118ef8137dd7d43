/**
 * Kill the delivering process (SIGKILL) between posting a digest and recording it, or half way
 * through posting it, then start again: the stand-in ends up with exactly one copy of the digest.
 * The child is a real process (tsx tests/support/deliver-child.ts) talking to stand-ins run here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestKey } from '../../src/deliver/digest-slots.ts';
import { SqliteOutbox } from '../../src/store/sqlite/outbox.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../support/discord-server.ts';
import { startSlackStandIn, type SlackStandIn } from '../support/slack-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const SLOT = new Date('2026-03-30T08:00:00Z');
const AFTER_LEASE = new Date(SLOT.getTime() + 3 * 60_000);
const TSX = resolve('node_modules/.bin/tsx');
const CHILD = resolve('tests/support/deliver-child.ts');
type Json = Record<string, unknown>;

interface Run {
  child: ChildProcess;
  /** Resolves with the first line starting with one of `words`. */
  line(words: string[]): Promise<string>;
  exit: Promise<number | null>;
}

function runChild(options: Json): Run {
  const child = spawn(TSX, [CHILD, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (chunk) => {
    out += String(chunk);
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (chunk) => void (err += String(chunk)));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    exit,
    line: (words) =>
      new Promise<string>((done, fail) => {
        const check = (): void => {
          const found = out.split('\n').find((l) => words.some((w) => l.startsWith(w)));
          if (found) done(found);
        };
        waiters.push(check);
        check();
        void exit.then((code) => setTimeout(() => fail(new Error(`child exited (${code}) before ${words.join('/')}:\n${out}\n${err}`)), 50));
      }),
  };
}

async function kill(run: Run): Promise<void> {
  run.child.kill('SIGKILL');
  await run.exit;
}

describe('a crash between posting and recording', { timeout: 120_000 }, () => {
  let db: string;
  let slack: SlackStandIn;
  let discord: DiscordStandIn;

  beforeEach(async () => {
    db = join(dir, `c${n++}.db`);
    slack = await startSlackStandIn({ clock: () => SLOT });
    discord = await startDiscordStandIn({ channels: ['C1'], clock: () => SLOT });
  });
  afterEach(async () => {
    await slack.close();
    await discord.close();
  });

  /** The slot's outbox row, and the story each recorded thread leads to in `target`. */
  async function outboxEntry(target: string) {
    const store = new SqliteStore(db);
    try {
      const entry = await new SqliteOutbox(store.db).get('news', SLOT);
      return { entry, threads: await Promise.all(Object.values(entry?.threads ?? {}).map((t) => store.storyForThread(target, t))) };
    } finally {
      await store.close();
    }
  }

  const slackOf = (event: string) => slack.messagesIn('C0NEWS').filter((m) => (m.metadata as Json | undefined)?.event_type === event);

  it('Slack: restarted after SIGKILL, it finds the digest in the channel and records it without posting again', async () => {
    const base = { db, platform: 'slack', apiUrl: slack.apiUrl, target: 'C0NEWS' };
    const first = runChild({ ...base, now: SLOT.toISOString(), hang: 'before-record' });
    await first.line(['POSTED']);
    await kill(first);
    expect(slackOf('herald_digest')).toHaveLength(1);
    expect((await outboxEntry('C0NEWS')).entry?.status).toBe('posting');

    const second = runChild({ ...base, now: AFTER_LEASE.toISOString() });
    await second.line(['DONE']);
    expect(await second.exit).toBe(0);
    const headers = slackOf('herald_digest');
    expect(headers).toHaveLength(1);
    expect(slackOf('herald_story')).toHaveLength(3);
    const { entry, threads } = await outboxEntry('C0NEWS');
    expect(entry).toMatchObject({ status: 'sent', attempts: 2, messageId: headers[0]!.ts });
    expect(threads.filter(Boolean)).toHaveLength(3);
    expect((headers[0]!.metadata as { event_payload: Json }).event_payload.digest_key).toBe(digestKey('news', SLOT));
  });

  it('Slack: killed half way through a digest, the restart posts only the rest', async () => {
    const base = { db, platform: 'slack', apiUrl: slack.apiUrl, target: 'C0NEWS' };
    // Calls: header, story 1, its details, story 2 ...: stop after story 1's details.
    const first = runChild({ ...base, now: SLOT.toISOString(), hang: { afterCalls: 3 } });
    await first.line(['PARTIAL']);
    await kill(first);
    expect(slackOf('herald_story')).toHaveLength(1);

    const second = runChild({ ...base, now: AFTER_LEASE.toISOString() });
    await second.line(['DONE']);
    expect(slackOf('herald_digest')).toHaveLength(1);
    const stories = slackOf('herald_story').map((m) => (m.metadata as { event_payload: Json }).event_payload.story_id);
    expect(stories).toHaveLength(3);
    expect(new Set(stories).size).toBe(3);
    expect((await outboxEntry('C0NEWS')).entry).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('Discord: restarted after SIGKILL, it finds the digest by its key and records it without posting again', async () => {
    const base = { db, platform: 'discord', apiUrl: discord.apiUrl, target: 'C1' };
    const first = runChild({ ...base, now: SLOT.toISOString(), hang: 'before-record' });
    await first.line(['POSTED']);
    await kill(first);
    const key = digestKey('news', SLOT);
    const headers = () => discord.messagesIn('C1').filter((m) => String(m.content).endsWith(`ref ${key}`));
    expect(headers()).toHaveLength(1);

    const second = runChild({ ...base, now: AFTER_LEASE.toISOString() });
    await second.line(['DONE']);
    expect(headers()).toHaveLength(1);
    expect(discord.messagesIn('C1')).toHaveLength(4);
    const { entry, threads } = await outboxEntry('C1');
    expect(entry).toMatchObject({ status: 'sent', attempts: 2, messageId: headers()[0]!.id });
    expect(threads.filter(Boolean)).toHaveLength(3);
  });
});
