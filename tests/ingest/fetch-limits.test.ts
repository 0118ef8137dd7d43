/**
 * Size and time bounds, against the generated hostile cases of ../shared/data/hostile/generated/README.md
 * (huge-feed-50mb, huge-single-field, gzip-bomb, content-length-lie, slow-drip), all built at run time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, FEED_MAX_BYTES, type SafeFetcher } from '../../src/ingest/fetcher.ts';
import { MIB } from '../support/feed-payloads.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { fetchError } from './fetch-helpers.ts';

const CAP_BYTES = MIB;

let server: FeedServer;
let capped: SafeFetcher; // 1 MiB cap keeps these fast
let defaults: SafeFetcher; // the shipped 10 MiB cap

beforeAll(async () => {
  server = await startFeedServer();
  capped = createFetcher({ allowHosts: [server.host], maxBytes: CAP_BYTES, timeoutMs: 10_000 });
  defaults = createFetcher({ allowHosts: [server.host] });
});

afterAll(async () => {
  await Promise.all([capped.close(), defaults.close()]);
  await server.close();
});

/** The one request the server saw on `path`; its socket must end up closed by the client. */
async function expectSocketClosed(path: string): Promise<void> {
  const [record] = server.requestsTo(path);
  expect(record).toBeDefined();
  await record?.whenSocketClosed();
  expect(record?.socketClosed).toBe(true);
}

