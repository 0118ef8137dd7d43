/**
 * RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through rss-parser's `parseString` (never `parseURL`: the
 * fetcher is the only thing that touches the network). The input is pre-cleaned first
 * (xml-preclean.ts); rss-parser's output is read defensively, since XML maps to arrays and
 * objects wherever a feed repeats or nests an element.
 */
import Parser from 'rss-parser';
import { FeedParseError } from '../core/errors.ts';
import type { FeedMeta } from '../core/types.ts';
import { canonicalUrl, isHttpUrl, parseHttpUrl } from './canonical-url.ts';
import { lineText } from './clean-text.ts';
import { asText, FEED_MAX_ITEMS, TITLE_MAX_CHARS, type RawFeed, type RawItem } from './normalise-item.ts';
import { prepareXml } from './xml-preclean.ts';
import { HIDDEN } from './xml-tag-scan.ts';

type Node = Record<string, unknown>;

const keep = { keepArray: true };
const PARSER_OPTIONS: Parser.ParserOptions<Node, Node> = {
  defaultRSS: 2,
  customFields: {
    feed: [['$', 'attrs', keep], 'subtitle', [HIDDEN.description, 'description']] as unknown as string[],
    item: [
      ['$', 'attrs', keep], ['link', 'links', keep], ['category', 'categoryList', keep], ['dc:subject', 'subjects', keep],
      ['guid', 'guidRaw', keep], 'issued', 'modified', 'created',
      [HIDDEN.description, 'descriptionBody'], [HIDDEN.encoded, 'encodedBody'], [HIDDEN.content, 'contentBody'],
      [HIDDEN.pubDate, 'pubDateRaw'], [HIDDEN.dcDate, 'dcDateRaw'], [HIDDEN.published, 'publishedRaw'], [HIDDEN.updated, 'updatedRaw'],
    ],
  },
};

export async function parseXmlFeed(text: string, source: string, baseUrl: string | undefined): Promise<RawFeed> {
  const prepared = prepareXml(text, source);
  let out: unknown;
  try {
    // A fresh parser per document: xml2js carries error/ended flags from one parse into the
    // next (after trailing content), which would let a later malformed document half-parse.
    out = await new Parser<Node, Node>(PARSER_OPTIONS).parseString(prepared.xml);
  } catch (error) {
    throw classify(error, source);
  }
  if (!isNode(out)) throw new FeedParseError('malformed', source, 'the XML parser returned nothing');
  const raw = toRawFeed(out, prepared.format, baseUrl);
  if (prepared.orphanItems > 0) raw.notes.push(`${prepared.orphanItems} <item> elements outside a <channel> ignored`);
  return raw;
}

function toRawFeed(out: Node, format: FeedMeta['format'], baseUrl: string | undefined): RawFeed {
  const attrs = nodeOf(out.attrs);
  const feedLink = firstText(out.link);
  const docBase = baseUrl !== undefined && isHttpUrl(baseUrl) ? baseUrl : undefined;
  const feedBase = resolveBase(attrs?.['xml:base'], docBase) ?? docBase ?? resolveBase(feedLink, undefined);

  const meta: FeedMeta = { title: lineText(asText(out.title) ?? '', TITLE_MAX_CHARS), format };
  const link = feedLink === undefined ? undefined : canonicalUrl(feedLink, feedBase);
  if (link) meta.link = link;
  const description = asText(out.description) ?? asText(out.subtitle);
  const descriptionText = description === undefined ? '' : lineText(description, TITLE_MAX_CHARS * 4);
  if (descriptionText) meta.description = descriptionText;
  const ttl = Number.parseInt(asText(out.ttl) ?? '', 10);
  if (ttl > 0 && ttl <= 7 * 24 * 60) meta.ttlMinutes = ttl;

  const rawItems = Array.isArray(out.items) ? out.items : [];
  const items = rawItems.slice(0, FEED_MAX_ITEMS).filter(isNode).map((item) =>
    format === 'atom' ? atomItem(item, feedBase) : rssItem(item, feedBase),
  );
  const notes = rawItems.length > FEED_MAX_ITEMS ? [`${rawItems.length - FEED_MAX_ITEMS} items beyond the limit of ${FEED_MAX_ITEMS}`] : [];
  return { meta, items, notes };
}

function rssItem(item: Node, feedBase: string | undefined): RawItem {
  const attrs = nodeOf(item.attrs);
  const guidNode = nodeOf(Array.isArray(item.guidRaw) ? item.guidRaw[0] : undefined);
  const permalink = asText(nodeOf(guidNode?.$)?.isPermaLink)?.trim().toLowerCase() !== 'false';
  const guid = asText(item.guid) ?? asText(attrs?.['rdf:about']);
  let link = firstText(item.links);
  if ((link === undefined || link.trim() === '') && permalink && guid !== undefined && isHttpUrl(guid)) link = guid;
  return {
    title: item.title,
    link,
    guid,
    dates: [item.pubDateRaw, item.dcDateRaw, item.issued, item.modified],
    author: item.creator ?? item.author ?? item['dc:creator'],
    categories: [...listOf(item.categories), ...listOf(item.subjects)],
    contentHtml: item.encodedBody,
    summaryHtml: item.descriptionBody ?? item.summary,
    base: resolveBase(attrs?.['xml:base'], feedBase) ?? feedBase,
  };
}

function atomItem(entry: Node, feedBase: string | undefined): RawItem {
  const attrs = nodeOf(entry.attrs);
  return {
    title: entry.title,
    link: atomLink(entry.links) ?? entry.link,
    guid: asText(entry.id),
    dates: [entry.publishedRaw, entry.updatedRaw, entry.issued, entry.modified, entry.created],
    author: entry.author ?? entry.creator,
    categories: listOf(entry.categoryList),
    contentHtml: entry.contentBody,
    summaryHtml: entry.summary,
    base: resolveBase(attrs?.['xml:base'], feedBase) ?? feedBase,
  };
}

/** The alternate (or rel-less) link with an href; never self, edit, enclosure or replies. */
function atomLink(links: unknown): string | undefined {
  let fallback: string | undefined;
  for (const link of listOf(links)) {
    const a = nodeOf(nodeOf(link)?.$);
    const href = asText(a?.href);
    if (href === undefined) continue;
    const rel = asText(a?.rel) ?? 'alternate';
    if (rel === 'alternate') {
      const type = asText(a?.type);
      if (type === undefined || /html/i.test(type)) return href;
      fallback ??= href;
    }
  }
  return fallback;
}

/** xml:base resolved against the outer base; only an http(s) result counts (never javascript:). */
function resolveBase(value: unknown, outer: string | undefined): string | undefined {
  const text = asText(value);
  return text === undefined ? undefined : parseHttpUrl(text, outer)?.href;
}

function classify(error: unknown, source: string): FeedParseError {
  if (error instanceof FeedParseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.split('\n')[0]!.slice(0, 200);
  if (/not recognized as RSS/i.test(message)) return new FeedParseError('not-a-feed', source, 'not an RSS, Atom or RDF feed', { cause: error });
  if (/Unable to parse XML/i.test(message)) return new FeedParseError('malformed', source, 'the XML parser produced no document', { cause: error });
  return new FeedParseError('malformed', source, `invalid XML: ${detail}`, { cause: error });
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nodeOf(value: unknown): Node | undefined {
  return isNode(value) ? value : undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function firstText(value: unknown): string | undefined {
  for (const v of listOf(value)) {
    const text = asText(v);
    if (text !== undefined && text.trim() !== '') return text;
  }
  return undefined;
}
