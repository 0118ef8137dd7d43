/**
 * A rate limiter per key (a Slack channel, Discord as a whole), as a generic cell rate algorithm:
 * each key has a theoretical arrival time, each call reserves the next free moment in call order and
 * waits for it. A 429's Retry-After pushes the key's next moment back, so every caller on that key
 * waits, not just the one that was refused.
 */
import type { Clock } from '../core/ports.ts';

/** Waits `ms`; resolves early when `signal` aborts. Injectable so tests can move a fake clock. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export interface Rate {
  /** At most one call per this many milliseconds, sustained. */
  intervalMs: number;
  /** Calls allowed back to back before the interval applies (1: none). */
  burst: number;
  /**
   * Count the interval from the end of the previous call rather than its start. For a budget used
   * one call at a time (a Slack channel): the platform then sees at least the interval between two
   * calls however late the first one reached it.
   */
  fromCompletion?: boolean;
}

/** Keys idle this long are forgotten (their next moment is long past). */
const FORGET_AFTER_MS = 60_000;

export class RateLimiter {
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #next = new Map<string, number>();
  readonly #pausedUntil = new Map<string, number>();
  #lastSweep = 0;

  constructor(clock: Clock, sleep: Sleep = realSleep) {
    this.#clock = clock;
    this.#sleep = sleep;
  }

  /** Resolves when a call on `key` may go. */
  async acquire(key: string, rate: Rate): Promise<void> {
    if (rate.intervalMs <= 0) return;
    const now = this.#clock.now().getTime();
    this.#sweep(now);
    const tolerance = Math.max(0, rate.burst - 1) * rate.intervalMs;
    const paused = this.#pausedUntil.get(key) ?? 0;
    const base = Math.max(this.#next.get(key) ?? now, now, paused);
    const start = Math.max(now, base - tolerance, paused);
    this.#next.set(key, base + rate.intervalMs);
    if (start > now) await this.#sleep(start - now);
  }

  /** A call on `key` ended: with `fromCompletion`, the next one waits a full interval from now. */
  settle(key: string, rate: Rate): void {
    if (!rate.fromCompletion || rate.intervalMs <= 0) return;
    const now = this.#clock.now().getTime();
    this.#next.set(key, Math.max(this.#next.get(key) ?? 0, now + rate.intervalMs));
  }

  /** Nothing goes on `key` before `until` (a 429's Retry-After). */
  pause(key: string, until: Date): void {
    this.#pausedUntil.set(key, Math.max(this.#pausedUntil.get(key) ?? 0, until.getTime()));
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < FORGET_AFTER_MS) return;
    this.#lastSweep = now;
    for (const [key, next] of this.#next) if (next < now - FORGET_AFTER_MS) this.#next.delete(key);
    for (const [key, until] of this.#pausedUntil) if (until < now) this.#pausedUntil.delete(key);
  }
}
