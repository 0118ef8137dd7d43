/**
 * Feed-controlled text → Slack text that shows the same words and can never ping, link or format.
 *
 * Order matters: invisible characters are stripped first (so `@\u200Beveryone` becomes visible as
 * `@everyone` and is then caught), whitespace is normalised, and only then are our own breaks inserted.
 *
 * - `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`, so `<!channel>`, `<!here>`, `<@U…>`,
 *   `<!subteam^…>`, `<#C…>`, `<!date…>` and `<url|label>` can never form.
 * - `@everyone`, `@here`, `@channel`, `@group` (also with the full-width `＠` or the small `﹫`) get a
 *   WORD JOINER (U+2060) after the at sign: invisible, and no longer the keyword, even if some client
 *   parses plain text. stripInvisible removes U+2060 from feed text, so only ours survive.
 * - mrkdwn has no escape for `*`, `_`, `~` and `` ` ``, so they are replaced by look-alikes
 *   (∗ ˍ ∼ ˋ) that Slack does not treat as markers; a `>` that starts a line (a quote) becomes `›`.
 * - Text objects are sent with `verbatim: true` by the renderer, so Slack does not auto-link or
 *   auto-parse mentions either.
 * - Cutting to a limit happens on grapheme boundaries and counts the escaped length, so an entity
 *   is never cut in half and a limit is never exceeded.
 */
import { stripInvisible, type SafeLink } from '../safe-text.ts';

const WORD_JOINER = '\u2060';
const BROADCAST = /([@＠﹫])(?=(?:everyone|here|channel|group)(?![\p{L}\p{N}_]))/giu;
const LOOKALIKE: Record<string, string> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export interface TextOptions {
  /** Keep line breaks (at most one blank line in a row); otherwise all whitespace runs become one space. */
  multiline?: boolean;
}

/** Strip, normalise and neutralise, but do not entity-escape yet (the result is still plain text). */
function neutralise(raw: string, options: TextOptions): string {
  let text = stripInvisible(raw);
  text = options.multiline
    ? text.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim()
    : text.replace(/\s+/g, ' ').trim();
  return text
    .replace(BROADCAST, `$1${WORD_JOINER}`)
    .replace(/[*_~`]/g, (c) => LOOKALIKE[c] ?? c)
    .replace(/^>/gm, '\u203A');
}

function entities(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITY[c] ?? c);
}

/** Safe mrkdwn for any length; prefer {@link fitMrkdwn} wherever a limit applies. */
export function escapeMrkdwn(raw: string, options: TextOptions = {}): string {
  return entities(neutralise(raw, options));
}

/** Safe mrkdwn of at most `max` characters once escaped, cut on a grapheme boundary with an ellipsis. */
export function fitMrkdwn(raw: string, max: number, options: TextOptions = {}): string {
  const { text, cut } = bounded(raw, max);
  return fit(neutralise(text, options), max, entities, cut);
}

/**
 * Safe text for a `plain_text` object (header blocks) of at most `max` characters. Slack does not
 * parse markup there, but angle brackets are still swapped for ‹ › and an entity-like `&` gets a
 * word joiner, so the text reads the same whether or not a client decodes entities.
 */
export function fitPlainText(raw: string, max: number): string {
  const { text, cut } = bounded(raw, max);
  const plain = neutralise(text, {}).replace(/</g, '\u2039').replace(/>/g, '\u203A').replace(/&(?=#?\w+;)/g, `&${WORD_JOINER}`);
  return fit(plain, max, (s) => s, cut);
}

/**
 * Only the head of a huge field can be shown, so only the head is worked on: a 1 MB description
 * costs the same as a short one. The slice keeps whole code points; `cut` forces the ellipsis.
 */
function bounded(raw: string, max: number): { text: string; cut: boolean } {
  const limit = max * 4 + 256;
  if (raw.length <= limit) return { text: raw, cut: false };
  const end = /[\uD800-\uDBFF]/.test(raw.charAt(limit - 1)) ? limit - 1 : limit;
  return { text: raw.slice(0, end), cut: true };
}

function fit(text: string, max: number, encode: (s: string) => string, cut: boolean): string {
  if (!cut) {
    const whole = encode(text);
    if (whole.length <= max) return whole;
  }
  let out = '';
  // Every piece is at least as long as its source, so the head of max + 64 units is enough; a
  // grapheme the slice splits cannot fit in what is left and is never taken.
  for (const { segment } of segmenter.segment(text.slice(0, max + 64))) {
    const piece = encode(segment);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  const head = out.trimEnd();
  return head ? `${head}…` : '';
}

/** A link showing its real host: `<url|host>`. Only ever built from {@link safeLink} output. */
export function linkToken(link: SafeLink): string {
  return `<${entities(link.url)}|${entities(link.host)}>`;
}
