/**
 * Makes the entity and character references of a feed acceptable to a strict XML parser
 * without declaring anything: HTML named entities (`&nbsp;`, `&eacute;`) become numeric
 * references, unknown names and bare `&` become literal text, and references to characters XML
 * forbids (NUL, ESC, surrogates, beyond U+10FFFF) are dropped or replaced. CDATA sections and
 * comments are left alone. One linear pass; the string is rebuilt only where something changes.
 */
import { decodeHTMLStrict } from 'entities';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([A-Za-z][A-Za-z0-9]{0,47}));/y;
const namedCache = new Map<string, string>();
/** The rest of an ANSI CSI sequence after an `&#27;` reference (`[31m`). */
const ANSI_TAIL = /\[[0-?]*[ -/]*[@-~]/y;
const ESC = 0x1b;

export function fixEntities(xml: string): string {
  if (!xml.includes('&')) return xml;
  let out = '';
  let last = 0;
  let i = 0;
  // Next CDATA section / comment; each search only moves forward, so the pass stays linear.
  let nextCdata = xml.indexOf('<![CDATA[');
  let nextComment = xml.indexOf('<!--');
  // Where the next of them starts (Infinity: none), worked out again only once passed. Kept out of
  // the loop's common path: V8 ran this loop ~40 times slower with it recomputed per reference.
  let skipAt = firstOf(nextCdata, nextComment);
  for (;;) {
    const amp = xml.indexOf('&', i);
    if (amp === -1) break;
    if (skipAt < amp) {
      const close = xml.indexOf(skipAt === nextCdata ? ']]>' : '-->', skipAt + 4);
      if (close === -1) break;
      i = close + 3;
      if (nextCdata !== -1 && nextCdata < i) nextCdata = xml.indexOf('<![CDATA[', i);
      if (nextComment !== -1 && nextComment < i) nextComment = xml.indexOf('<!--', i);
      skipAt = firstOf(nextCdata, nextComment);
      continue;
    }
    const predefined = predefinedLength(xml, amp);
    if (predefined > 0) {
      i = amp + predefined;
      continue;
    }
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(xml);
    let replacement: string | undefined;
    let end = amp + 1;
    if (!m) {
      replacement = '&amp;';
    } else {
      end = REFERENCE.lastIndex;
      if (m[3] !== undefined) replacement = XML_ENTITIES.has(m[3]) ? undefined : namedReference(m[3]);
      else {
        const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
        replacement = numericReference(code, m[0]);
        if (code === ESC) {
          ANSI_TAIL.lastIndex = end;
          if (ANSI_TAIL.test(xml)) end = ANSI_TAIL.lastIndex;
        }
      }
    }
    if (replacement !== undefined) {
      out += xml.slice(last, amp) + replacement;
      last = end;
    }
    i = end;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** The smaller of two indexOf results, Infinity when both are -1. */
function firstOf(a: number, b: number): number {
  return Math.min(a === -1 ? Number.POSITIVE_INFINITY : a, b === -1 ? Number.POSITIVE_INFINITY : b);
}

/** Length of `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` at `at` (the common case, kept as is), else 0. */
function predefinedLength(xml: string, at: number): number {
  switch (xml.charCodeAt(at + 1)) {
    case 108: /* l */
    case 103: /* g */
      return xml.charCodeAt(at + 2) === 116 && xml.charCodeAt(at + 3) === 59 ? 4 : 0;
    case 97: /* a */
      return xml.startsWith('amp;', at + 1) ? 5 : xml.startsWith('apos;', at + 1) ? 6 : 0;
    case 113: /* q */
      return xml.startsWith('quot;', at + 1) ? 6 : 0;
    default:
      return 0;
  }
}

function namedReference(name: string): string {
  let cached = namedCache.get(name);
  if (cached === undefined) {
    const decoded = decodeHTMLStrict(`&${name};`);
    cached = decoded === `&${name};` ? `&amp;${name};` : [...decoded].map((ch) => `&#${ch.codePointAt(0)};`).join('');
    if (namedCache.size < 4096) namedCache.set(name, cached);
  }
  return cached;
}

/** undefined = keep as written. */
function numericReference(code: number, written: string): string | undefined {
  if (code === 0x9 || code === 0xa || code === 0xd) return undefined;
  if (code < 0x20 || code === 0x7f) return '';
  if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff || code > 0x10ffff) return '&#65533;';
  return written.length > 12 ? `&#${code};` : undefined;
}
