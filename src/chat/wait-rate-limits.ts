/**
 * The runner an adapter uses when its caller brings none (a one-off post, a test): it waits out a
 * rate limit the platform announced and tries again, a few times, and retries nothing else. The
 * deliver stage always brings its own runner, which is the policy digests follow.
 */
import { ChatDeliveryError } from '../core/errors.ts';
import type { CallRunner } from '../core/ports.ts';

const RATE_LIMIT_TRIES = 5;
const DEFAULT_WAIT_MS = 1_000;

export const waitOutRateLimits: CallRunner = async (call) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ChatDeliveryError) || error.kind !== 'rate-limited' || attempt >= RATE_LIMIT_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? DEFAULT_WAIT_MS));
    }
  }
};
