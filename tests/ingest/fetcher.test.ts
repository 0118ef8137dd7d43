import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, DEFAULT_FETCHER_OPTIONS, type SafeFetcher } from '../../src/ingest/fetcher.ts';
import { planNextPoll } from '../../src/ingest/poll-policy.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { fetchError, SMALL_RSS } from './fetch-helpers.ts';

let server: FeedServer;
let fetcher: SafeFetcher;

beforeAll(async () => {
  server = await startFeedServer();
  fetcher = createFetcher({ allowHosts: [server.host], timeoutMs: 5_000 });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('fetcher: ordinary responses', () => {
  it('returns the body, the final URL and the content type with its charset', async () => {
    server.route('/plain.xml', { headers: { 'content-type': 'text/xml; charset=windows-1251' }, body: SMALL_RSS });
    const result = await fetcher.fetch({ url: `${server.url}/plain.xml` });
    expect(result.status).toBe(200);
    expect(result.url).toBe(`${server.url}/plain.xml`);
    expect(result.body.toString('utf8')).toBe(SMALL_RSS);
    expect(result.contentType).toBe('text/xml; charset=windows-1251');
  });

  it('sends a descriptive User-Agent, a feed Accept header and the encodings it can undo', async () => {
    server.route('/ua.xml', { body: SMALL_RSS });
    await fetcher.fetch({ url: `${server.url}/ua.xml` });
    const [request] = server.requestsTo('/ua.xml');
    expect(request?.headers['user-agent']).toBe(DEFAULT_FETCHER_OPTIONS.userAgent);
    expect(request?.headers['user-agent']).toMatch(/^Herald\/\S+ \(\+https?:\/\/.+\)$/);
    expect(request?.headers.accept).toContain('application/rss+xml');
    expect(request?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('passes a caller-chosen Accept header through (pages ask for HTML)', async () => {
    server.route('/page.html', { headers: { 'content-type': 'text/html' }, body: '<p>hi</p>' });
    await fetcher.fetch({ url: `${server.url}/page.html`, accept: 'text/html' });
    expect(server.requestsTo('/page.html')[0]?.headers.accept).toBe('text/html');
  });

  it.each(['image/png', 'application/octet-stream', 'text/html'])('returns the body even when it is served as %s', async (type) => {
    const path = `/typed-${type.replace('/', '-')}`;
    server.route(path, { headers: { 'content-type': type }, body: SMALL_RSS });
    const result = await fetcher.fetch({ url: `${server.url}${path}` });
    expect(result.body.toString('utf8')).toBe(SMALL_RSS);
    expect(result.contentType).toBe(type);
  });

  it.each(['gzip', 'deflate', 'br'] as const)('decodes a %s body', async (encoding) => {
    server.compressed(`/enc-${encoding}.xml`, SMALL_RSS, encoding);
    const result = await fetcher.fetch({ url: `${server.url}/enc-${encoding}.xml` });
    expect(result.body.toString('utf8')).toBe(SMALL_RSS);
  });

  it('follows a relative redirect and reports the final URL', async () => {
    server.route('/final.xml', { body: SMALL_RSS });
    server.redirect('/moved', '/final.xml', 301);
    const result = await fetcher.fetch({ url: `${server.url}/moved` });
    expect(result.url).toBe(`${server.url}/final.xml`);
    expect(result.body.toString('utf8')).toBe(SMALL_RSS);
  });

  it('reads Cache-Control max-age', async () => {
    server.route('/cached.xml', { headers: { 'cache-control': 'public, s-maxage=60, max-age=900' }, body: SMALL_RSS });
    const result = await fetcher.fetch({ url: `${server.url}/cached.xml` });
    expect(result.maxAgeSeconds).toBe(900);
  });

  it.each([404, 410, 500])('turns HTTP %i into bad-status with the status', async (status) => {
    server.route(`/status-${status}`, { status, body: 'secret body text that must not leak' });
    const error = await fetchError(fetcher.fetch({ url: `${server.url}/status-${status}` }));
    expect(error.reason).toBe('bad-status');
    expect(error.status).toBe(status);
    expect(error.message).not.toContain('secret body text');
  });
});

describe('fetcher: conditional GET', () => {
  const etag = '"v1-abc"';
  const lastModified = 'Tue, 01 Dec 2026 10:00:00 GMT';

  beforeAll(() => {
    server.conditional('/cond.xml', { body: SMALL_RSS, etag, lastModified, headers: { 'cache-control': 'max-age=300' } });
  });

  it('returns the validators on the first fetch', async () => {
    const first = await fetcher.fetch({ url: `${server.url}/cond.xml` });
    expect(first.status).toBe(200);
    expect(first.etag).toBe(etag);
    expect(first.lastModified).toBe(lastModified);
    expect(first.body.length).toBeGreaterThan(0);
  });

  it('sends If-None-Match and gets 304 with an empty body', async () => {
    const again = await fetcher.fetch({ url: `${server.url}/cond.xml`, etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.maxAgeSeconds).toBe(300);
    expect(server.requestsTo('/cond.xml').at(-1)?.headers['if-none-match']).toBe(etag);
  });

  it('sends If-Modified-Since and gets 304', async () => {
    const again = await fetcher.fetch({ url: `${server.url}/cond.xml`, lastModified });
    expect(again.status).toBe(304);
    expect(server.requestsTo('/cond.xml').at(-1)?.headers['if-modified-since']).toBe(lastModified);
  });

  it('gets the full body again when the validator is stale', async () => {
    const changed = await fetcher.fetch({ url: `${server.url}/cond.xml`, etag: '"v0-old"' });
    expect(changed.status).toBe(200);
    expect(changed.body.toString('utf8')).toBe(SMALL_RSS);
  });
});

describe('fetcher: rate limits', () => {
  it('turns 429 with Retry-After seconds into rate-limited, and the next poll waits at least that long', async () => {
    server.route('/busy', { status: 429, headers: { 'retry-after': '120' } });
    const error = await fetchError(fetcher.fetch({ url: `${server.url}/busy` }));
    expect(error.reason).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(120_000);

    const now = new Date('2026-12-01T10:00:00Z');
    const next = planNextPoll({ now, intervalMs: 60_000, failures: 1, maxBackoffMs: 3_600_000, retryAfterMs: error.retryAfterMs, random: () => 0.9 });
    expect(next.getTime() - now.getTime()).toBeGreaterThanOrEqual(120_000);
  });

  it('turns 503 with an HTTP-date Retry-After into rate-limited with a positive delay', async () => {
    const at = new Date(Date.now() + 10 * 60_000).toUTCString();
    server.route('/maintenance', { status: 503, headers: { 'retry-after': at } });
    const error = await fetchError(fetcher.fetch({ url: `${server.url}/maintenance` }));
    expect(error.reason).toBe('rate-limited');
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBeGreaterThan(8 * 60_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(10 * 60_000);
  });

  it('leaves retryAfterMs unset when 429 carries no Retry-After', async () => {
    server.route('/busy-bare', { status: 429 });
    const error = await fetchError(fetcher.fetch({ url: `${server.url}/busy-bare` }));
    expect(error.reason).toBe('rate-limited');
    expect(error.retryAfterMs).toBeUndefined();
  });
});

describe('fetcher: per-host concurrency', () => {
  it('keeps at most perHostConcurrency requests open to one host', async () => {
    const gate = server.hold('/slow-feed.xml', { body: SMALL_RSS });
    const limited = createFetcher({ allowHosts: [server.host], perHostConcurrency: 2 });
    try {
      server.resetStats();
      const all = Array.from({ length: 6 }, (_, i) => limited.fetch({ url: `${server.url}/slow-feed.xml?n=${i}` }));
      await gate.waitFor(2);
      // Give any request the limiter failed to hold back time to reach the server.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(server.inFlight).toBe(2);
      gate.open();
      const results = await Promise.all(all);
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(server.requestsTo('/slow-feed.xml')).toHaveLength(6);
      expect(server.maxInFlight).toBe(2);
    } finally {
      gate.open();
      await limited.close();
    }
  });

  it('counts hosts separately (127.0.0.1 and localhost are two hosts)', async () => {
    const gate = server.hold('/slow-two-hosts.xml', { body: SMALL_RSS });
    const localhost = `localhost:${server.port}`;
    const limited = createFetcher({ allowHosts: [server.host, localhost], perHostConcurrency: 1 });
    try {
      server.resetStats();
      const all = [
        limited.fetch({ url: `${server.url}/slow-two-hosts.xml?a` }),
        limited.fetch({ url: `${server.url}/slow-two-hosts.xml?b` }),
        limited.fetch({ url: `http://${localhost}/slow-two-hosts.xml?c` }),
        limited.fetch({ url: `http://${localhost}/slow-two-hosts.xml?d` }),
      ];
      await gate.waitFor(2);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(server.inFlight).toBe(2);
      const hosts = server.requestsTo('/slow-two-hosts.xml').map((r) => r.headers.host);
      expect(new Set(hosts)).toEqual(new Set([server.host, localhost]));
      gate.open();
      await Promise.all(all);
      expect(server.maxInFlight).toBe(2);
    } finally {
      gate.open();
      await limited.close();
    }
  });
});
