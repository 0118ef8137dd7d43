/**
 * `/healthz` (liveness and readiness: every check passes, e.g. database reachable, chat adapters
 * connected), `/livez` (the process answers) and `/metrics` (Prometheus text) on one port. Binds to
 * loopback unless told otherwise; a busy port is logged and skipped, never fatal.
 */
import { createServer, type Server } from 'node:http';
import type { Logger } from '../core/ports.ts';

export interface HealthCheck {
  name: string;
  check(): Promise<boolean>;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** What `/metrics` serves (a prom-client Registry fits). */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

/** A check that has not answered by then counts as failed, so a hung database cannot hang the probe. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check.check().then((ok) => ok === true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startHealthServer(options: {
  port: number;
  host: string;
  checks: HealthCheck[];
  logger: Logger;
  metrics?: MetricsSource;
  checkTimeoutMs?: number;
}): Promise<HealthServer | undefined> {
  const timeoutMs = options.checkTimeoutMs ?? HEALTH_CHECK_TIMEOUT_MS;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET' }).end('method not allowed\n');
    } else if (path === '/livez') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } else if (path === '/healthz' || path === '/readyz') {
      void Promise.all(options.checks.map(async (c) => [c.name, await runCheck(c, timeoutMs)] as const)).then((results) => {
        const ok = results.every(([, passed]) => passed);
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, checks: Object.fromEntries(results) }));
      });
    } else if (path === '/metrics' && options.metrics) {
      const source = options.metrics;
      source.metrics().then(
        (text) => res.writeHead(200, { 'content-type': source.contentType }).end(text),
        (error: unknown) => {
          options.logger.warn({ err: error }, 'metrics not collected');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        },
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  });
  return new Promise((resolve) => {
    server.once('error', (error) => {
      options.logger.warn({ err: error, port: options.port }, 'health endpoint not started');
      resolve(undefined);
    });
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      options.logger.info({ url: `http://${options.host}:${port}/healthz`, metrics: options.metrics ? `http://${options.host}:${port}/metrics` : undefined }, 'health endpoint listening');
      resolve({
        port,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeIdleConnections(); // a scraper's keep-alive socket must not hold shutdown up
          }),
      });
    });
  });
}
