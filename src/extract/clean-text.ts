/**
 * Last-step text hygiene for everything extraction returns: valid Unicode (lone surrogates
 * become U+FFFD), no control or zero-width characters, bounded length.
 */

/** Title, byline and summary fields are cut to this length. */
const INLINE_MAX_CHARS = 1_000;
/** Article text is cut (at a paragraph break when one is near) to this length. */
export const TEXT_MAX_CHARS = 200_000;

const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const INVISIBLE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g;

function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE_RE, '\ufffd');
}

/** Plain single-line text: collapsed whitespace, no control characters, bounded length. */
export function cleanInline(text: string | null | undefined): string {
  if (!text) return '';
  return wellFormed(
    text
      .slice(0, INLINE_MAX_CHARS * 4)
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(INVISIBLE_RE, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, INLINE_MAX_CHARS),
  );
}

/** Multi-paragraph text: keeps "\n" and "\n\n" breaks, drops other control characters. */
export function cleanText(text: string): string {
  let bounded = text;
  if (bounded.length > TEXT_MAX_CHARS) {
    const cut = bounded.lastIndexOf('\n\n', TEXT_MAX_CHARS);
    bounded = bounded.slice(0, cut > TEXT_MAX_CHARS / 2 ? cut : TEXT_MAX_CHARS);
  }
  return wellFormed(
    bounded
      .replace(/[\t\u00a0\u2028\u2029]/g, ' ')
      .replace(INVISIBLE_RE, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  );
}
