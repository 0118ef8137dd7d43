/**
 * Article metadata read from a page's head and markup before Readability rewrites the document:
 * title, author, publication date (meta tags, JSON-LD, <time datetime>) and publisher summary.
 */
import { cleanInline } from './clean-text.ts';
import type { DomDocument } from './dom.ts';

export interface PageMetadata {
  title?: string;
  byline?: string;
  publishedAt?: Date;
  /** og:description, twitter:description or meta description. */
  description?: string;
  /** Text of an on-page lede/standfirst element, when the page marks one. */
  lede?: string;
}

/** Dates before this are treated as unknown (same rule as feed items). */
const EARLIEST_DATE_MS = Date.UTC(1990, 0, 1);
/** Dates more than this ahead of `now` are treated as unknown. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
const JSON_LD_MAX_DEPTH = 8;

const DATE_META = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datePublished', 'date',
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'parsely-pub-date', 'sailthru.date', 'dc.date',
  'dc.date.issued', 'dcterms.created', 'dcterms.date', 'article.published', 'cxenseparse:recs:publishtime',
];
const ARTICLE_TYPE_RE = /(?:article|posting|report|newsarticle|blogposting|webpage)$/i;
const LEDE_SELECTOR =
  '[class*="standfirst"], [class*="article-summary"], [class*="dek"], [class~="lede"], [class*="subheadline"], ' +
  '[class*="sub-headline"], [itemprop="description"]';
/** Only the first few lede-marked elements are considered: later ones are teaser cards. */
const LEDE_CANDIDATES = 5;
const LEDE_MIN_WORDS = 6;
const LEDE_MAX_WORDS = 80;

/** A date inside [1990, now + 1 day], else undefined. */
export function saneDate(value: unknown, now: Date): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const raw = typeof value === 'string' ? value.trim() : value;
  if (raw === '') return undefined;
  const date = new Date(typeof raw === 'string' && /^\d{10,13}$/.test(raw) ? Number(raw.padEnd(13, '0')) : raw);
  const ms = date.getTime();
  if (Number.isNaN(ms) || ms < EARLIEST_DATE_MS || ms > now.getTime() + FUTURE_SLACK_MS) return undefined;
  return date;
}

/** Every <meta> content by lowercased property, name and itemprop (first one wins), in one pass. */
function metaIndex(doc: DomDocument): Map<string, string> {
  const index = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const content = cleanInline(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !index.has(key)) index.set(key, content);
    }
  }
  return index;
}

function pick(index: Map<string, string>, names: string[]): string | undefined {
  for (const name of names) {
    const value = index.get(name.toLowerCase());
    if (value) return value;
  }
  return undefined;
}

interface LdArticle { datePublished?: unknown; author?: unknown; headline?: unknown; description?: unknown }

function findLdArticle(value: unknown, depth: number): LdArticle | undefined {
  if (depth > JSON_LD_MAX_DEPTH || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findLdArticle(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const type = record['@type'];
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPE_RE.test(t)) && record.datePublished !== undefined) {
    return record;
  }
  return findLdArticle(record['@graph'], depth + 1) ?? findLdArticle(record.mainEntity, depth + 1);
}

function ldArticle(doc: DomDocument): LdArticle | undefined {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const json = (script.textContent ?? '').replace(/^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$/g, '');
      const found = findLdArticle(JSON.parse(json) as unknown, 0);
      if (found) return found;
    } catch {
      // Malformed JSON-LD is common; the other sources still apply.
    }
  }
  return undefined;
}

function ldAuthor(author: unknown): string | undefined {
  const list = Array.isArray(author) ? author : [author];
  const names = list
    .map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' ? (a as Record<string, unknown>).name : undefined))
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  return names.length > 0 ? names.join(', ') : undefined;
}

/** Reads title, author, date and summary from the page; every field is optional. */
export function readPageMetadata(doc: DomDocument, now: Date): PageMetadata {
  const metas = metaIndex(doc);
  const ld = ldArticle(doc);
  const metadata: PageMetadata = {};
  const title = pick(metas, ['og:title', 'twitter:title']) || cleanInline(typeof ld?.headline === 'string' ? ld.headline : '') || cleanInline(doc.title);
  if (title) metadata.title = title;
  const byline = pick(metas, ['author', 'article:author', 'parsely-author', 'byl', 'dc.creator']) ?? ldAuthor(ld?.author);
  if (byline && !/^https?:/i.test(byline)) metadata.byline = cleanInline(byline);
  const publishedAt = DATE_META.map((name) => saneDate(metas.get(name.toLowerCase()), now)).find((d) => d !== undefined) ?? saneDate(ld?.datePublished, now) ?? timeElementDate(doc, now);
  if (publishedAt) metadata.publishedAt = publishedAt;
  const description = pick(metas, ['og:description', 'twitter:description', 'description']) || cleanInline(typeof ld?.description === 'string' ? ld.description : '');
  if (description) metadata.description = description;
  const lede = findLede(doc);
  if (lede) metadata.lede = lede;
  return metadata;
}

/** The first valid <time datetime>, preferring one marked as the publication date. */
function timeElementDate(doc: DomDocument, now: Date): Date | undefined {
  const times = Array.from(doc.querySelectorAll('time[datetime]'));
  const marked = times.filter((t) => t.getAttribute('pubdate') !== null || t.getAttribute('itemprop') === 'datePublished');
  for (const el of [...marked, ...times]) {
    const date = saneDate(el.getAttribute('datetime') ?? undefined, now);
    if (date) return date;
  }
  return undefined;
}

/** An on-page standfirst: a lede-marked element of sentence length that is not a link card. */
function findLede(doc: DomDocument): string | undefined {
  const candidates = Array.from(doc.querySelectorAll(LEDE_SELECTOR)).slice(0, LEDE_CANDIDATES);
  for (const el of candidates) {
    const text = cleanInline(el.textContent);
    const words = text.split(' ').length;
    if (words < LEDE_MIN_WORDS || words > LEDE_MAX_WORDS) continue;
    const linked = Array.from(el.querySelectorAll('a')).reduce((n, a) => n + cleanInline(a.textContent).length, 0);
    if (linked < text.length / 2) return text;
  }
  return undefined;
}
