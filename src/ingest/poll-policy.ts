/**
 * When to poll a feed next. Pure: the caller passes the clock and, for tests, the random source.
 */

/** Server hints (Retry-After, max-age, ttl) above this are clamped, so a typo like max-age=31536000 cannot silence a feed. */
export const MAX_SERVER_DELAY_MS = 24 * 60 * 60 * 1000;

/** After a failure the delay is drawn from [base * (1 - JITTER_RATIO), base], spreading retries apart. */
export const BACKOFF_JITTER_RATIO = 0.5;

/** Exponent cap: 2^30 times any sane interval is already past every maxBackoffMs. */
const MAX_BACKOFF_EXPONENT = 30;

export interface PollPlanInput {
  now: Date;
  /** The configured polling interval. */
  intervalMs: number;
  /** Consecutive failures so far (0 after a success). */
  failures: number;
  /** From a 429/503 Retry-After. */
  retryAfterMs?: number;
  /** Cache-Control max-age of the last response. */
  maxAgeSeconds?: number;
  /** RSS `<ttl>` of the last document. */
  ttlMinutes?: number;
  /** Upper bound of the failure backoff. */
  maxBackoffMs: number;
  /** Longest delay a server hint may impose; defaults to MAX_SERVER_DELAY_MS. */
  maxServerDelayMs?: number;
  /** Returns a number in [0, 1); defaults to Math.random. */
  random?: () => number;
}

/**
 * The time of the next poll.
 *
 * - No failures: `now + intervalMs`.
 * - After `n` failures: exponential backoff `intervalMs * 2^n`, capped at `maxBackoffMs` (never below
 *   `intervalMs`), with up to {@link BACKOFF_JITTER_RATIO} of it taken off at random.
 * - Retry-After, max-age and ttl are floors: Herald never polls sooner than the server asked
 *   (each clamped to `maxServerDelayMs`).
 */
export function planNextPoll(input: PollPlanInput): Date {
  const interval = nonNegative(input.intervalMs);
  const failures = Math.min(Math.floor(nonNegative(input.failures)), MAX_BACKOFF_EXPONENT);
  let delay = interval;
  if (failures > 0) {
    const base = Math.max(interval, Math.min(interval * 2 ** failures, nonNegative(input.maxBackoffMs)));
    const random = clampUnit((input.random ?? Math.random)());
    delay = Math.max(interval, base * (1 - BACKOFF_JITTER_RATIO * random));
  }
  const serverCap = input.maxServerDelayMs ?? MAX_SERVER_DELAY_MS;
  const floors = [
    input.retryAfterMs,
    input.maxAgeSeconds === undefined ? undefined : input.maxAgeSeconds * 1000,
    input.ttlMinutes === undefined ? undefined : input.ttlMinutes * 60_000,
  ];
  for (const floor of floors) {
    if (floor !== undefined && Number.isFinite(floor) && floor > 0) delay = Math.max(delay, Math.min(floor, serverCap));
  }
  return new Date(input.now.getTime() + Math.round(delay));
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}
