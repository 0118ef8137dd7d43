/**
 * A loopback HTTP server that plays a feed host (or a hostile one) in tests. It listens on 127.0.0.1 only,
 * on a random port, and records every request.
 *
 * ```ts
 * const server = await startFeedServer();
 * server.route('/feed.xml', { headers: { 'content-type': 'application/rss+xml' }, file: 'tests/fixtures/a.xml' });
 * server.redirect('/old', '/feed.xml');
 * const fetcher = createFetcher({ allowHosts: [server.host] }); // the fetcher refuses loopback otherwise
 * await fetcher.fetch({ url: `${server.url}/old` });
 * server.requests;                       // [{ method, path, headers, socketClosed, ... }, ...]
 * await server.close();
 * ```
 *
 * API
 * - `startFeedServer({ address })` listens on another loopback address (`127.0.0.2`, ...), so one
 *   process can play several hosts (each address is its own host for per-host limits).
 * - `url` (`http://127.0.0.1:PORT`), `host` (`127.0.0.1:PORT`), `port`.
 * - `route(path, handler | { status?, headers?, body?, file? })`: path matches the pathname, query ignored.
 *   Unrouted paths get 404. A handler receives `(req, res, record)`.
 * - `requests`: every request as {@link RecordedRequest}; `requestsTo(path)` filters by pathname.
 *   `record.socketClosed` / `record.whenSocketClosed()` tell whether that request's socket was closed.
 * - `connections`: TCP connections accepted; `inFlight` / `maxInFlight`: requests open at once (a
 *   request counts until its response finishes or its socket closes); `resetStats()`.
 * - Helpers (each registers a route):
 *   `redirect(path, location, status = 302)`;
 *   `conditional(path, { body, etag?, lastModified?, headers? })`: 304 when If-None-Match / If-Modified-Since match;
 *   `compressed(path, body, encoding = 'gzip', headers?)`: body sent gzip/deflate/br encoded;
 *   `drip(path, { intervalMs = 1000, sendHeaders = true })`: headers, then one byte per interval, forever
 *   (`sendHeaders: false` accepts the request and never answers);
 *   `endless(path, { headers?, contentLength? })`: spaces for ever (optionally declaring a Content-Length);
 *   `hugeFeed(path, { totalBytes = 50 MiB, withContentLength = true, singleField = false })`: a valid RSS stream;
 *   `gzipBomb(path, { inflatedBytes = 1 GiB, encoding = 'gzip', layers = 1, prefix?, contentEncoding? })`:
 *   built at run time, never stored; `layers: 2` wraps the bomb in a second gzip (header `gzip, gzip`
 *   unless `contentEncoding` overrides it);
 *   `contentLengthLie(path, { declared, sentBytes })`: writes raw HTTP declaring `declared` bytes, sends
 *   `sentBytes`, then closes the socket;
 *   `hold(path, spec)`: requests wait until the returned gate is opened (for concurrency tests).
 * - `close()`: destroys every open socket and stops the server.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { compressedZeros, fillStream, GIB, gzipBombBuffer, hugeFeed, MIB } from './feed-payloads.ts';

export interface RecordedRequest {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  /** True once the socket that carried this request has closed (by the client or by `close()`). */
  readonly socketClosed: boolean;
  whenSocketClosed(): Promise<void>;
}

export interface RouteSpec {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Read from disk at request time. */
  file?: string;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, record: RecordedRequest) => void | Promise<void>;

export interface Gate {
  /** Requests waiting at the gate now. */
  readonly waiting: number;
  /** Resolves once `count` requests are waiting. */
  waitFor(count: number): Promise<void>;
  /** Lets every waiting and future request through. */
  open(): void;
}

