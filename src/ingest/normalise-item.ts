/**
 * One raw item (whatever the XML or JSON parser produced, every field `unknown`) → a FeedItem
 * whose fields are type-checked, plain, bounded and safe, or a skip with a reason.
 */
import type { FeedItem, FeedMeta } from '../core/types.ts';
import { canonicalUrl } from './canonical-url.ts';
import { htmlToText, lineText, truncate } from './clean-text.ts';
import { itemGuid } from './item-identity.ts';
import { parseFeedDate } from './parse-date.ts';

/** Items beyond this are dropped (and reported); real feeds carry at most a few thousand. */
export const FEED_MAX_ITEMS = 5_000;
export const TITLE_MAX_CHARS = 1_000;
export const TEXT_MAX_CHARS = 200_000;
/** A summary is a standfirst; longer "summaries" repeat the body and are cut to this. */
export const SUMMARY_MAX_CHARS = 1_000;
export const HTML_MAX_CHARS = 1_000_000;
const AUTHOR_MAX_CHARS = 200;
const CATEGORY_MAX_CHARS = 100;
const CATEGORIES_MAX = 50;
/** A title made from the text when the item has none. */
const DERIVED_TITLE_CHARS = 120;

/** Format-neutral raw fields; parsers fill what they have, normaliseItem trusts none of it. */
export interface RawItem {
  title?: unknown;
  link?: unknown;
  guid?: unknown;
  /** Date candidates, best first (pubDate, published, dc:date, updated ...). */
  dates?: unknown[];
  author?: unknown;
  categories?: unknown[];
  /** The body: content:encoded, Atom content, JSON content_html. */
  contentHtml?: unknown;
  /** JSON Feed content_text. */
  contentText?: unknown;
  /** description / Atom summary / JSON summary. */
  summaryHtml?: unknown;
  /** The base links resolve against (item xml:base, else the feed's base); http(s) only. */
  base?: string;
}

/** What a format parser hands to normalisation. */
export interface RawFeed {
  meta: FeedMeta;
  items: RawItem[];
  /** Items dropped before normalisation (over the limit, outside a channel), for `skipped`. */
  notes: string[];
}

export interface NormaliseContext {
  feedId: string;
  now: Date;
}

export type NormaliseResult = { item: FeedItem } | { skipped: { reason: string; title?: string } };

export function normaliseItem(raw: RawItem, ctx: NormaliseContext): NormaliseResult {
  const rawTitle = asText(raw.title);
  let title = rawTitle === undefined ? '' : lineText(rawTitle, TITLE_MAX_CHARS);
  const link = asText(raw.link);
  const url = link === undefined ? undefined : canonicalUrl(link, raw.base);
  const guid = typeof raw.guid === 'string' ? raw.guid : undefined;

  const bodyHtml = nonBlank(asText(raw.contentHtml));
  const summaryHtml = nonBlank(asText(raw.summaryHtml));
  const contentText = nonBlank(asText(raw.contentText));
  const html = bodyHtml ?? summaryHtml;
  const textSource =
    bodyHtml !== undefined ? htmlToText(bodyHtml)
    : contentText !== undefined ? cleanPlain(contentText)
    : summaryHtml !== undefined ? htmlToText(summaryHtml)
    : '';
  const text = truncate(textSource, TEXT_MAX_CHARS);
  const hasBody = bodyHtml !== undefined || contentText !== undefined;
  const summaryText = hasBody && summaryHtml !== undefined && summaryHtml !== bodyHtml ? summaryOf(summaryHtml) : undefined;

  if (title === '' && !url && !guid?.trim()) return { skipped: { reason: 'no link, guid or title' } };
  if (title === '' && !url && text === '') return { skipped: { reason: 'nothing to show: no title, link or text' } };
  // A guid that is the link itself (very common) needs no second URL parse.
  const id = url !== undefined && guid !== undefined && link !== undefined && guid.trim() === link.trim() ? url : itemGuid({ guid, url, title, text });
  if (id === undefined) return { skipped: { reason: 'no stable identity' } };
  if (title === '') title = deriveTitle(text);

  const item: FeedItem = { feedId: ctx.feedId, guid: id, url: url ?? '', title };
  const publishedAt = firstDate(raw.dates, ctx.now);
  if (publishedAt) item.publishedAt = publishedAt;
  const author = authorName(raw.author);
  if (author) item.author = author;
  const categories = categoryList(raw.categories);
  if (categories.length > 0) item.categories = categories;
  if (html !== undefined) item.html = truncate(html, HTML_MAX_CHARS);
  if (text !== '') item.text = text;
  if (summaryText && !repeatsBody(summaryText, text)) item.summary = summaryText;
  return { item };
}

