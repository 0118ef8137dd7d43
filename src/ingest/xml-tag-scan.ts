/**
 * One linear pass over the tags of a pre-cleaned feed that (1) fails cleanly on absurd nesting
 * before a recursive consumer can overflow the stack and (2) hides some fields from rss-parser
 * by renaming them `herald-…`; parse-xml-feed.ts reads them back as custom fields.
 *
 * Why hide them:
 * - bodies (description, content:encoded, Atom content): rss-parser builds a "snippet" of each
 *   with a regex that is quadratic in the number of `<` without a closing `>` (200 KB of `&lt;x`
 *   takes seconds); htmlToText does the same job in linear time;
 * - dates (pubDate, dc:date, published, updated): rss-parser calls toISOString() on Atom dates
 *   and throws on an invalid one; parseFeedDate reads them all safely.
 * It also spares rss-parser work Herald redoes anyway.
 */
import { FeedParseError } from '../core/errors.ts';
import type { FeedMeta } from '../core/types.ts';

/** Real feeds nest about 10 deep; far beyond this is an attack on recursive parsers. */
export const XML_MAX_DEPTH = 500;

const PREFIX = 'herald-';
export const HIDDEN = {
  description: `${PREFIX}description`, encoded: `${PREFIX}content:encoded`, content: `${PREFIX}content`,
  pubDate: `${PREFIX}pubDate`, dcDate: `${PREFIX}dc:date`, published: `${PREFIX}published`, updated: `${PREFIX}updated`,
} as const;
const HIDDEN_RSS = ['description', 'content:encoded', 'pubDate', 'dc:date'];
const HIDDEN_ATOM = ['content', 'published', 'updated'];

export function scanTags(xml: string, format: FeedMeta['format'], source: string): string {
  const hidden = format === 'atom' ? HIDDEN_ATOM : HIDDEN_RSS;
  let depth = 0;
  let i = 0;
  let out = '';
  let last = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    const c = xml.charCodeAt(lt + 1);
    let end: number;
    if (c === 33 /* ! */) {
      end = xml.startsWith('<![CDATA[', lt) ? xml.indexOf(']]>', lt) : xml.startsWith('<!--', lt) ? xml.indexOf('-->', lt) : xml.indexOf('>', lt);
    } else if (c === 63 /* ? */) {
      end = xml.indexOf('?>', lt);
    } else {
      end = xml.indexOf('>', lt);
      const nameAt = c === 47 /* / */ ? lt + 2 : lt + 1;
      if (c === 47) depth--;
      else if (isNameStart(c) && xml.charCodeAt(end - 1) !== 47 && ++depth > XML_MAX_DEPTH) {
        throw new FeedParseError('malformed', source, `elements nested deeper than ${XML_MAX_DEPTH}`);
      }
      if (isHiddenName(xml, nameAt, hidden)) {
        out += xml.slice(last, nameAt) + PREFIX;
        last = nameAt;
      }
    }
    if (end === -1) break;
    i = end + 1;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

function isHiddenName(xml: string, at: number, names: string[]): boolean {
  const first = xml.charCodeAt(at);
  for (const name of names) {
    if (name.charCodeAt(0) !== first || !xml.startsWith(name, at)) continue;
    const next = xml.charCodeAt(at + name.length);
    return next === 62 /* > */ || next === 47 /* / */ || next === 32 || next === 9 || next === 10 || next === 13;
  }
  return false;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}
