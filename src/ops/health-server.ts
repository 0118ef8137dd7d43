/**
 * `/healthz` for liveness and readiness. Binds to loopback unless told otherwise; a busy port is
 * logged and skipped, never fatal.
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

export async function startHealthServer(options: { port: number; host: string; checks: HealthCheck[]; logger: Logger }): Promise<HealthServer | undefined> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url !== '/healthz' && req.url !== '/readyz')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    void Promise.all(options.checks.map(async (c) => [c.name, await c.check().catch(() => false)] as const)).then((results) => {
      const ok = results.every(([, passed]) => passed);
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, checks: Object.fromEntries(results) }));
    });
  });
  return new Promise((resolve) => {
    server.once('error', (error) => {
      options.logger.warn({ err: error, port: options.port }, 'health endpoint not started');
      resolve(undefined);
    });
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      options.logger.info({ url: `http://${options.host}:${port}/healthz` }, 'health endpoint listening');
      resolve({ port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
