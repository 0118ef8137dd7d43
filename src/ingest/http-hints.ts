/**
 * Reading the politeness hints servers send: Retry-After and Cache-Control max-age.
 */

/** A header value as undici returns it. */
export type HeaderValue = string | string[] | undefined;

/** The first value of a header (undici gives arrays for repeated headers). */
export function headerValue(value: HeaderValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds (`120`) or an HTTP date. A date in the past gives 0.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: HeaderValue, now: Date): number | undefined {
  const raw = headerValue(value)?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Cache-Control max-age in seconds (s-maxage is for shared caches and is ignored). */
export function parseMaxAge(value: HeaderValue): number | undefined {
  const raw = Array.isArray(value) ? value.join(',') : value;
  if (!raw) return undefined;
  for (const directive of raw.split(',')) {
    const match = /^\s*max-age\s*=\s*"?(\d+)"?\s*$/i.exec(directive);
    if (match) return Number(match[1]);
  }
  return undefined;
}
