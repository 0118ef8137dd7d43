/**
 * Discord REST failures → ChatDeliveryError, so the deliver stage can tell a rate limit, a hiccup
 * (5xx, network, timeout) and a channel Herald can no longer post to apart.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { ChatDeliveryError } from '../../core/errors.ts';

const PLATFORM = 'discord';

/** JSON error codes meaning the channel is gone or Herald may not post there. */
const CHANNEL_UNAVAILABLE = new Map<number, string>([
  [10003, 'Unknown Channel'],
  [10004, 'Unknown Guild'],
  [50001, 'Missing Access'],
  [50013, 'Missing Permissions'],
  [40001, 'Unauthorized'],
]);

export function discordDeliveryError(error: unknown): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new ChatDeliveryError(PLATFORM, 'rate-limited', `${error.global ? 'global' : error.route} rate limit`, { status: 429, retryAfterMs: Math.max(error.retryAfter, 0), cause: error });
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const reason = `${error.message} (${error.code})`;
    if (error.status === 429) return new ChatDeliveryError(PLATFORM, 'rate-limited', reason, { status: 429, cause: error });
    if (error.status >= 500) return new ChatDeliveryError(PLATFORM, 'transient', reason, { status: error.status, cause: error });
    const permanent = CHANNEL_UNAVAILABLE.has(code) || error.status === 401 || error.status === 403;
    return new ChatDeliveryError(PLATFORM, permanent ? 'permanent' : 'rejected', reason, { status: error.status, cause: error });
  }
  if (error instanceof HTTPError) {
    return new ChatDeliveryError(PLATFORM, error.status >= 500 || error.status === 408 ? 'transient' : 'rejected', `HTTP ${error.status}`, { status: error.status, cause: error });
  }
  const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
  return new ChatDeliveryError(PLATFORM, 'transient', cause || 'network error', { cause: error });
}

export async function discordCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw discordDeliveryError(error);
  }
}
