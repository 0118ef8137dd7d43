/**
 * Bytes (or text) of a feed document → normalised FeedItems. Sniffs the format (JSON Feed,
 * RSS/Atom/RDF, an HTML page or JSON error body that is not a feed), decodes the charset,
 * parses, normalises every item and collapses repeats inside the document (first wins).
 * Does no I/O. Rejects only with FeedParseError, whose message names the source.
 */
import { FeedParseError } from '../core/errors.ts';
import type { FeedItem, ParsedFeed } from '../core/types.ts';
import { urlKeyOfCanonical } from './canonical-url.ts';
import { decodeDocument } from './charset.ts';
import { normaliseItem, type RawFeed } from './normalise-item.ts';
import { parseJsonFeed } from './parse-json-feed.ts';
import { parseXmlFeed } from './parse-xml-feed.ts';

/** Larger documents are refused before parsing (the fetcher caps bodies at 10 MB). */
export const PARSE_MAX_BYTES = 16 * 1024 * 1024;

export interface ParseFeedOptions {
  /** The feed URL or file name; every error names it. */
  source: string;
  /** The HTTP Content-Type, for its charset. */
  contentType?: string;
  /** The URL the document was fetched from; relative links resolve against it. */
  baseUrl?: string;
  /** FeedItem.feedId; defaults to baseUrl, else source. */
  feedId?: string;
  /** "Now" for the future-date check; defaults to the current time. */
  now?: Date;
}

export async function parseFeed(input: Buffer | string, options: ParseFeedOptions): Promise<ParsedFeed> {
  const { source } = options;
  try {
    const raw = await parseRaw(input, options);
    return normaliseFeed(raw, options);
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    const detail = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown failure';
    throw new FeedParseError('malformed', source, `could not parse: ${detail}`, { cause: error });
  }
}

async function parseRaw(input: Buffer | string, options: ParseFeedOptions): Promise<RawFeed> {
  const { source } = options;
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > PARSE_MAX_BYTES) throw new FeedParseError('too-large', source, `document is ${size} bytes, over ${PARSE_MAX_BYTES}`);
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeDocument(input, options.contentType).text;
  const start = text.search(/[^\s\uFEFF]/);
  if (start === -1) throw new FeedParseError('empty', source, 'empty document');
  const first = text[start];
  if (first === '{' || first === '[') return parseJsonFeed(text.slice(start), source, options.baseUrl);
  if (first === '<') return parseXmlFeed(text.slice(start), source, options.baseUrl);
  throw new FeedParseError('not-a-feed', source, 'neither XML nor JSON');
}

function normaliseFeed(raw: RawFeed, options: ParseFeedOptions): ParsedFeed {
  const ctx = { feedId: options.feedId ?? options.baseUrl ?? options.source, now: options.now ?? new Date() };
  const items: FeedItem[] = [];
  const skipped: ParsedFeed['skipped'] = [];
  const seenGuids = new Set<string>();
  const seenLinks = new Set<string>();
  for (const rawItem of raw.items) {
    const result = normaliseItem(rawItem, ctx);
    if ('skipped' in result) {
      skipped.push(result.skipped);
      continue;
    }
    const { item } = result;
    const link = item.url === '' ? undefined : urlKeyOfCanonical(item.url);
    // Without a publisher guid the identity is the link, so http/https or slash variants are the same item.
    const linkOnly = item.guid === item.url && link !== undefined;
    if (seenGuids.has(item.guid) || (linkOnly && seenLinks.has(link))) {
      skipped.push({ reason: 'duplicate of an earlier item in this document', title: item.title });
      continue;
    }
    seenGuids.add(item.guid);
    if (link !== undefined) seenLinks.add(link);
    items.push(item);
  }
  for (const note of raw.notes) skipped.push({ reason: note });
  return { feed: raw.meta, items, skipped };
}
