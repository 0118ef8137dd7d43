/**
 * Many synthetic feeds on the loopback feed server, spread over several hosts (127.0.0.x, one
 * server each), for the multi-instance suite and bench/poll.ts. Every request is counted per feed
 * and per instance (by User-Agent), and each host's peak of requests open at once is kept.
 *
 * Kinds of feed:
 * - `fresh`: 200 with `itemsPerFeed` items (every third ending with an "appeared first on" line); each `nextCycle()` publishes `newPerCycle` new ones (new ETag);
 * - `static`: 200 once, then 304 to a conditional GET carrying its ETag;
 * - `slow`: like `fresh`, after `slowMs`;
 * - `failing`: in turn HTTP 500, 404, a document that is not a feed, and a connection reset.
 *
 * ```ts
 * const farm = await startFeedFarm({ hosts: 4, feedsPerHost: 50 });
 * config.fetch.allowHosts = farm.allowHosts;
 * farm.feeds;             // [{ id, url, kind, host }]
 * farm.countsPerFeed();   // Map url -> requests since the last reset
 * farm.nextCycle();       // fresh feeds publish new items
 * ```
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFeedServer, type FeedServer } from './feed-server.ts';

export type FarmFeedKind = 'fresh' | 'static' | 'slow' | 'failing';

export interface FarmFeed {
  id: string;
  url: string;
  kind: FarmFeedKind;
  /** hostname:port, as the fetcher's per-host limit sees it. */
  host: string;
}

export interface FarmRequest {
  url: string;
  at: number;
  agent: string;
  status: number;
}

export interface FeedFarmOptions {
  hosts: number;
  feedsPerHost: number;
  /** Share of each kind (kinds left out get none), in feed order per host; default 0.4 fresh, 0.4 static, 0.1 slow, 0.1 failing. */
  mix?: Partial<Record<FarmFeedKind, number>>;
  itemsPerFeed?: number;
  newPerCycle?: number;
  slowMs?: number;
  /** First loopback address used is 127.0.0.<firstHost>; default 1. */
  firstHost?: number;
}

export interface FeedFarm {
  feeds: FarmFeed[];
  servers: FeedServer[];
  /** For config.fetch.allowHosts. */
  allowHosts: string[];
  readonly cycle: number;
  readonly requests: FarmRequest[];
  nextCycle(): void;
  /** Answering waits for the promise this returns (undefined: answer now). */
  setGate(gate: ((req: IncomingMessage, feed: FarmFeed) => Promise<void> | undefined) | undefined): void;
  countsPerFeed(agent?: string): Map<string, number>;
  /** Highest number of requests open at once on each host since the last reset. */
  maxInFlightPerHost(): Map<string, number>;
  resetStats(): void;
  close(): Promise<void>;
}

const DEFAULT_MIX: Record<FarmFeedKind, number> = { fresh: 0.4, static: 0.4, slow: 0.1, failing: 0.1 };
const WORDS = ['council', 'harbour', 'budget', 'minister', 'river', 'vote', 'school', 'rail', 'energy', 'court', 'market', 'storm', 'hospital', 'bridge', 'museum', 'festival'];
const BASE_TIME_MS = Date.UTC(2026, 10, 20, 6, 0, 0);