/** A string, or the text of an XML node object; anything else is missing. */
export function asText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 ? asText(value[0], depth + 1) : undefined;
  if (value === null || typeof value !== 'object' || depth > 8) return undefined;
  const record = value as Record<string, unknown>;
  const own = Object.hasOwn(record, '_') ? record._ : undefined;
  let text = typeof own === 'string' ? own : '';
  for (const key of Object.keys(record)) {
    if (key === '_' || key === '$') continue;
    const child = asText(record[key], depth + 1);
    if (child) text += ` ${child}`;
  }
  return text === '' ? undefined : text;
}

function nonBlank(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.slice(0, HTML_MAX_CHARS);
}

/** Only the head of a long summary is cleaned: it is cut to SUMMARY_MAX_CHARS anyway. */
function summaryOf(html: string): string {
  const text = htmlToText(html.slice(0, SUMMARY_MAX_CHARS * 16));
  if (text.length <= SUMMARY_MAX_CHARS) return text;
  const cut = text.lastIndexOf(' ', SUMMARY_MAX_CHARS - 1);
  return `${truncate(text, cut > SUMMARY_MAX_CHARS / 2 ? cut : SUMMARY_MAX_CHARS - 1)}…`;
}

/** A "summary" that is just the body's opening (possibly cut with an ellipsis) adds nothing. */
function repeatsBody(summary: string, text: string): boolean {
  const core = summary.endsWith('…') ? summary.slice(0, -1) : summary;
  return text.startsWith(core);
}

function cleanPlain(text: string): string {
  return htmlToText(text.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
}

function firstDate(candidates: unknown[] | undefined, now: Date): Date | undefined {
  for (const candidate of candidates ?? []) {
    const date = parseFeedDate(asText(candidate), now);
    if (date) return date;
  }
  return undefined;
}

function authorName(value: unknown): string | undefined {
  let raw: unknown = Array.isArray(value) ? value[0] : value;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.hasOwn(raw, 'name')) {
    raw = (raw as Record<string, unknown>).name;
  }
  const text = asText(raw);
  const name = text === undefined ? '' : lineText(text, AUTHOR_MAX_CHARS);
  return name === '' ? undefined : name;
}

function categoryList(values: unknown[] | undefined): string[] {
  const out = new Set<string>();
  for (const value of values ?? []) {
    if (out.size >= CATEGORIES_MAX) break;
    const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    const attrs = record && Object.hasOwn(record, '$') ? (record.$ as Record<string, unknown> | undefined) : undefined;
    const fromAttrs = attrs && typeof attrs === 'object' ? (asText(attrs.label) ?? asText(attrs.term)) : undefined;
    const text = fromAttrs ?? asText(value);
    const name = text === undefined ? '' : lineText(text, CATEGORY_MAX_CHARS);
    if (name !== '') out.add(name);
  }
  return [...out];
}

function deriveTitle(text: string): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (firstLine.length <= DERIVED_TITLE_CHARS) return firstLine;
  const cut = firstLine.lastIndexOf(' ', DERIVED_TITLE_CHARS);
  return `${truncate(firstLine, cut > 40 ? cut : DERIVED_TITLE_CHARS)}…`;
}
