/**
 * Turning whatever went wrong inside one fetch into a FeedFetchError with a short, secret-free message.
 */
import { FeedFetchError, type FeedFetchReason } from '../core/errors.ts';

/** An error raised inside the fetcher (guard, connector, body reader) before it knows the request URL. */
export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
  readonly reason: FeedFetchReason;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(reason: FeedFetchReason, message: string, extra: { status?: number; retryAfterMs?: number } = {}) {
    super(message);
    this.reason = reason;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
  }
}

const SECRET_PARAM = /key|token|secret|pass|auth|sig|session|code/i;

/** The URL without user:password and with secret-looking query values masked, for messages and logs. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, 'REDACTED');
  }
  return url.href;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT',
]);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

export interface FailureContext {
  /** The URL the caller asked for (redacted before use). */
  url: string;
  /** The hop being fetched when it failed. */
  hopUrl: string;
  /** Our own total deadline fired. */
  deadlineHit: boolean;
  deadlineMs: number;
  /** The caller's signal aborted. */
  callerAborted: boolean;
}

/** Maps any error thrown during a fetch to a FeedFetchError. The original error stays as `cause`. */
export function toFeedFetchError(error: unknown, context: FailureContext): FeedFetchError {
  const url = redactUrl(context.url);
  const hop = redactUrl(context.hopUrl);
  if (error instanceof FeedFetchError) return error;
  if (error instanceof FetchFailure) {
    return new FeedFetchError(error.reason, url, error.message, {
      cause: error,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    });
  }
  if (context.deadlineHit) {
    return new FeedFetchError('timeout', url, `no complete response within ${context.deadlineMs} ms from ${hop}`, { cause: error });
  }
  if (context.callerAborted) return new FeedFetchError('network', url, `aborted by caller while fetching ${hop}`, { cause: error });
  const code = codeOf(error);
  if (code && DNS_CODES.has(code)) return new FeedFetchError('dns', url, `could not resolve ${new URL(context.hopUrl).hostname} (${code})`, { cause: error });
  if (code && CONNECT_CODES.has(code)) return new FeedFetchError('connect', url, `could not connect for ${hop} (${code})`, { cause: error });
  if (code && (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL'))) {
    return new FeedFetchError('connect', url, `TLS handshake failed for ${hop} (${code})`, { cause: error });
  }
  if (code && TIMEOUT_CODES.has(code)) return new FeedFetchError('timeout', url, `server too slow for ${hop} (${code})`, { cause: error });
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return new FeedFetchError('network', url, `connection closed before the response was complete for ${hop} (${code})`, { cause: error });
  }
  const detail = code ?? (error instanceof Error ? error.name : 'unknown error');
  return new FeedFetchError('network', url, `request failed for ${hop} (${detail})`, { cause: error });
}
