/**
 * Plain-text cleaning for feed-controlled strings. Hand-written scanners and flat regexes only
 * (no DOM, no recursion), so hostile input stays linear in time and never overflows the stack.
 */
import { decodeHTMLAttribute } from 'entities';

/** Elements whose content is never article text. */
const DROP_CONTENT = 'script|style|noscript|template|iframe|object|svg|math|head|select|textarea';
const DROP_CONTENT_TEST = new RegExp(`<(?:${DROP_CONTENT})[\\s/>]`, 'i');
const DROP_CONTENT_START = new RegExp(`<(${DROP_CONTENT})[\\s/>]`, 'g');
/** Elements that break a line of text. */
const BLOCK_TAG = new RegExp(
  '</?(?:address|article|aside|blockquote|br|caption|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|' +
    'li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)(?:[\\s/][^<>]*)?>',
  'gi',
);
const ANY_TAG = /<(?:\/?[A-Za-z][\w:-]*(?:[\s/][^<>]*)?|!(?:--)?[^<>]*|\?[^<>]*)>/g;

const ANSI = /\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)?|[@-Z\\-_])/g;
// Character classes are kept either all-ASCII/C1 or all-higher: V8 scans a class that mixes
// both several times slower, and these run over every item's text.
/** C0 controls except tab and newline, and DEL. */
const ASCII_CONTROL = /[\x00-\x08\x0B-\x1F\x7F]/g;
/** Soft hyphen, bidi embeddings/overrides/isolates and marks, zero-width and invisible characters (not ZWJ). */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;
/** Unicode spaces, normalised to a plain space. */
const UNICODE_SPACE = /[\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;
/**
 * C1 controls in feed text are windows-1252 punctuation that went through a Latin-1 decoder
 * ("don\u0092t"); map them back, as browsers and feedparser do. Unassigned slots are dropped.
 */
const C1 = /[\x80-\x9F]/g;
const CP1252_C1 = '\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178';
const CP1252_SLOTS = [0, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1, 12, -1, -1, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, -1, 25, 26];
const NONCHARACTER = /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/**
 * Quick tests for everything the slow path handles. Split in two on purpose, and the second kept
 * to few ranges: V8 scans a class of only ASCII/C1 ranges, or a short list of higher ranges,
 * several times faster than one class mixing both or listing many ranges. Rare invisibles
 * outside these ranges are still removed whenever the slow path runs.
 */
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/;
const UNICODE_SUSPECT = /[\u00AD\u0300-\u036F\u061C\u2000-\u200F\u2028-\u202F\u205F-\u2069\uFDD0-\uFDEF\uFEFF\uFFF9-\uFFFF]/;
/**
 * More than this many combining diacritics on one letter is "Zalgo" text, not a script. Only the
 * generic diacritic blocks count (a plain regex, much cheaper than \p{M} on every string).
 */
const MAX_COMBINING_MARKS = 4;
const DIACRITIC = '[\\u0300-\\u036F\\u0483-\\u0489\\u1AB0-\\u1AFF\\u1DC0-\\u1DFF\\u20D0-\\u20FF\\uFE20-\\uFE2F]';
const MARK_FLOOD = new RegExp(`(${DIACRITIC}{${MAX_COMBINING_MARKS}})${DIACRITIC}+`, 'g');
const PICTOGRAPH_BEFORE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;
/** How far back truncate looks for a grapheme boundary. */
const GRAPHEME_WINDOW = 64;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Remove control characters, ANSI escapes, bidi controls, zero-width characters (ZWJ survives only
 * inside emoji sequences), lone surrogates and combining-mark floods. Newlines are kept; runs of
 * spaces collapse, lines are trimmed and at most one blank line separates paragraphs.
 */
export function cleanText(input: string): string {
  let s = input;
  // CR, tab and no-break space are common and cheap to fix with plain string replaces.
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (s.includes('\t')) s = s.replaceAll('\t', ' ');
  if (s.includes('\u00A0')) s = s.replaceAll('\u00A0', ' ');
  // Every other control, odd space or invisible is caught by these tests; clean text skips the rest.
  if (CONTROL.test(s) || UNICODE_SUSPECT.test(s) || !isWellFormed(s)) s = removeInvisibles(s);
  // One pass: runs of spaces become one; a newline run (with the spaces around it) becomes one
  // newline, or one blank line when it held two or more.
  return s.replace(SPACE_RUN, spaceRunReplacement).trim();
}

function removeInvisibles(input: string): string {
  let s = input;
  if (s.includes('\x1B')) s = s.replace(ANSI, '');
  s = s.replace(ASCII_CONTROL, '').replace(C1, (c) => CP1252_C1[CP1252_SLOTS[c.charCodeAt(0) - 0x80] ?? -1] ?? '');
  s = s.replace(INVISIBLE, '').replace(UNICODE_SPACE, ' ');
  if (!isWellFormed(s) || /[\uFDD0-\uFDEF\uFFFE\uFFFF]/.test(s)) s = s.replace(NONCHARACTER, '\uFFFD');
  if (s.includes('\u200D')) s = keepEmojiJoiners(s);
  return s.replace(MARK_FLOOD, '$1');
}

/** cleanText on one line: every run of whitespace, newlines included, becomes one space. */
export function cleanLine(input: string): string {
  const text = cleanText(input);
  return text.includes('\n') ? text.replace(/\n+/g, ' ') : text;
}

/**
 * A short field (title, author, category) that may hold markup or entities → one clean line of
 * at most `max` characters. Plain single-spaced text without markup, controls or invisibles
 * (most titles) takes a fast path.
 */
export function lineText(input: string, max: number): string {
  const head = input.length > max * 20 ? input.slice(0, max * 20) : input;
  if (PLAIN_LINE.test(head)) return truncate(head, max);
  return truncate(cleanLine(htmlToText(head)), max);
}

/**
 * HTML (or text that may contain markup and entities) → plain text. Tags are dropped, block
 * elements become line breaks, script/style content disappears, entities are decoded.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<')) return cleanText(html.includes('&') ? decodeEntities(html) : html);
  return cleanText(decodeEntities(stripTags(html)));
}

/**
 * HTML entity decoding in attribute mode: a legacy entity without `;` followed by `=` or an
 * alphanumeric stays literal, so `?page=1&copy=2` in a title is not turned into `?page=1©=2`.
 */
function decodeEntities(text: string): string {
  return decodeHTMLAttribute(text);
}

/**
 * Cut to at most `max` UTF-16 units on a grapheme boundary, so neither a surrogate pair nor an
 * emoji sequence or accented letter is split.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const windowStart = Math.max(0, max - GRAPHEME_WINDOW);
  let cut = windowStart;
  for (const { index, segment } of graphemes.segment(text.slice(windowStart, max + GRAPHEME_WINDOW))) {
    const end = windowStart + index + segment.length;
    if (end > max) break;
    cut = end;
  }
  const last = text.charCodeAt(cut - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? cut - 1 : cut);
}

/**
 * Flat regexes, each linear: a tag is `<name ...>` with no `<` or `>` inside, so every scan stops
 * at the next angle bracket. An unclosed `<` stays literal text.
 */
function stripTags(input: string): string {
  let html = input;
  if (html.includes('<!--')) html = dropBetween(html, '<!--', '-->');
  if (DROP_CONTENT_TEST.test(html)) html = dropElements(html);
  return html.replace(BLOCK_TAG, '\n').replace(ANY_TAG, '');
}

/** Remove each `open`…`close` span; an unclosed one runs to the end. */
function dropBetween(html: string, open: string, close: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = html.indexOf(open, i);
    if (start === -1) return out + html.slice(i);
    out += html.slice(i, start);
    const end = html.indexOf(close, start + open.length);
    if (end === -1) return out;
    i = end + close.length;
  }
}

