import { describe, expect, it } from 'vitest';
import { MAX_SERVER_DELAY_MS, planNextPoll } from '../../src/ingest/poll-policy.ts';

const now = new Date('2026-12-01T12:00:00Z');
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const base = { now, intervalMs: 10 * MINUTE_MS, maxBackoffMs: 6 * HOUR_MS };
const delayOf = (date: Date): number => date.getTime() - now.getTime();

describe('planNextPoll', () => {
  it('waits one interval after a success, with no randomness', () => {
    expect(delayOf(planNextPoll({ ...base, failures: 0, random: () => 0.99 }))).toBe(10 * MINUTE_MS);
  });

  it('doubles the delay with each failure (top of the jitter range)', () => {
    const delays = [1, 2, 3, 4].map((failures) => delayOf(planNextPoll({ ...base, failures, random: () => 0 })));
    expect(delays).toEqual([20, 40, 80, 160].map((m) => m * MINUTE_MS));
  });

  it('takes up to half off at random, never below the interval', () => {
    const low = delayOf(planNextPoll({ ...base, failures: 3, random: () => 1 }));
    const mid = delayOf(planNextPoll({ ...base, failures: 3, random: () => 0.5 }));
    expect(low).toBe(40 * MINUTE_MS);
    expect(mid).toBe(60 * MINUTE_MS);
    for (let i = 0; i < 50; i++) {
      const delay = delayOf(planNextPoll({ ...base, failures: 1 }));
      expect(delay).toBeGreaterThanOrEqual(10 * MINUTE_MS);
      expect(delay).toBeLessThanOrEqual(20 * MINUTE_MS);
    }
  });

  it('caps the backoff at maxBackoffMs, even after very many failures', () => {
    expect(delayOf(planNextPoll({ ...base, failures: 12, random: () => 0 }))).toBe(6 * HOUR_MS);
    expect(delayOf(planNextPoll({ ...base, failures: 5000, random: () => 0 }))).toBe(6 * HOUR_MS);
  });

  it('never polls sooner than Retry-After', () => {
    const next = planNextPoll({ ...base, failures: 1, retryAfterMs: 3 * HOUR_MS, random: () => 0.7 });
    expect(delayOf(next)).toBe(3 * HOUR_MS);
  });

  it('uses max-age and ttl as floors, and ignores them when shorter than the interval', () => {
    expect(delayOf(planNextPoll({ ...base, failures: 0, maxAgeSeconds: 1800 }))).toBe(30 * MINUTE_MS);
    expect(delayOf(planNextPoll({ ...base, failures: 0, ttlMinutes: 60 }))).toBe(60 * MINUTE_MS);
    expect(delayOf(planNextPoll({ ...base, failures: 0, maxAgeSeconds: 60, ttlMinutes: 1 }))).toBe(10 * MINUTE_MS);
  });

  it('clamps absurd server hints so a feed is never silenced for months', () => {
    const next = planNextPoll({ ...base, failures: 0, maxAgeSeconds: 365 * 24 * 3600 });
    expect(delayOf(next)).toBe(MAX_SERVER_DELAY_MS);
  });

  it('treats negative or non-finite input as absent', () => {
    const next = planNextPoll({ ...base, failures: -3, retryAfterMs: Number.NaN, maxAgeSeconds: -5 });
    expect(delayOf(next)).toBe(10 * MINUTE_MS);
  });
});
