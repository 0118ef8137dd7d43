/**
 * The platforms' posting limits, applied before every call so that a large fan-out never trips them.
 *
 * - Slack: chat.postMessage allows about one message a second per channel (short bursts tolerated);
 *   https://api.slack.com/methods/chat.postMessage#rate_limiting. A channel's messages go one at a
 *   time, a second apart counted from the end of the previous one, so a slow first request cannot
 *   bring two arrivals closer than a second. Reads (conversations.history, Tier 3) about 50 a minute.
 * - Discord: 50 requests a second for the whole bot; https://discord.com/developers/docs/topics/rate-limits.
 *   Paced at 21 ms (47.6/s, no burst) rather than 20 ms: requests leave a few ms after their turn
 *   and reach Discord with some jitter, and the 5 % headroom absorbs it.
 * - Webhooks: Slack's incoming webhooks, one a second; Discord's, 5 per 2 s per webhook.
 */
import type { Rate } from './rate-limiter.ts';

export interface PlatformLimit {
  /** Which calls share a budget: per channel, or the whole platform. */
  key(channelId: string): string;
  post: Rate;
  read: Rate;
}

const NO_LIMIT: Rate = { intervalMs: 0, burst: 1 };

export const PLATFORM_LIMITS: Record<string, PlatformLimit> = {
  slack: { key: (channel) => `slack:${channel}`, post: { intervalMs: 1_000, burst: 1, fromCompletion: true }, read: { intervalMs: 1_200, burst: 3 } },
  discord: { key: () => 'discord', post: { intervalMs: 21, burst: 1 }, read: { intervalMs: 21, burst: 1 } },
  'slack-webhook': { key: (channel) => `slack-webhook:${channel}`, post: { intervalMs: 1_000, burst: 1, fromCompletion: true }, read: NO_LIMIT },
  'discord-webhook': { key: (channel) => `discord-webhook:${channel}`, post: { intervalMs: 400, burst: 1, fromCompletion: true }, read: NO_LIMIT },
};

const UNLIMITED: PlatformLimit = { key: (channel) => channel, post: NO_LIMIT, read: NO_LIMIT };

export function platformLimit(platform: string): PlatformLimit {
  return PLATFORM_LIMITS[platform] ?? UNLIMITED;
}
