/**
 * JSON Feed 1.0/1.1 (https://jsonfeed.org). Invalid JSON (trailing commas, comments) is a clear
 * error rather than a guess. Fields are read as own properties only and must have the type the
 * spec gives them; anything else counts as missing. Nothing is merged or walked recursively, so
 * `__proto__` keys and deep nesting in extensions are inert.
 */
import { FeedParseError } from '../core/errors.ts';
import type { FeedMeta } from '../core/types.ts';
import { canonicalUrl, isHttpUrl, parseHttpUrl } from './canonical-url.ts';
import { lineText } from './clean-text.ts';
import { FEED_MAX_ITEMS, TITLE_MAX_CHARS, type RawFeed, type RawItem } from './normalise-item.ts';

type Json = Record<string, unknown>;

export function parseJsonFeed(text: string, source: string, baseUrl: string | undefined): RawFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof RangeError ? 'nested too deeply' : error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
    throw new FeedParseError('malformed', source, `invalid JSON: ${detail}`, { cause: error });
  }
  if (!isObject(doc)) throw new FeedParseError('not-a-feed', source, 'JSON that is not a JSON Feed object');
  const version = str(doc, 'version');
  const items = own(doc, 'items');
  const looksLikeFeed = (version !== undefined && /jsonfeed\.org\/version\/|^1(?:\.\d+)?$/.test(version)) || Array.isArray(items);
  if (!looksLikeFeed) throw new FeedParseError('not-a-feed', source, 'JSON without a JSON Feed version or items');

  const docBase = baseUrl !== undefined && isHttpUrl(baseUrl) ? baseUrl : undefined;
  const feedUrl = httpUrl(str(doc, 'feed_url'), docBase);
  const homePage = httpUrl(str(doc, 'home_page_url'), docBase);
  const base = docBase ?? feedUrl ?? homePage;

  const meta: FeedMeta = { title: lineText(str(doc, 'title') ?? '', TITLE_MAX_CHARS), format: 'json' };
  const link = homePage === undefined ? undefined : canonicalUrl(homePage);
  if (link) meta.link = link;
  const description = lineText(str(doc, 'description') ?? '', TITLE_MAX_CHARS * 4);
  if (description) meta.description = description;

  const list = Array.isArray(items) ? items : [];
  return {
    meta,
    items: list.slice(0, FEED_MAX_ITEMS).filter(isObject).map((item) => jsonItem(item, base)),
    notes: list.length > FEED_MAX_ITEMS ? [`${list.length - FEED_MAX_ITEMS} items beyond the limit of ${FEED_MAX_ITEMS}`] : [],
  };
}

function jsonItem(item: Json, base: string | undefined): RawItem {
  const url = str(item, 'url') ?? str(item, 'external_url');
  return {
    title: str(item, 'title'),
    link: url,
    // The spec says string; a numeric id is wrong-typed and so treated as missing, like any other field.
    guid: str(item, 'id'),
    dates: [str(item, 'date_published'), str(item, 'date_modified')],
    author: authorOf(item),
    categories: stringsOf(own(item, 'tags')),
    contentHtml: str(item, 'content_html'),
    contentText: str(item, 'content_text'),
    summaryHtml: str(item, 'summary'),
    base,
  };
}

/** JSON Feed 1.1 `authors[0].name`, else 1.0 `author.name`. */
function authorOf(item: Json): string | undefined {
  const authors = own(item, 'authors');
  const first: unknown = Array.isArray(authors) ? authors[0] : own(item, 'author');
  return isObject(first) ? str(first, 'name') : undefined;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function httpUrl(value: string | undefined, base: string | undefined): string | undefined {
  return value === undefined ? undefined : parseHttpUrl(value, base)?.href;
}

function own(obj: Json, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function str(obj: Json, key: string): string | undefined {
  const value = own(obj, key);
  return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
