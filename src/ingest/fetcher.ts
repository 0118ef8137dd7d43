/**
 * The one HTTP client for feeds and pages: bounded in time, size and redirects, refusing private
 * addresses on every hop, and polite (conditional GET, per-host concurrency, a descriptive User-Agent).
 */
import { Agent, request as undiciRequest } from 'undici';
import type { FetchRequest, FetchResult, Fetcher } from '../core/ports.ts';
import { isBlockedAddress, isAllowed, isIpLiteral, unbracket } from './address-guard.ts';
import { FetchFailure, redactUrl, toFeedFetchError } from './fetch-failure.ts';
import { createHostLimiter } from './host-limiter.ts';
import { headerValue, parseMaxAge, parseRetryAfter } from './http-hints.ts';
import { ACCEPT_ENCODING, readBody } from './read-body.ts';
import { createSafeConnector, type LookupFn } from './safe-connector.ts';

export interface FetcherOptions {
  /** Deadline for the whole fetch, every hop and the body included, once a host slot is held. */
  timeoutMs: number;
  /** Deadline for DNS plus the TCP/TLS handshake of one connection. */
  connectTimeoutMs: number;
  /** Body cap in bytes, counted after decompression. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Requests open at once to one host (hostname:port). */
  perHostConcurrency: number;
  /**
   * Private or loopback targets to admit anyway: `127.0.0.1`, `127.0.0.1:8080`, `[::1]:8080`,
   * `localhost`, `10.0.0.0/8`. Everything else that is not a public address is refused.
   */
  allowHosts?: string[];
  /** DNS resolver; defaults to the system one. Tests inject one to play DNS tricks offline. */
  lookup?: LookupFn;
}

export const FEED_MAX_BYTES = 10 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 20_000;
export const CONNECT_TIMEOUT_MS = 5_000;

export const DEFAULT_FETCHER_OPTIONS: Readonly<FetcherOptions> = Object.freeze({
  timeoutMs: FETCH_TIMEOUT_MS,
  connectTimeoutMs: CONNECT_TIMEOUT_MS,
  maxBytes: FEED_MAX_BYTES,
  maxRedirects: 5,
  userAgent: 'Herald/0.1 (+https://github.com/herald-news/herald; news briefing bot)',
  perHostConcurrency: 2,
});

/** Used when the request names no Accept header: feed types first, anything else last. */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1';

/** Bytes of an unwanted body (redirect, error) read so the connection can be reused. */
const DISCARD_LIMIT_BYTES = 64 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A Fetcher that also owns a connection pool, closed with `close()`. */
export interface SafeFetcher extends Fetcher {
  close(): Promise<void>;
}

/**
 * Builds the fetcher. Options default to {@link DEFAULT_FETCHER_OPTIONS}. Any 2xx counts as 200; 304 comes
 * back with an empty body; every failure rejects with a FeedFetchError whose message holds no credentials,
 * secret-looking query values or body text.
 */
