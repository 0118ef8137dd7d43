import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthCheck, type HealthServer } from '../../src/ops/health-server.ts';
import { silentLogger } from '../../src/ops/logger.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { readinessChecks } from '../../src/ops/readiness.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

describe('health and metrics endpoint', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (checks: HealthCheck[], extra: { checkTimeoutMs?: number } = {}): Promise<string> => {
    const metrics = createMetrics();
    metrics.polls.inc({ status: 'updated' }, 3);
    metrics.commandDuration.observe({ command: 'who', status: 'ok' }, 0.2);
    server = await startHealthServer({ port: 0, host: '127.0.0.1', checks, logger: silentLogger, metrics: metrics.registry, ...extra });
    return `http://127.0.0.1:${server!.port}`;
  };

  it('answers /healthz with 200 and each check when all pass', async () => {
    const base = await start([{ name: 'database', check: async () => true }]);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, checks: { database: true } });
    expect((await fetch(`${base}/livez`)).status).toBe(200);
  });

  it('answers 503 when a check fails, throws or hangs', async () => {
    const base = await start(
      [
        { name: 'database', check: async () => true },
        { name: 'chat:slack', check: async () => false },
        { name: 'broken', check: async () => { throw new Error('boom'); } },
        { name: 'hung', check: () => new Promise<boolean>(() => undefined) },
      ],
      { checkTimeoutMs: 50 },
    );
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, checks: { database: true, 'chat:slack': false, broken: false, hung: false } });
    // Liveness is not readiness: the process still answers.
    expect((await fetch(`${base}/livez`)).status).toBe(200);
  });

  it('serves Prometheus metrics at /metrics', async () => {
    const base = await start([]);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('herald_polls_total{status="updated"} 3');
    expect(text).toContain('herald_command_duration_seconds_count{command="who",status="ok"} 1');
    expect(text).toContain('# TYPE herald_digests_delivered_total counter');
  });

  it('refuses other paths and methods', async () => {
    const base = await start([]);
    expect((await fetch(`${base}/admin`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('readiness checks', () => {
  it('fail when the database is gone or a chat adapter is disconnected', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    let connected = true;
    const checks = readinessChecks(store, new Map([['discord', { isConnected: () => connected }], ['console', {}]]));
    const run = async (): Promise<Record<string, boolean>> =>
      Object.fromEntries(await Promise.all(checks.map(async (c) => [c.name, await c.check().catch(() => false)] as const)));
    expect(await run()).toEqual({ database: true, 'chat:discord': true, 'chat:console': true });
    connected = false;
    await store.close();
    expect(await run()).toEqual({ database: false, 'chat:discord': false, 'chat:console': true });
  });
});
