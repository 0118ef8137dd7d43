import { describe, expect, it } from 'vitest';
import { ChatDeliveryError } from '../../src/core/errors.ts';
import { backoffMs, createCallRunner, DEFAULT_RETRY_POLICY } from '../../src/deliver/call-runner.ts';
import { RateLimiter } from '../../src/deliver/rate-limiter.ts';
import { clockSleep, FakeClock, recordingLogger } from '../support/deliver-fixtures.ts';

describe('pacing and retries', () => {
  it('spaces calls on one key by the interval, lets a burst through, and keeps keys apart', async () => {
    const clock = new FakeClock('2026-03-30T08:00:00Z');
    const limiter = new RateLimiter(clock, clockSleep(clock));
    const start = clock.now().getTime();
    const at: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await limiter.acquire('slack:C1', { intervalMs: 1_000, burst: 1 });
      at.push(clock.now().getTime() - start);
    }
    expect(at).toEqual([0, 1_000, 2_000, 3_000]);
    const before = clock.now().getTime();
    await limiter.acquire('slack:C2', { intervalMs: 1_000, burst: 1 });
    expect(clock.now().getTime()).toBe(before);
    const burst: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await limiter.acquire('discord', { intervalMs: 20, burst: 3 });
      burst.push(clock.now().getTime() - before);
    }
    expect(burst).toEqual([0, 0, 0, 20]);
  });

  it('counts the interval from the end of the previous call when asked to', async () => {
    const clock = new FakeClock('2026-03-30T08:00:00Z');
    const limiter = new RateLimiter(clock, clockSleep(clock));
    const rate = { intervalMs: 1_000, burst: 1, fromCompletion: true };
    await limiter.acquire('c', rate);
    clock.advance(400); // the call took 400 ms
    limiter.settle('c', rate);
    const sent = clock.now().getTime();
    await limiter.acquire('c', rate);
    expect(clock.now().getTime() - sent).toBe(1_000);
  });

  it('holds every caller on a key until a Retry-After has passed', async () => {
    const clock = new FakeClock('2026-03-30T08:00:00Z');
    const limiter = new RateLimiter(clock, clockSleep(clock));
    limiter.pause('discord', new Date(clock.now().getTime() + 5_000));
    const start = clock.now().getTime();
    await limiter.acquire('discord', { intervalMs: 20, burst: 50 });
    expect(clock.now().getTime() - start).toBe(5_000);
  });

  it('backs off exponentially, half fixed and half random, up to the cap', () => {
    expect(backoffMs(1, DEFAULT_RETRY_POLICY, () => 0)).toBe(500);
    expect(backoffMs(1, DEFAULT_RETRY_POLICY, () => 1)).toBe(1_000);
    expect(backoffMs(4, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(6_000);
    expect(backoffMs(30, DEFAULT_RETRY_POLICY, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('retries 429 and transient errors, and throws permanent ones at once', async () => {
    const clock = new FakeClock('2026-03-30T08:00:00Z');
    const sleep = clockSleep(clock);
    const run = createCallRunner({ limiter: new RateLimiter(clock, sleep), key: 'k', rate: { intervalMs: 0, burst: 1 }, policy: DEFAULT_RETRY_POLICY, clock, sleep, logger: recordingLogger(), random: () => 0 });
    const answers = [new ChatDeliveryError('slack', 'rate-limited', 'ratelimited', { retryAfterMs: 3_000 }), new ChatDeliveryError('slack', 'transient', 'HTTP 502', { status: 502 })];
    let calls = 0;
    expect(await run(async () => {
      calls += 1;
      const next = answers.shift();
      if (next) throw next;
      return 'ok';
    })).toBe('ok');
    expect(calls).toBe(3);
    // Retry-After as given; then the second attempt's backoff (2 s, half of it fixed).
    expect(sleep.slept).toEqual([3_000, 1_000]);
    let permanent = 0;
    await expect(run(async () => {
      permanent += 1;
      throw new ChatDeliveryError('slack', 'permanent', 'channel_not_found');
    })).rejects.toMatchObject({ kind: 'permanent' });
    expect(permanent).toBe(1);
  });
});