export function createFetcher(options: Partial<FetcherOptions> = {}): SafeFetcher {
  const config: FetcherOptions = { ...DEFAULT_FETCHER_OPTIONS, ...options };
  for (const key of ['timeoutMs', 'connectTimeoutMs', 'maxBytes', 'perHostConcurrency'] as const) {
    if (!(config[key] > 0)) throw new RangeError(`fetcher ${key} must be positive`);
  }
  const allowHosts = config.allowHosts ?? [];
  const limiter = createHostLimiter(config.perHostConcurrency);
  const agent = new Agent({
    connect: createSafeConnector({ connectTimeoutMs: config.connectTimeoutMs, allowHosts, ...(config.lookup ? { lookup: config.lookup } : {}) }),
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
  });

  /** Scheme and IP-literal checks that need no DNS; the connector checks resolved names. */
  const checkTarget = (raw: string, base?: URL): URL => {
    let url: URL;
    try {
      url = base ? new URL(raw, base) : new URL(raw);
    } catch {
      throw new FetchFailure('invalid-url', base ? `redirect to an invalid URL from ${redactUrl(base.href)}` : 'not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchFailure('bad-scheme', `${url.protocol.slice(0, 20)} is not http(s)${base ? ` (redirect from ${redactUrl(base.href)})` : ''}`);
    }
    // WHATWG URL has already turned 2130706433 and 0x7f000001 into 127.0.0.1, so this sees the real address.
    if (isIpLiteral(url.hostname)) {
      const ip = unbracket(url.hostname);
      const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
      if (isBlockedAddress(ip) && !isAllowed(ip, port, ip, allowHosts)) {
        throw new FetchFailure('private-address', `refused ${redactUrl(url.href)}: ${ip} is not a public address`);
      }
    }
    return url;
  };

  async function fetchOnce(request: FetchRequest, signal: AbortSignal, onHop: (url: URL) => void, armDeadline: () => void): Promise<FetchResult> {
    const origin = checkTarget(request.url);
    const credentials = origin.username || origin.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(origin.username)}:${decodeURIComponent(origin.password)}`).toString('base64')}`
      : undefined;
    let current = origin;
    const visited = [redactUrl(current.href)];
    for (let redirects = 0; ; redirects++) {
      onHop(current);
      const release = await limiter.acquire(current.host, signal);
      armDeadline();
      try {
        const target = new URL(current.href);
        target.username = '';
        target.password = '';
        const headers: Record<string, string> = {
          'user-agent': config.userAgent,
          accept: request.accept ?? FEED_ACCEPT,
          'accept-encoding': ACCEPT_ENCODING,
        };
        if (request.etag) headers['if-none-match'] = request.etag;
        if (request.lastModified) headers['if-modified-since'] = request.lastModified;
        // Credentials from the URL go only to the origin they were written for, never to a redirect target.
        if (credentials && target.origin === origin.origin) headers.authorization = credentials;

        const response = await undiciRequest(target, { dispatcher: agent, method: 'GET', headers, signal });
        const { statusCode: status, body } = response;
        const header = (name: string): string | undefined => headerValue(response.headers[name]);

        if (REDIRECT_STATUSES.has(status)) {
          await body.dump({ limit: DISCARD_LIMIT_BYTES }).catch(() => undefined);
          const location = header('location');
          if (!location) throw new FetchFailure('bad-status', `${status} redirect without a Location from ${redactUrl(current.href)}`, { status });
          const next = checkTarget(location, current);
          const nextLabel = redactUrl(next.href);
          if (visited.includes(nextLabel)) {
            throw new FetchFailure('too-many-redirects', `redirect loop: ${[...visited, nextLabel].join(' -> ')}`);
          }
          if (redirects >= config.maxRedirects) {
            throw new FetchFailure('too-many-redirects', `more than ${config.maxRedirects} redirects; hop ${redirects + 1} from ${redactUrl(current.href)} to ${nextLabel}`);
          }
          visited.push(nextLabel);
          current = next;
          continue;
        }

        const common = {
          url: target.href,
          ...optional('contentType', header('content-type')),
          ...optional('etag', header('etag')),
          ...optional('lastModified', header('last-modified')),
          ...optional('maxAgeSeconds', parseMaxAge(response.headers['cache-control'])),
        };
        if (status === 304) {
          await body.dump({ limit: DISCARD_LIMIT_BYTES }).catch(() => undefined);
          return { status: 304, body: Buffer.alloc(0), ...common };
        }
        if (status === 429 || status === 503) {
          await body.dump({ limit: DISCARD_LIMIT_BYTES }).catch(() => undefined);
          const retryAfterMs = parseRetryAfter(response.headers['retry-after'], new Date());
          throw new FetchFailure('rate-limited', `${status} from ${redactUrl(current.href)}`, { status, ...optional('retryAfterMs', retryAfterMs) });
        }
        if (status < 200 || status > 299) {
          await body.dump({ limit: DISCARD_LIMIT_BYTES }).catch(() => undefined);
          throw new FetchFailure('bad-status', `HTTP ${status} from ${redactUrl(current.href)}`, { status });
        }
        const declared = Number(header('content-length'));
        if (Number.isFinite(declared) && declared > config.maxBytes) {
          body.destroy();
          throw new FetchFailure('too-large', `Content-Length ${declared} exceeds the ${config.maxBytes}-byte cap`);
        }
        const bytes = await readBody(body, header('content-encoding'), config.maxBytes);
        return { status: 200, body: bytes, ...common };
      } finally {
        release();
      }
    }
  }

  return {
    async fetch(request) {
      const deadline = new AbortController();
      const signal = request.signal ? AbortSignal.any([deadline.signal, request.signal]) : deadline.signal;
      let timer: NodeJS.Timeout | undefined;
      const armDeadline = (): void => {
        timer ??= setTimeout(() => deadline.abort(), config.timeoutMs);
      };
      let hop = request.url;
      try {
        return await fetchOnce(request, signal, (url) => { hop = url.href; }, armDeadline);
      } catch (error) {
        throw toFeedFetchError(error, {
          url: request.url,
          hopUrl: hop,
          deadlineHit: deadline.signal.aborted,
          deadlineMs: config.timeoutMs,
          callerAborted: request.signal?.aborted ?? false,
        });
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => agent.close(),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
