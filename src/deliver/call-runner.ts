/**
 * The one retry policy for platform calls made while delivering (the adapters' own libraries are
 * told not to retry or wait: see the Slack and Discord adapters). Each call first waits for its
 * turn under the platform's rate limit, then:
 *
 * - 429: waits the Retry-After the platform gave (its whole key waits), then tries again;
 * - 5xx, timeout, network: exponential backoff with equal jitter (half fixed, half random);
 * - permanent (channel gone, bot removed, permission missing) or rejected: thrown at once;
 * - past the deadline, or once shutdown began: the last error is thrown (a call already started, or
 *   waiting for its turn, still goes: shutdown finishes the post in flight).
 */
import { ChatDeliveryError } from '../core/errors.ts';
import type { CallRunner, Clock, Logger } from '../core/ports.ts';
import type { Rate, RateLimiter, Sleep } from './rate-limiter.ts';

export interface RetryPolicy {
  /** Give up on retrying a call after this long from the runner's creation. */
  deadlineMs: number;
  /** First backoff after a 5xx or network error; doubled each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 without Retry-After waits this long. */
  defaultRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { deadlineMs: 10 * 60_000, baseDelayMs: 1_000, maxDelayMs: 60_000, defaultRetryAfterMs: 1_000 };

export interface RunnerOptions {
  limiter: RateLimiter;
  key: string;
  rate: Rate;
  policy: RetryPolicy;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  /** Aborted at shutdown: the post in flight finishes, nothing is retried. */
  signal?: AbortSignal;
  random?: () => number;
  /** Counts what happened, for logs and the fan-out bench. */
  stats?: RunnerStats;
}

export interface RunnerStats {
  calls: number;
  retries: number;
  rateLimited: number;
}

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return full / 2 + (full / 2) * Math.min(Math.max(random(), 0), 1);
}

export function createCallRunner(options: RunnerOptions): CallRunner {
  const { limiter, key, rate, policy, clock, sleep, logger } = options;
  const random = options.random ?? Math.random;
  const deadline = clock.now().getTime() + policy.deadlineMs;
  return async <T>(call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      await limiter.acquire(key, rate);
      if (options.stats) options.stats.calls += 1;
      try {
        const result = await call();
        limiter.settle(key, rate);
        return result;
      } catch (error) {
        limiter.settle(key, rate);
        if (!(error instanceof ChatDeliveryError) || error.kind === 'permanent' || error.kind === 'rejected') throw error;
        const now = clock.now().getTime();
        const waitMs = error.kind === 'rate-limited' ? (error.retryAfterMs ?? policy.defaultRetryAfterMs) : backoffMs(attempt, policy, random);
        if (error.kind === 'rate-limited') {
          limiter.pause(key, new Date(now + waitMs));
          if (options.stats) options.stats.rateLimited += 1;
        }
        if (now + waitMs > deadline || options.signal?.aborted) throw error;
        if (options.stats) options.stats.retries += 1;
        logger.warn({ platform: error.platform, reason: error.reason, attempt, waitMs: Math.round(waitMs) }, `${error.kind} answer; retrying`);
        await sleep(waitMs, options.signal);
        if (options.signal?.aborted) throw error;
      }
    }
  };
}
