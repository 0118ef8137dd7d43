/**
 * Feed-controlled text → Discord text that shows the same words and can never ping, link or format,
 * even if `allowed_mentions` were ignored.
 *
 * Order matters:
 * 1. HTML entities are decoded (until stable, so `&amp;#64;` is caught too): `&#64;everyone` would
 *    otherwise survive as text that some other layer decodes later.
 * 2. Invisible, bidi and control characters are stripped, so `@\u200Beveryone` becomes a visible
 *    `@everyone` and is caught below.
 * 3. Whitespace is normalised (one line, or at most one blank line in a row).
 * 4. Broadcasts are broken with a ZERO WIDTH SPACE after the at sign: `@everyone`, `@here`, also
 *    with the full-width `＠`, the small `﹫` or full-width letters (compared after NFKC). Only our
 *    own U+200B survive step 2.
 * 5. Every `<` followed by a character gets a U+200B, so no `<@123>`, `<@!123>`, `<@&123>`,
 *    `<#123>`, `<t:0:R>`, `<:emoji:1>`, `</cmd:1>` or `<id:…>` token can form.
 * 6. Markdown characters get a backslash (Discord renders `\x` as `x` for punctuation). Escaping is
 *    per character, with no context, so text can be cut between any two graphemes: `[` and `]`
 *    (no masked link), `` ` `` (no code-fence breakout), `*`, `_`, `~`, `|`, `>`, `#`, `\`.
 */
import { decodeHTML } from 'entities';
import { stripInvisible } from '../safe-text.ts';

const ZWSP = '\u200B';
const AT_WORD = /([@＠﹫])(?=(\p{L}+))/gu;
const BROADCAST = /^(?:everyone|here)/i;
const MARKDOWN = /[\\*_~`|[\]>#]/g;
const MARKDOWN_CHARS = new Set('\\*_~`|[]>#');
const ENTITY_ROUNDS = 4;
/**
 * Text longer than this many times the limit is cut before the work, so a 100 KB title costs no
 * more than a short one. Stripping and decoding shrink text, but not by this much in any real feed.
 */
const PRECUT_FACTOR = 8;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export interface TextOptions {
  /** Keep line breaks (at most one blank line in a row); otherwise every whitespace run becomes one space. */
  multiline?: boolean;
}

function decodeEntities(text: string): string {
  let current = text;
  for (let round = 0; round < ENTITY_ROUNDS && current.includes('&'); round += 1) {
    const next = decodeHTML(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

function normaliseSpace(text: string, options: TextOptions): string {
  if (!options.multiline) return text.replace(/\s+/g, ' ').trim();
  return text.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Plain text for places Discord does not parse markdown (thread names, autocomplete choices), and
 * the first half of {@link fitMarkdown}: decoded, visible, with broadcasts and tokens broken.
 */
export function neutralise(raw: string, options: TextOptions = {}): string {
  const text = normaliseSpace(stripInvisible(decodeEntities(raw)), options);
  return text
    .replace(AT_WORD, (_match: string, at: string, word: string) => (BROADCAST.test(word.normalize('NFKC')) ? `${at}${ZWSP}` : at))
    .replace(/<(?=\S)/g, `<${ZWSP}`);
}

function escapeChars(text: string): string {
  return text.replace(MARKDOWN, (c) => `\\${c}`);
}

/** Safe markdown for any length; prefer {@link fitMarkdown} wherever a limit applies. */
export function escapeText(raw: string, options: TextOptions = {}): string {
  return escapeChars(neutralise(raw, options));
}

/** Safe markdown of at most `max` UTF-16 units once escaped, cut on a grapheme boundary with an ellipsis. */
export function fitMarkdown(raw: string, max: number, options: TextOptions = {}): string {
  const { text, cut } = precut(raw, max);
  return fit(neutralise(text, options), max, true, cut);
}

/** Safe plain text (no markdown parsed where it lands) of at most `max` units. */
export function fitPlain(raw: string, max: number): string {
  const { text, cut } = precut(raw, max);
  return fit(neutralise(text), max, false, cut);
}

function precut(raw: string, max: number): { text: string; cut: boolean } {
  const bound = max * PRECUT_FACTOR + 64;
  if (raw.length <= bound) return { text: raw, cut: false };
  return { text: raw.slice(0, bound).replace(/[\uD800-\uDBFF]$/, ''), cut: true };
}

/**
 * Cut so the escaped text plus an ellipsis fits `max`: count each character's escaped cost, then
 * step back to the grapheme boundary at or before that point. `cut`: the input was shortened
 * already, so the result ends with an ellipsis even if it fits.
 */
function fit(text: string, max: number, escape: boolean, cut: boolean): string {
  const encode = escape ? escapeChars : (s: string) => s;
  const whole = encode(text);
  if (!cut && whole.length <= max) return whole;
  const budget = max - 1;
  let used = 0;
  let index = 0;
  for (; index < text.length; index += 1) {
    const cost = escape && MARKDOWN_CHARS.has(text[index]!) ? 2 : 1;
    if (used + cost > budget) break;
    used += cost;
  }
  if (index < text.length) index = segmenter.segment(text).containing(index)?.index ?? index;
  return `${encode(text.slice(0, index)).trimEnd()}…`;
}
