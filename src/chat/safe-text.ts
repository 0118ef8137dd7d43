/**
 * Platform-neutral safety for feed-controlled text before a platform escapes it: invisible and
 * direction-changing characters removed, links reduced to http(s) with their real host, and
 * truncation on grapheme boundaries so no emoji or accent is cut in half.
 */

/** Zero-width and bidi controls, soft hyphen, word joiner, BOM, variation selectors left dangling, tag characters. */
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200C\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0E\uFEFF\uFFA0]|\u{E0000}-\u{E007F}/gu;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Remove invisible, bidi and control characters; keep ZWJ (U+200D), which joins emoji. */
export function stripInvisible(text: string): string {
  return text.replace(CONTROL, '').replace(INVISIBLE, '');
}

/** At most `max` UTF-16 units, cut on a grapheme boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

export interface SafeLink {
  url: string;
  /** The real host, in punycode for internationalised names, so a look-alike cannot hide. */
  host: string;
}

/** An http(s) URL with no credentials, or undefined. Characters that break chat link syntax are percent-encoded. */
export function safeLink(raw: string | undefined): SafeLink | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  // Only the part after the origin is encoded: an IPv6 host keeps its brackets.
  const rest = url.href.slice(url.origin.length).replace(/[<>|()\s"'`[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const href = `${url.origin}${rest}`;
  if (href.length > 2000) return undefined;
  return { url: href, host: url.host };
}