describe('fetch limits: body size', () => {
  it('fails fast on a 50 MB body whose Content-Length is over the cap', async () => {
    server.hugeFeed('/huge-declared.xml', { withContentLength: true });
    const error = await fetchError(capped.fetch({ url: `${server.url}/huge-declared.xml` }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('Content-Length');
    await expectSocketClosed('/huge-declared.xml');
  });

  it('stops a chunked 50 MB body at the cap and closes the connection', async () => {
    server.hugeFeed('/huge-chunked.xml', { withContentLength: false });
    const error = await fetchError(capped.fetch({ url: `${server.url}/huge-chunked.xml` }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain(String(CAP_BYTES));
    await expectSocketClosed('/huge-chunked.xml');
  });

  it('stops a 50 MB single text node at the cap', async () => {
    server.hugeFeed('/huge-field.xml', { withContentLength: false, singleField: true });
    const error = await fetchError(capped.fetch({ url: `${server.url}/huge-field.xml` }));
    expect(error.reason).toBe('too-large');
  });

  it('stops a chunked 50 MB body at the default 10 MiB cap', async () => {
    server.hugeFeed('/huge-default.xml', { withContentLength: false });
    const error = await fetchError(defaults.fetch({ url: `${server.url}/huge-default.xml` }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain(String(FEED_MAX_BYTES));
  });

  it('stops an endless body at the cap', async () => {
    server.endless('/endless');
    const error = await fetchError(capped.fetch({ url: `${server.url}/endless` }));
    expect(error.reason).toBe('too-large');
    await expectSocketClosed('/endless');
  });

  it('returns a body exactly at the cap', async () => {
    server.endless('/exact', { contentLength: CAP_BYTES });
    const result = await capped.fetch({ url: `${server.url}/exact` });
    expect(result.body.length).toBe(CAP_BYTES);
  });
});

describe('fetch limits: compression bombs (cap counted after decompression)', () => {
  it('stops a 1 GiB gzip bomb (about 1 MB on the wire) at the cap', async () => {
    server.gzipBomb('/bomb.gz');
    const error = await fetchError(capped.fetch({ url: `${server.url}/bomb.gz` }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('after decompression');
    await expectSocketClosed('/bomb.gz');
  });

  it('stops the gzip bomb at the default 10 MiB cap', async () => {
    server.gzipBomb('/bomb-default.gz');
    const error = await fetchError(defaults.fetch({ url: `${server.url}/bomb-default.gz` }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain(String(FEED_MAX_BYTES));
  });

  it.each(['deflate', 'br'] as const)('stops a %s bomb at the cap', async (encoding) => {
    server.gzipBomb(`/bomb-${encoding}`, { encoding });
    const error = await fetchError(capped.fetch({ url: `${server.url}/bomb-${encoding}` }));
    expect(error.reason).toBe('too-large');
  });

  it('stops a gzip-inside-gzip bomb declared as "gzip, gzip"', async () => {
    server.gzipBomb('/bomb-double.gz', { layers: 2 });
    const error = await fetchError(capped.fetch({ url: `${server.url}/bomb-double.gz` }));
    expect(error.reason).toBe('too-large');
  });

  it('undoes only the declared layer of a double-gzipped body and still bounds it', async () => {
    server.gzipBomb('/bomb-double-once.gz', { layers: 2, contentEncoding: 'gzip' });
    const result = await defaults.fetch({ url: `${server.url}/bomb-double-once.gz` });
    // The inner layer is still gzip: the parser will see binary, not 1 GiB of zeros.
    expect(result.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(result.body.length).toBeLessThanOrEqual(FEED_MAX_BYTES);
  });

  it('stops a bomb that starts with a valid feed prefix', async () => {
    server.gzipBomb('/bomb-prefix.gz', { prefix: '<?xml version="1.0"?><rss version="2.0"><channel><title>ok</title><item><title>' });
    const error = await fetchError(capped.fetch({ url: `${server.url}/bomb-prefix.gz` }));
    expect(error.reason).toBe('too-large');
  });

  it('rejects a corrupt gzip body cleanly', async () => {
    server.route('/corrupt.gz', { headers: { 'content-encoding': 'gzip' }, body: Buffer.from('this is not gzip at all') });
    const error = await fetchError(capped.fetch({ url: `${server.url}/corrupt.gz` }));
    expect(error.reason).toBe('network');
    expect(error.message).toMatch(/decode gzip/);
  });
});

describe('fetch limits: lying Content-Length', () => {
  it('reads only the declared 100 bytes when 50 MB follow', async () => {
    server.contentLengthLie('/lie-short', { declared: 100, sentBytes: 50 * MIB });
    const outcome = await capped.fetch({ url: `${server.url}/lie-short` }).then(
      (result) => result.body.length,
      (error: unknown) => error,
    );
    expect(outcome).toBe(100);
  });

  it('fails cleanly when the body ends long before the declared length', async () => {
    server.contentLengthLie('/lie-long', { declared: 100_000, sentBytes: 1024 });
    const error = await fetchError(capped.fetch({ url: `${server.url}/lie-long` }));
    expect(error.reason).toBe('network');
    expect(error.message).toMatch(/before the response was complete/);
  });

  it('fails fast when a 50 MB length is declared and 1 KB sent', async () => {
    server.contentLengthLie('/lie-huge', { declared: 50 * MIB, sentBytes: 1024 });
    const error = await fetchError(defaults.fetch({ url: `${server.url}/lie-huge` }));
    expect(error.reason).toBe('too-large');
  });
});

describe('fetch limits: total deadline', () => {
  const quick = (): SafeFetcher => createFetcher({ allowHosts: [server.host], timeoutMs: 500 });

  it('aborts a slow drip at the deadline and closes its socket', async () => {
    server.drip('/drip', { intervalMs: 50 });
    const client = quick();
    const error = await fetchError(client.fetch({ url: `${server.url}/drip` }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain('500 ms');
    await expectSocketClosed('/drip');
    await client.close();
  });

  it('aborts a server that never sends headers and closes the socket', async () => {
    server.drip('/silent', { sendHeaders: false });
    const client = quick();
    const error = await fetchError(client.fetch({ url: `${server.url}/silent` }));
    expect(error.reason).toBe('timeout');
    await expectSocketClosed('/silent');
    await client.close();
  });

  it('counts every redirect hop against the same deadline', async () => {
    server.drip('/drip-after-redirect', { intervalMs: 50 });
    server.redirect('/to-drip', '/drip-after-redirect');
    const client = quick();
    const error = await fetchError(client.fetch({ url: `${server.url}/to-drip` }));
    expect(error.reason).toBe('timeout');
    await expectSocketClosed('/drip-after-redirect');
    await client.close();
  });

  it("stops when the caller's signal aborts", async () => {
    server.drip('/drip-cancel', { intervalMs: 50 });
    const controller = new AbortController();
    const pending = capped.fetch({ url: `${server.url}/drip-cancel`, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await fetchError(pending);
    expect(error.reason).toBe('network');
    expect(error.message).toContain('aborted');
    await expectSocketClosed('/drip-cancel');
  });
});
