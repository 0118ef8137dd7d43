/**
 * `herald start` end to end, on the real clock: a console channel scheduled for the coming minute
 * gets its digest at that minute, and SIGTERM ends the process cleanly. No feeds, so nothing is
 * fetched; up to a minute and a half of real waiting.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'herald-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Startup (tsx, migrations, adapters) must fit before the slot, so the slot is at least this far off. */
const STARTUP_ALLOWANCE_MS = 25_000;

function comingMinute(now: Date): Date {
  const slot = new Date(Math.ceil((now.getTime() + 1) / 60_000) * 60_000);
  return slot.getTime() - now.getTime() < STARTUP_ALLOWANCE_MS ? new Date(slot.getTime() + 60_000) : slot;
}

describe('herald start', () => {
  it('posts a digest scheduled a minute ahead at that minute, and stops on SIGTERM', { timeout: 150_000 }, async () => {
    const slot = comingMinute(new Date());
    const hhmm = slot.toISOString().slice(11, 16);
    const config = join(dir, 'config.yaml');
    writeFileSync(config, `feeds: []\nchannels:\n  - id: desk\n    platform: console\n    schedule:\n      time: "${hhmm}"\n      timezone: UTC\n`);
    const child = spawn(resolve('node_modules/.bin/tsx'), ['src/cli.ts', 'start', '--config', config], {
      env: { ...process.env, HERALD_DB_PATH: join(dir, 'herald.db'), HERALD_HEALTH_PORT: '0', LOG_LEVEL: 'info', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Digests print on stdout; the JSON log goes to stderr.
    let out = '';
    let log = '';
    child.stdout.on('data', (chunk) => void (out += String(chunk)));
    const posted = new Promise<Record<string, unknown>>((done, fail) => {
      child.stderr.on('data', (chunk) => {
        log += String(chunk);
        const line = log.split('\n').find((l) => l.includes('"msg":"digest posted"'));
        if (line) done(JSON.parse(line) as Record<string, unknown>);
      });
      child.on('exit', (code) => fail(new Error(`herald start exited (${code}) before posting:\n${out}\n${log}`)));
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // stdout and stderr are separate pipes: the log line may arrive before the printed digest.
    const printed = new Promise<void>((done) => {
      const check = (): void => void (out.includes('[desk] Herald briefing') && done());
      child.stdout.on('data', check);
      child.on('exit', () => done());
    });
    try {
      const line = await posted;
      expect(line).toMatchObject({ channel: 'desk', slot: slot.toISOString(), late: false, status: 'sent' });
      expect(Number(line.time)).toBeGreaterThanOrEqual(slot.getTime());
      await printed;
      expect(out).toContain('[desk] Herald briefing');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(log).toMatch(/shutting down/);
  });
});