/** Remove script/style/... elements with their content. */
function dropElements(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let i = 0;
  DROP_CONTENT_START.lastIndex = 0;
  for (let m = DROP_CONTENT_START.exec(lower); m; m = DROP_CONTENT_START.exec(lower)) {
    if (m.index < i) continue;
    out += html.slice(i, m.index);
    const name = m[1]!;
    const tagEnd = lower.indexOf('>', m.index);
    if (tagEnd === -1) return out;
    if (lower.charCodeAt(tagEnd - 1) === 47 /* / */) {
      i = tagEnd + 1;
    } else {
      const close = lower.indexOf(`</${name}`, tagEnd);
      if (close === -1) return out;
      const closeEnd = lower.indexOf('>', close);
      i = closeEnd === -1 ? html.length : closeEnd + 1;
    }
    DROP_CONTENT_START.lastIndex = i;
  }
  return out + html.slice(i);
}

/**
 * Single-spaced printable text with no `& < >`, controls, bidi marks, zero-width characters,
 * combining diacritics or surrogates (emoji take the full path).
 */
const PLAIN_LINE = /^[!-%'-;=?-~\u00A1-\u00AC\u00AE-\u02FF\u0370-\u061B\u061D-\u180D\u180F-\u1AAF\u1B00-\u1DBF\u1E00-\u1FFF\u2010-\u2027\u2030-\u205E\u20A0-\u20CF\u2100-\uD7FF\uF900-\uFDCF\uFDF0-\uFE1F\uFE30-\uFEFE\uFF00-\uFFEF]+(?: [!-%'-;=?-~\u00A1-\u00AC\u00AE-\u02FF\u0370-\u061B\u061D-\u180D\u180F-\u1AAF\u1B00-\u1DBF\u1E00-\u1FFF\u2010-\u2027\u2030-\u205E\u20A0-\u20CF\u2100-\uD7FF\uF900-\uFDCF\uFDF0-\uFE1F\uFE30-\uFEFE\uFF00-\uFFEF]+)*$/;

const SPACE_RUN = / *\n[ \n]*| {2,}/g;

function spaceRunReplacement(run: string): string {
  const first = run.indexOf('\n');
  if (first === -1) return ' ';
  return run.indexOf('\n', first + 1) === -1 ? '\n' : '\n\n';
}

type MaybeWellFormed = { isWellFormed?: () => boolean };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No lone surrogates (native String#isWellFormed where the runtime has it). */
function isWellFormed(s: string): boolean {
  const native = (s as unknown as MaybeWellFormed).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}

function keepEmojiJoiners(s: string): string {
  return s.replace(/\u200D/g, (_zwj, offset: number) =>
    PICTOGRAPH_BEFORE.test(s.slice(Math.max(0, offset - 2), offset)) && PICTOGRAPH_AFTER.test(s.slice(offset + 1, offset + 3))
      ? '\u200D'
      : '',
  );
}
