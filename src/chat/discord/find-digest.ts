/**
 * Reads a digest back from a channel by its key: the header (its `ref <key>` line) and the story
 * cards (footer `<key> · n/total`, mapped to story ids through the digest as it was built). A
 * story card's thread has the card's id, so the id found serves as both.
 */
import { Routes, type REST } from 'discord.js';
import type { CallRunner, PostedMessage } from '../../core/ports.ts';
import { waitOutRateLimits } from '../wait-rate-limits.ts';
import type { Briefing } from '../../core/types.ts';
import { discordCall } from './delivery-errors.ts';
import { headerMarker } from './post-reply.ts';

const DISCORD_EPOCH_MS = 1_420_070_400_000n;
/** A digest is looked for among this many pages of messages (100 each) after `since`. */
const PAGES_MAX = 5;
const PAGE_SIZE = 100;

interface Found {
  id?: unknown;
  content?: unknown;
  embeds?: { footer?: { text?: unknown } }[];
}

/** The smallest snowflake of a moment, for `after`. */
export function snowflakeAt(at: Date): string {
  return ((BigInt(Math.max(at.getTime(), Number(DISCORD_EPOCH_MS))) - DISCORD_EPOCH_MS) << 22n).toString();
}

export async function findDiscordDigest(
  rest: REST,
  channelId: string,
  key: string,
  options: { since?: Date; briefing?: Briefing; run?: CallRunner } = {},
): Promise<PostedMessage | undefined> {
  const run = options.run ?? waitOutRateLimits;
  const story = new RegExp(`^${key} · (\\d+)/\\d+$`);
  let after = options.since ? snowflakeAt(options.since) : '0';
  let messageId: string | undefined;
  const threads: Record<string, string> = {};
  for (let page = 0; page < PAGES_MAX; page += 1) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), after });
    const messages = (await run(() => discordCall(() => rest.get(Routes.channelMessages(channelId), { query })))) as Found[];
    for (const message of messages) {
      if (typeof message.id !== 'string') continue;
      if (typeof message.content === 'string' && message.content.endsWith(headerMarker(key))) messageId = message.id;
      const footer = message.embeds?.[0]?.footer?.text;
      const position = typeof footer === 'string' ? story.exec(footer) : null;
      const storyId = position ? options.briefing?.stories[Number(position[1]) - 1]?.id : undefined;
      if (storyId) threads[storyId] = message.id;
    }
    if (messages.length < PAGE_SIZE) break;
    // Pages run forward from `after`: continue after the newest id seen.
    after = messages.map((m) => String(m.id)).reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b));
  }
  return messageId ? { channelId, messageId, threads } : undefined;
}