export interface FeedServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  readonly connections: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  resetStats(): void;
  requestsTo(path: string): RecordedRequest[];
  route(path: string, handler: RouteHandler | RouteSpec): void;
  redirect(path: string, location: string, status?: number): void;
  conditional(path: string, options: { body: string | Buffer; etag?: string; lastModified?: string; headers?: Record<string, string> }): void;
  compressed(path: string, body: string | Buffer, encoding?: 'gzip' | 'deflate' | 'br', headers?: Record<string, string>): void;
  drip(path: string, options?: { intervalMs?: number; sendHeaders?: boolean }): void;
  endless(path: string, options?: { headers?: Record<string, string>; contentLength?: number }): void;
  hugeFeed(path: string, options?: { totalBytes?: number; withContentLength?: boolean; singleField?: boolean }): void;
  gzipBomb(path: string, options?: { inflatedBytes?: number; encoding?: 'gzip' | 'deflate' | 'br'; layers?: 1 | 2; prefix?: string; contentEncoding?: string }): void;
  contentLengthLie(path: string, options: { declared: number; sentBytes: number }): void;
  hold(path: string, spec: RouteSpec): Gate;
  close(): Promise<void>;
}

const RSS_TYPE = 'application/rss+xml; charset=utf-8';

export async function startFeedServer(options: { address?: string } = {}): Promise<FeedServer> {
  const address = options.address ?? '127.0.0.1';
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)) throw new RangeError(`the feed server listens on loopback only, not ${address}`);
  const routes = new Map<string, RouteHandler>();
  const requests: RecordedRequest[] = [];
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    const watch = watchSocket(req.socket);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      get socketClosed() { return watch.closed; },
      whenSocketClosed: () => watch.whenClosed,
    };
    requests.push(record);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => { inFlight -= 1; });
    const handler = routes.get(pathnameOf(record.path)) ?? ((_req, response) => send(response, { status: 404, body: 'not found' }));
    Promise.resolve(handler(req, res, record)).catch(() => res.destroy());
  });
  server.on('connection', () => { connections += 1; });
  server.listen(0, address);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const route = (path: string, handler: RouteHandler | RouteSpec): void => {
    routes.set(path, typeof handler === 'function' ? handler : (_req, res) => send(res, handler));
  };

  const api: FeedServer = {
    url: `http://${address}:${port}`,
    host: `${address}:${port}`,
    port,
    requests,
    get connections() { return connections; },
    get inFlight() { return inFlight; },
    get maxInFlight() { return maxInFlight; },
    resetStats() { maxInFlight = inFlight; connections = 0; requests.length = 0; },
    requestsTo: (path) => requests.filter((r) => pathnameOf(r.path) === path),
    route,
    redirect(path, location, status = 302) {
      route(path, { status, headers: { location }, body: `moved to ${location}` });
    },
    conditional(path, { body, etag, lastModified, headers = {} }) {
      route(path, (req, res) => {
        const validators: Record<string, string> = { ...(etag ? { etag } : {}), ...(lastModified ? { 'last-modified': lastModified } : {}) };
        const inm = req.headers['if-none-match'];
        const ims = req.headers['if-modified-since'];
        const etagMatches = etag !== undefined && inm !== undefined && inm.split(',').map((t) => t.trim()).includes(etag);
        const dateMatches = inm === undefined && lastModified !== undefined && ims !== undefined && Date.parse(ims) >= Date.parse(lastModified);
        if (etagMatches || dateMatches) return send(res, { status: 304, headers: { ...headers, ...validators } });
        send(res, { headers: { 'content-type': RSS_TYPE, ...headers, ...validators }, body });
      });
    },
    compressed(path, body, encoding = 'gzip', headers = {}) {
      const raw = Buffer.from(body);
      const encoded = encoding === 'br' ? zlib.brotliCompressSync(raw) : encoding === 'deflate' ? zlib.deflateSync(raw) : zlib.gzipSync(raw);
      route(path, { headers: { 'content-type': RSS_TYPE, 'content-encoding': encoding, ...headers }, body: encoded });
    },
    drip(path, { intervalMs = 1000, sendHeaders = true } = {}) {
      route(path, (_req, res) => {
        if (!sendHeaders) return; // accept the request, never answer
        res.writeHead(200, { 'content-type': RSS_TYPE });
        res.flushHeaders();
        const text = '<?xml version="1.0"?><rss version="2.0"><channel><title>drip</title>';
        let index = 0;
        const timer = setInterval(() => res.write(text[index++ % text.length] ?? ' '), intervalMs);
        res.once('close', () => clearInterval(timer));
      });
    },
    endless(path, { headers = {}, contentLength } = {}) {
      route(path, (_req, res) => {
        res.writeHead(200, { 'content-type': RSS_TYPE, ...(contentLength !== undefined ? { 'content-length': String(contentLength) } : {}), ...headers });
        return stream(res, fillStream(contentLength ?? Infinity));
      });
    },
    hugeFeed(path, { totalBytes = 50 * MIB, withContentLength = true, singleField = false } = {}) {
      const feed = hugeFeed(totalBytes, singleField);
      route(path, (_req, res) => {
        res.writeHead(200, { 'content-type': RSS_TYPE, ...(withContentLength ? { 'content-length': String(feed.length) } : {}) });
        return stream(res, feed.stream());
      });
    },
    gzipBomb(path, { inflatedBytes = GIB, encoding = 'gzip', layers = 1, prefix, contentEncoding } = {}) {
      const header = contentEncoding ?? Array.from({ length: layers }, () => encoding).join(', ');
      if (encoding === 'gzip') {
        let bomb = gzipBombBuffer(inflatedBytes, prefix);
        if (layers === 2) bomb = zlib.gzipSync(bomb, { level: 9 });
        route(path, { headers: { 'content-type': RSS_TYPE, 'content-encoding': header }, body: bomb });
        return;
      }
      route(path, (_req, res) => {
        res.writeHead(200, { 'content-type': RSS_TYPE, 'content-encoding': header });
        return stream(res, compressedZeros(inflatedBytes, encoding, prefix));
      });
    },
    contentLengthLie(path, { declared, sentBytes }) {
      route(path, async (req) => {
        const socket = req.socket;
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: ${RSS_TYPE}\r\nContent-Length: ${declared}\r\n\r\n`);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        for (let left = sentBytes; left > 0 && !socket.destroyed; left -= chunk.length) {
          if (!socket.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await drained(socket);
        }
        socket.end();
      });
    },
    hold(path, spec) {
      let isOpen = false;
      const waiting: (() => void)[] = [];
      const watchers: { count: number; resolve: () => void }[] = [];
      route(path, async (_req, res) => {
        if (!isOpen) {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            for (const w of watchers.filter((w) => waiting.length >= w.count)) w.resolve();
          });
        }
        send(res, spec);
      });
      return {
        get waiting() { return waiting.length; },
        waitFor: (count) => waiting.length >= count ? Promise.resolve() : new Promise<void>((resolve) => { watchers.push({ count, resolve }); }),
        open() { isOpen = true; for (const release of waiting.splice(0)) release(); },
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}

interface SocketWatch {
  closed: boolean;
  whenClosed: Promise<void>;
}

/** One close listener per socket, however many keep-alive requests it carries. */
const socketWatches = new WeakMap<Socket, SocketWatch>();

function watchSocket(socket: Socket): SocketWatch {
  let watch = socketWatches.get(socket);
  if (!watch) {
    const created: SocketWatch = { closed: socket.destroyed, whenClosed: Promise.resolve() };
    if (!created.closed) created.whenClosed = new Promise((resolve) => socket.once('close', () => { created.closed = true; resolve(); }));
    socketWatches.set(socket, created);
    watch = created;
  }
  return watch;
}

function pathnameOf(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

function send(res: ServerResponse, spec: RouteSpec): void | Promise<void> {
  const write = (body: string | Buffer | undefined): void => {
    res.writeHead(spec.status ?? 200, spec.headers ?? {});
    res.end(body);
  };
  if (spec.file) return readFile(spec.file).then(write);
  write(spec.body);
}

/** Streams with backpressure; a client that hangs up simply ends the stream. */
async function stream(res: ServerResponse, source: Readable): Promise<void> {
  await pipeline(source, res).catch(() => source.destroy());
}

function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => { socket.off('drain', done); socket.off('close', done); resolve(); };
    socket.once('drain', done);
    socket.once('close', done);
  });
}