function kindsFor(count: number, mix: Record<FarmFeedKind, number>): FarmFeedKind[] {
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  const kinds: FarmFeedKind[] = [];
  let acc = 0;
  for (const kind of ['fresh', 'static', 'slow', 'failing'] as const) {
    acc += mix[kind] / total;
    while (kinds.length < Math.round(acc * count)) kinds.push(kind);
  }
  return kinds;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function item(feed: FarmFeed, n: number): string {
  const w = (k: number): string => WORDS[(n * 7 + k * 3 + feed.id.length) % WORDS.length]!;
  const title = `${w(0)} ${w(1)} report ${n} from ${feed.id.split('/').pop()}: ${w(2)} plans change`;
  const body = Array.from({ length: 6 }, (_, s) => `<p>The ${w(s)} officials said on day ${n} that the ${w(s + 1)} plan would cost ${n * 3 + s} million.</p>`).join('');
  // Every third item ends as many blog feeds do, with a line the boilerplate filter removes.
  const text = n % 3 === 0 ? `${body}<p>The post ${title} appeared first on Farm News.</p>` : body;
  const link = `${feed.url.replace(/\.xml$/, '')}/items/${n}`;
  return `<item><title>${escapeXml(title)}</title><link>${link}</link><guid isPermaLink="false">urn:farm:${escapeXml(feed.host)}:${n}:${escapeXml(feed.id.split('/').pop() ?? '')}</guid><pubDate>${new Date(BASE_TIME_MS + n * 60_000).toUTCString()}</pubDate><description>${escapeXml(text)}</description></item>`;
}

export async function startFeedFarm(options: FeedFarmOptions): Promise<FeedFarm> {
  const mix = options.mix ? { fresh: 0, static: 0, slow: 0, failing: 0, ...options.mix } : DEFAULT_MIX;
  const itemsPerFeed = options.itemsPerFeed ?? 10;
  const newPerCycle = options.newPerCycle ?? 3;
  const slowMs = options.slowMs ?? 1_000;
  const firstHost = options.firstHost ?? 1;
  const servers: FeedServer[] = [];
  const feeds: FarmFeed[] = [];
  const requests: FarmRequest[] = [];
  const peaks = new Map<string, number>();
  const open = new Map<string, number>();
  let cycle = 0;
  let gate: ((req: IncomingMessage, feed: FarmFeed) => Promise<void> | undefined) | undefined;
  let failures = 0;

  const body = (feed: FarmFeed): string => {
    const newest = cycle * newPerCycle + itemsPerFeed;
    const items: string[] = [];
    for (let n = newest - 1; n >= newest - itemsPerFeed; n--) items.push(item(feed, n));
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Farm ${escapeXml(feed.id)}</title><link>${feed.url}</link><description>synthetic</description>${items.join('')}</channel></rss>`;
  };

  const serve = async (feed: FarmFeed, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const record: FarmRequest = { url: feed.url, at: Date.now(), agent: String(req.headers['user-agent'] ?? ''), status: 0 };
    requests.push(record);
    const now = (open.get(feed.host) ?? 0) + 1;
    open.set(feed.host, now);
    peaks.set(feed.host, Math.max(peaks.get(feed.host) ?? 0, now));
    res.once('close', () => open.set(feed.host, (open.get(feed.host) ?? 1) - 1));
    const wait = gate?.(req, feed);
    if (wait) await wait;
    if (feed.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));
    if (res.destroyed) return;
    const send = (status: number, headers: Record<string, string>, text?: string): void => {
      record.status = status;
      res.writeHead(status, headers).end(text);
    };
    if (feed.kind === 'failing') {
      const mode = failures++ % 4;
      if (mode === 0) return send(500, { 'content-type': 'text/plain' }, 'server error');
      if (mode === 1) return send(404, { 'content-type': 'text/plain' }, 'not found');
      if (mode === 2) return send(200, { 'content-type': 'text/html' }, '<html><body>Not a feed</body></html>');
      record.status = -1;
      req.socket.destroy();
      return;
    }
    const etag = feed.kind === 'static' ? '"static"' : `"c${cycle}"`;
    if (req.headers['if-none-match'] === etag) return send(304, { etag });
    send(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }, body(feed));
  };

  for (let h = 0; h < options.hosts; h++) {
    const server = await startFeedServer({ address: `127.0.0.${firstHost + h}` });
    servers.push(server);
    const kinds = kindsFor(options.feedsPerHost, mix);
    for (let i = 0; i < options.feedsPerHost; i++) {
      const path = `/feeds/${String(i).padStart(5, '0')}.xml`;
      const feed: FarmFeed = { id: `${server.url}${path}`, url: `${server.url}${path}`, kind: kinds[i]!, host: server.host };
      feeds.push(feed);
      server.route(path, (req, res) => serve(feed, req, res));
    }
  }

  return {
    feeds,
    servers,
    allowHosts: ['127.0.0.0/8'],
    get cycle() { return cycle; },
    requests,
    nextCycle() { cycle += 1; },
    setGate(next) { gate = next; },
    countsPerFeed(agent) {
      const counts = new Map<string, number>();
      for (const r of requests) if (agent === undefined || r.agent === agent) counts.set(r.url, (counts.get(r.url) ?? 0) + 1);
      return counts;
    },
    maxInFlightPerHost: () => new Map(peaks),
    resetStats() {
      requests.length = 0;
      peaks.clear();
      for (const [host, count] of open) peaks.set(host, count);
      for (const server of servers) server.resetStats();
    },
    async close() {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
