/**
 * Fetches and parses a feed once, before it is saved (/subscribe): the same safe client and the
 * same parser as polling, so a URL that would fail later fails now, with its reason.
 */
import type { Fetcher } from '../core/ports.ts';
import type { ParsedFeed } from '../core/types.ts';
import { parseFeed } from './parse-feed.ts';

export async function probeFeed(url: string, fetcher: Fetcher): Promise<ParsedFeed & { finalUrl: string }> {
  const result = await fetcher.fetch({ url });
  const parsed = await parseFeed(result.body, { source: url, baseUrl: result.url, ...(result.contentType ? { contentType: result.contentType } : {}) });
  return { ...parsed, finalUrl: result.url };
}
