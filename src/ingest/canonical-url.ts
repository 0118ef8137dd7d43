/**
 * URL hygiene for feed links: only absolute http(s) survives; trackers, fragments, credentials
 * and default ports go; the host is lower-case (and punycode for IDNs); the path keeps its case.
 */

/** Longer links are junk or an attack on chat link syntax; real article URLs are far shorter. */
export const URL_MAX_CHARS = 4096;

const TRACKER_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'oly_', 'vero_', '__hs'];
const TRACKERS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', 'igsh', 'ref', 'ref_src', 'ref_url', 'referrer', 'src_ref', '_hsenc', '_hsmi',
  'mkt_tok', 'rb_clickid', 's_cid', 'cmpid', 'ocid', 'ncid', 'sr_share', 'smid', 'cmp', 'at_medium', 'at_campaign',
  '__twitter_impression', 'fb_ref', 'fb_source',
]);

/**
 * Resolve `url` (against `base` when relative) and return its canonical http(s) form, or
 * undefined when it is empty, unparseable, too long or not http(s) (javascript:, data:, file: ...).
 */
export function canonicalUrl(url: string, base?: string): string | undefined {
  const parsed = parseHttpUrl(url, base);
  if (!parsed) return undefined;
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = '';
    parsed.password = '';
  }
  // In a serialised URL the first `#` starts the fragment and the first `?` the query:
  // both are percent-encoded anywhere else. String work here avoids re-parsing per setter.
  let href = parsed.href;
  const hash = href.indexOf('#');
  if (hash !== -1) href = href.slice(0, hash);
  const query = href.indexOf('?');
  if (query !== -1) href = href.slice(0, query) + withoutTrackers(href.slice(query + 1));
  // `|` is not URL syntax but is chat link syntax (Slack's <url|label>); encode it.
  if (href.includes('|')) href = href.replaceAll('|', '%7C');
  return href.length > URL_MAX_CHARS ? undefined : href;
}

/**
 * A looser key for "the same article" across feeds: scheme, `www.`, a trailing slash and
 * the query order do not matter. Not a URL; use it only to compare.
 */
export function urlKey(url: string): string | undefined {
  const canonical = canonicalUrl(url);
  return canonical === undefined ? undefined : urlKeyOfCanonical(canonical);
}

/** urlKey of a URL that is already canonical (the output of canonicalUrl), without re-parsing. */
export function urlKeyOfCanonical(canonical: string): string {
  let rest = canonical.slice(canonical.indexOf('//') + 2);
  if (rest.startsWith('www.')) rest = rest.slice(4);
  const q = rest.indexOf('?');
  let path = q === -1 ? rest : rest.slice(0, q);
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  path = path.slice(0, end);
  const query = q === -1 ? '' : rest.slice(q + 1);
  return query === '' ? path : `${path}?${query.split('&').sort().join('&')}`;
}

/** Parse an absolute http(s) URL (resolving a relative one against an http(s) base). */
export function parseHttpUrl(url: string, base?: string): URL | undefined {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.length > URL_MAX_CHARS) return undefined;
  // A non-http(s) base (javascript:, data:, file:) yields a non-http(s) result or no result,
  // and both are refused below, so the base needs no separate check.
  const parsed = tryUrl(trimmed, base) ?? (base === undefined ? undefined : tryUrl(trimmed, undefined));
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') return undefined;
  return parsed;
}

function tryUrl(url: string, base: string | undefined): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/** True for a string that parses as an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  if (!/^\s*https?:/i.test(value)) return false;
  try {
    const u = new URL(value.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Filter the raw query so the remaining parameters keep their original encoding and order. */
function withoutTrackers(query: string): string {
  const kept = query.split('&').filter((pair) => pair !== '' && !isTracker(pairKey(pair)));
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

function pairKey(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function isTracker(key: string): boolean {
  const k = key.toLowerCase();
  return TRACKERS.has(k) || TRACKER_PREFIXES.some((p) => k.startsWith(p));
}
