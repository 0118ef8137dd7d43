/**
 * Turns a decoded feed document into a string rss-parser's strict parser can read safely:
 * prolog and DOCTYPE dropped (xml-prolog.ts), HTML entities fixed (xml-entities.ts), namespaced
 * Atom/RSS 1.0 unprefixed, Atom quirks that crash rss-parser smoothed over, then nesting bounded
 * and some fields hidden from rss-parser in one pass over the tags (xml-tag-scan.ts).
 * Every step is a linear scan or a flat regex.
 */
import { FeedParseError } from '../core/errors.ts';
import type { FeedMeta } from '../core/types.ts';
import { fixEntities } from './xml-entities.ts';
import { findRoot, namespaceDeclarations, scanXmlName, type XmlRoot } from './xml-prolog.ts';
import { scanTags } from './xml-tag-scan.ts';

const ATOM_NS = new Set(['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns#']);
const RSS_NS = new Set([
  'http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/', 'http://channel.netscape.com/rdf/simple/0.9/',
  'http://backend.userland.com/rss2',
]);

export interface PreparedXml {
  xml: string;
  format: FeedMeta['format'];
  /** RSS items found outside any <channel>; they are ignored (the feed parses as empty). */
  orphanItems: number;
}

export function prepareXml(text: string, source: string): PreparedXml {
  const root = embeddedFeedRoot(text, source);
  const format = feedFormat(root, source);
  let xml = root.localName === 'channel' ? cdfToRss(root.body) : unprefix(root, format);
  xml = fixEntities(xml);
  if (format === 'atom') xml = fixAtom(xml);
  let orphanItems = 0;
  if (format !== 'atom' && !/<channel[\s>/]/.test(xml)) {
    // RSS 1.0 keeps items beside its channel, so an RDF without one is broken, not empty.
    orphanItems = xml.match(/<item[\s>/]/g)?.length ?? 0;
    if (format === 'rdf' && orphanItems > 0) throw new FeedParseError('malformed', source, 'RDF document has items but no <channel>');
    xml = withEmptyChannel(xml);
  }
  return { xml: scanTags(xml, format, source), format, orphanItems };
}

/** An HTML page is not a feed, unless it wraps one (some CMSs serve Atom inside XHTML). */
function embeddedFeedRoot(text: string, source: string): XmlRoot {
  const root = findRoot(text);
  if (!root) {
    if (onlyProlog(text)) throw new FeedParseError('empty', source, 'no root element, only a prolog or comments');
    throw new FeedParseError('malformed', source, 'no root element');
  }
  if (root.localName !== 'html') return root;
  const start = root.body.search(/<(?:feed|rss|rdf:RDF)[\s>]/);
  const inner = start === -1 ? undefined : findRoot(root.body.slice(start));
  if (!inner) throw new FeedParseError('not-a-feed', source, 'an HTML page, not a feed');
  const close = inner.body.lastIndexOf(`</${inner.name}>`);
  return { ...inner, body: close === -1 ? inner.body : inner.body.slice(0, close + inner.name.length + 3) };
}

/** Small documents only: the lazy regex is fine there and this is the failure path. */
function onlyProlog(text: string): boolean {
  return text.length < 65_536 && text.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/gi, '').trim() === '';
}

function feedFormat(root: XmlRoot, source: string): FeedMeta['format'] {
  switch (root.localName) {
    case 'rss':
    case 'channel':
      return 'rss';
    case 'feed':
      return 'atom';
    case 'rdf':
      return 'rdf';
    default:
      throw new FeedParseError('not-a-feed', source, `root element <${root.name.slice(0, 40)}> is not RSS, Atom or RDF`);
  }
}

/** rss-parser matches unprefixed names: `<a:feed>` → `<feed>`, `<rss:item>` → `<item>`, `<RDF:RDF>` → `<rdf:RDF>`. */
function unprefix(root: XmlRoot, format: FeedMeta['format']): string {
  let xml = root.body;
  const declared = namespaceDeclarations(root.startTag);
  for (const [prefix, uri] of declared) {
    const known = format === 'atom' ? ATOM_NS.has(uri.toLowerCase()) : RSS_NS.has(uri.toLowerCase());
    if (known) xml = xml.replace(new RegExp(`<(/?)${escapeRegExp(prefix)}:`, 'g'), '<$1');
  }
  if (format === 'rdf' && root.name !== 'rdf:RDF') {
    xml = xml.replace(new RegExp(`<(/?)${escapeRegExp(root.name)}(?=[\\s>/])`, 'g'), '<$1rdf:RDF');
  }
  return xml;
}

/**
 * Microsoft CDF (`<CHANNEL HREF><ITEM HREF><TITLE><ABSTRACT>`), a 1997 format some old sites
 * still serve, rewritten as RSS 2.0: tag names lower-cased, HREF attributes become <link>.
 */
function cdfToRss(xml: string): string {
  const body = xml
    .replace(/<(\/?)([A-Za-z][\w:-]*)/g, (_m, slash: string, name: string) => `<${slash}${name.toLowerCase()}`)
    .replace(/<(\/?)abstract\b/g, '<$1description')
    .replace(/<(channel|item)\b([^<>]*?)(\/?)>/g, (_m, name: string, attrs: string, selfClosing: string) => {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
      const link = href ? `<link>${href[1] ?? href[2]}</link>` : '';
      return `<${name}>${link}${selfClosing ? `</${name}>` : ''}`;
    });
  return `<rss version="2.0">${body}</rss>`;
}

/** Atom quirks that make rss-parser throw or return objects. */
function fixAtom(xml: string): string {
  // rss-parser reads link.$.href; a bare <link>url</link> has no attributes and crashes it.
  const out = xml.replace(/<link>\s*([^<"]*?)\s*<\/link>/g, '<link href="$1"/>');
  return out.includes('xhtml') ? xhtmlToCdata(out) : out;
}

/** `type="xhtml"` text constructs become CDATA so they arrive as one HTML string, in order. */
function xhtmlToCdata(xml: string): string {
  const start = /<(title|subtitle|summary|content|rights)(\s[^>]*?\btype\s*=\s*["']xhtml["'][^>]*)>/g;
  const missing = new Set<string>();
  let out = '';
  let last = 0;
  for (let m = start.exec(xml); m; m = start.exec(xml)) {
    const name = m[1]!;
    const innerStart = m.index + m[0].length;
    if (m[0].endsWith('/>') || missing.has(name) || innerStart < last) continue;
    const close = xml.indexOf(`</${name}>`, innerStart);
    if (close === -1) {
      missing.add(name);
      continue;
    }
    const inner = xml.slice(innerStart, close).replaceAll(']]>', ']]]]><![CDATA[>');
    out += `${xml.slice(last, innerStart)}<![CDATA[${inner}]]>`;
    last = close;
    start.lastIndex = close;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** The body starts with the root start tag; give it an empty channel rss-parser can read. */
function withEmptyChannel(xml: string): string {
  const at = xml.indexOf('>') + 1;
  if (xml.charCodeAt(at - 2) === 47 /* / */) {
    const name = xml.slice(1, scanXmlName(xml, 1));
    return `${xml.slice(0, at - 2)}><channel></channel></${name}>${xml.slice(at)}`;
  }
  return `${xml.slice(0, at)}<channel></channel>${xml.slice(at)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
