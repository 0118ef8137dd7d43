import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher, type SafeFetcher } from '../../src/ingest/fetcher.ts';
import type { LookupFn } from '../../src/ingest/safe-connector.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { fetchError, SMALL_RSS, spyOnConnections, type ConnectionSpy } from './fetch-helpers.ts';

const METADATA = '169.254.169.254';

let server: FeedServer;
let other: FeedServer; // a second loopback service the feed host must not be able to reach
let fetcher: SafeFetcher; // allowlists exactly server.host
let strict: SafeFetcher; // allowlists nothing
let spy: ConnectionSpy;

/** A resolver for made-up names, so DNS tricks can be played offline. */
const fakeDns: Record<string, string[]> = {
  'feed.example.test': ['127.0.0.1'],
  'metadata.example.test': [METADATA],
  'rebind.example.test': ['93.184.216.34', '127.0.0.1'],
  'mapped.example.test': ['::ffff:169.254.169.254'],
};
const lookup: LookupFn = async (hostname) => {
  const addresses = fakeDns[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

beforeAll(async () => {
  server = await startFeedServer();
  other = await startFeedServer();
  other.route('/secret', { body: 'internal admin page' });
  server.route('/feed.xml', { body: SMALL_RSS });
  fetcher = createFetcher({ allowHosts: [server.host], lookup, timeoutMs: 5_000 });
  strict = createFetcher();
});

afterAll(async () => {
  await Promise.all([fetcher.close(), strict.close()]);
  await Promise.all([server.close(), other.close()]);
});

beforeEach(() => {
  spy = spyOnConnections();
});

afterEach(() => {
  spy.stop();
  expect(spy.attempts.filter((a) => a.startsWith(METADATA))).toEqual([]);
});

describe('fetch guard: direct targets', () => {
  it.each([
    ['the metadata service', `http://${METADATA}/latest/meta-data/`],
    ['a private address', 'http://10.0.0.1/feed'],
    ['CGNAT space', 'http://100.64.0.1/'],
    ['0.0.0.0', 'http://0.0.0.0/'],
    ['IPv6 loopback', 'http://[::1]/'],
    ['IPv6 unique-local metadata', 'http://[fd00:ec2::254]/'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
    ['decimal 127.0.0.1', 'http://2130706433/'],
    ['hex 127.0.0.1', 'http://0x7f000001/'],
    ['octal 127.0.0.1', 'http://0177.0.0.1/'],
  ])('refuses %s before connecting', async (_label, url) => {
    const error = await fetchError(strict.fetch({ url }));
    expect(error.reason).toBe('private-address');
    expect(spy.attempts).toEqual([]);
  });

  it('refuses the loopback feed server itself when nothing is allowlisted', async () => {
    const error = await fetchError(strict.fetch({ url: `${server.url}/feed.xml` }));
    expect(error.reason).toBe('private-address');
    expect(server.requestsTo('/feed.xml')).toHaveLength(0);
  });

  it('refuses another port on the allowlisted address', async () => {
    const error = await fetchError(fetcher.fetch({ url: `${other.url}/secret` }));
    expect(error.reason).toBe('private-address');
    expect(other.connections).toBe(0);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/feed.xml', 'gopher://example.com/', 'data:text/plain,hi', 'javascript:alert(1)'])(
    'refuses the scheme of %s',
    async (url) => {
      const error = await fetchError(fetcher.fetch({ url }));
      expect(error.reason).toBe('bad-scheme');
    },
  );

  it('rejects a string that is not a URL', async () => {
    const error = await fetchError(fetcher.fetch({ url: 'not a url at all' }));
    expect(error.reason).toBe('invalid-url');
  });
});

describe('fetch guard: names are checked after DNS resolution', () => {
  it('connects to the checked address for an allowlisted name and keeps the Host header', async () => {
    const result = await fetcher.fetch({ url: `http://feed.example.test:${server.port}/feed.xml` });
    expect(result.body.toString('utf8')).toBe(SMALL_RSS);
    expect(server.requestsTo('/feed.xml').at(-1)?.headers.host).toBe(`feed.example.test:${server.port}`);
  });

  it('refuses a name that resolves to the metadata address, without connecting', async () => {
    const error = await fetchError(fetcher.fetch({ url: 'http://metadata.example.test/latest/meta-data/' }));
    expect(error.reason).toBe('private-address');
    expect(error.message).toContain(METADATA);
    expect(spy.attempts).toEqual([]);
  });

  it('refuses a name that resolves to an IPv4-mapped IPv6 metadata address', async () => {
    const error = await fetchError(fetcher.fetch({ url: 'http://mapped.example.test/' }));
    expect(error.reason).toBe('private-address');
    expect(spy.attempts).toEqual([]);
  });

  it('refuses a name with one public and one loopback record (rebinding)', async () => {
    const error = await fetchError(fetcher.fetch({ url: `http://rebind.example.test:${other.port}/secret` }));
    expect(error.reason).toBe('private-address');
    expect(spy.attempts).toEqual([]);
    expect(other.connections).toBe(0);
  });

  it('refuses localhost on a port that is not allowlisted (system resolver)', async () => {
    const system = createFetcher({ allowHosts: [server.host] });
    const error = await fetchError(system.fetch({ url: `http://localhost:${other.port}/secret` }));
    expect(error.reason).toBe('private-address');
    expect(other.connections).toBe(0);
    await system.close();
  });

  it('reports a name that does not resolve as dns', async () => {
    const error = await fetchError(fetcher.fetch({ url: 'http://missing.example.test/feed.xml' }));
    expect(error.reason).toBe('dns');
  });

  it('reports a refused connection as connect', async () => {
    const gone = await startFeedServer();
    const { host, url } = gone;
    await gone.close();
    const client = createFetcher({ allowHosts: [host] });
    const error = await fetchError(client.fetch({ url: `${url}/feed.xml` }));
    expect(error.reason).toBe('connect');
    await client.close();
  });
});

describe('fetch guard: every redirect hop', () => {
  it.each([
    ['another loopback port', () => `http://127.0.0.1:${other.port}/secret`],
    ['the metadata service', () => `http://${METADATA}/latest/meta-data/`],
    ['IPv6 loopback', () => `http://[::1]:${other.port}/secret`],
    ['hex loopback', () => `http://0x7f000001:${other.port}/secret`],
    ['a name resolving to metadata', () => 'http://metadata.example.test/'],
  ])('refuses a redirect to %s', async (label, target) => {
    const path = `/to-${label.replaceAll(' ', '-')}`;
    server.redirect(path, target(), 302);
    const error = await fetchError(fetcher.fetch({ url: `${server.url}${path}` }));
    expect(error.reason).toBe('private-address');
    expect(other.connections).toBe(0);
    expect(spy.attempts.every((a) => a === `127.0.0.1:${server.port}`)).toBe(true);
  });

  it('refuses a redirect to file:///etc/passwd', async () => {
    server.redirect('/to-file', 'file:///etc/passwd', 301);
    const error = await fetchError(fetcher.fetch({ url: `${server.url}/to-file` }));
    expect(error.reason).toBe('bad-scheme');
    expect(error.message).toContain(`${server.url}/to-file`);
  });

  it('follows a redirect to another loopback port once that host:port is allowlisted', async () => {
    other.route('/allowed.xml', { body: SMALL_RSS });
    server.redirect('/to-other-allowed', `${other.url}/allowed.xml`);
    const both = createFetcher({ allowHosts: [server.host, other.host] });
    const result = await both.fetch({ url: `${server.url}/to-other-allowed` });
    expect(result.url).toBe(`${other.url}/allowed.xml`);
    expect(result.body.toString('utf8')).toBe(SMALL_RSS);
    await both.close();
  });

  it('admits a CIDR allowlist entry', async () => {
    const wide = createFetcher({ allowHosts: ['127.0.0.0/8'] });
    const result = await wide.fetch({ url: `${other.url}/allowed.xml` });
    expect(result.status).toBe(200);
    await wide.close();
  });

  it('stops a redirect loop and names the hops', async () => {
    server.redirect('/loop-a', '/loop-b', 301);
    server.redirect('/loop-b', '/loop-a', 301);
    const error = await fetchError(fetcher.fetch({ url: `${server.url}/loop-a` }));
    expect(error.reason).toBe('too-many-redirects');
    expect(error.message).toContain(`${server.url}/loop-b`);
  });

  it('follows 5 redirects but not 6, naming the hop where it stopped', async () => {
    for (let i = 0; i < 20; i++) server.redirect(`/chain-${i}`, `/chain-${i + 1}`, 307);
    server.route('/chain-20', { body: SMALL_RSS });
    server.route('/chain-5', { body: SMALL_RSS });
    const ok = await fetcher.fetch({ url: `${server.url}/chain-0` });
    expect(ok.url).toBe(`${server.url}/chain-5`);

    server.redirect('/chain-5', '/chain-6', 307);
    const error = await fetchError(fetcher.fetch({ url: `${server.url}/chain-0` }));
    expect(error.reason).toBe('too-many-redirects');
    expect(error.message).toContain(`${server.url}/chain-6`);
    expect(server.requestsTo('/chain-6')).toHaveLength(0);
  });
});

describe('fetch guard: secrets stay out', () => {
  it('sends URL credentials to their origin only, never across a redirect', async () => {
    const localhost = `localhost:${server.port}`;
    server.redirect('/auth-start', `http://${localhost}/auth-end`);
    server.route('/auth-end', { body: SMALL_RSS });
    const client = createFetcher({ allowHosts: [server.host, localhost] });
    const url = new URL(`${server.url}/auth-start`);
    url.username = 'reader';
    url.password = 'hunter2';
    await client.fetch({ url: url.href });
    expect(server.requestsTo('/auth-start')[0]?.headers.authorization).toBe(`Basic ${Buffer.from('reader:hunter2').toString('base64')}`);
    expect(server.requestsTo('/auth-end')[0]?.headers.authorization).toBeUndefined();
    await client.close();
  });

  it('keeps passwords and tokens out of error messages', async () => {
    const error = await fetchError(fetcher.fetch({ url: `http://reader:hunter2@10.1.2.3/feed?api_token=abc123secret&page=2` }));
    expect(error.reason).toBe('private-address');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('abc123secret');
    expect(error.url).not.toContain('hunter2');
    expect(error.message).toContain('page=2');
  });
});
