/**
 * docker-compose.yml, checked without a Docker engine (these machines have none): the file must
 * describe two Herald instances on one PostgreSQL, and the two instances it describes must run.
 * Each Herald service is started the way its container would start it (the image's CMD, with the
 * image's ENV and the service's own environment), as a process on this machine, against the test
 * PostgreSQL in place of the `postgres` service. What differs from Docker, and why:
 * - DATABASE_URL names the test server (the compose one names the `postgres` service host);
 * - each process gets its own health port (each container has its own network, so both use 9464);
 * - Node 20 runs the image's `src/cli.ts` through bin/herald.js, which loads tsx first;
 * - the config lists feeds on the loopback feed server (the default config's are on the internet).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startFeedFarm } from '../support/feed-farm.ts';
import { startFlags } from '../support/instance-process.ts';
import { MISSING_DATABASE_REASON, TEST_DATABASE_URL, TestSchemas } from '../store/postgres-test-db.ts';

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  ports?: string[];
  healthcheck?: { test?: string[] };
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const dockerfile = readFileSync('Dockerfile', 'utf8');
const heraldServices = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

/** Compose's `${NAME:-default}` with no .env: the default. */
const interpolate = (value: string): string => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

/** The runtime stage's ENV (the last FROM's), as `KEY=value` pairs. */
function imageEnv(): Record<string, string> {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const block = /\nENV ((?:[^\n]*\\\n)*[^\n]*)/.exec(runtime)?.[1] ?? '';
  return Object.fromEntries([...block.replaceAll('\\\n', ' ').matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

/** The image's CMD as an argv (exec form). */
function imageCmd(): string[] {
  const line = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  return line ? (JSON.parse(line) as string[]) : [];
}

describe('docker-compose.yml', () => {
  it('runs two Herald instances from the image, each with its own id and port, on the postgres service once it is healthy', () => {
    expect(heraldServices.map(([name]) => name)).toHaveLength(2);
    const postgres = compose.services.postgres!;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.healthcheck?.test?.join(' ')).toContain('pg_isready');
    const ids = new Set<string>();
    const hostPorts = new Set<string>();
    for (const [, service] of heraldServices) {
      const env = service.environment ?? {};
      expect(interpolate(env.DATABASE_URL ?? '')).toMatch(/^postgres:\/\/herald:[^@]+@postgres:5432\/herald$/);
      ids.add(env.HERALD_INSTANCE_ID ?? '');
      expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
      for (const port of service.ports ?? []) {
        const [host, inside] = port.split(/:(?=\d+$)/);
        expect(inside).toBe(imageEnv().HERALD_HEALTH_PORT);
        hostPorts.add(host!);
      }
    }
    expect(ids.size).toBe(2);
    expect(hostPorts.size).toBe(2);
    // Inside a container the health server must listen beyond loopback, or the port mapping reaches nothing.
    expect(imageEnv().HERALD_HEALTH_HOST).toBe('0.0.0.0');
    expect(imageCmd().slice(-2)).toEqual(['src/cli.ts', 'start']);
  });

  it('bounds the heap in the image as `npm start` does', () => {
    const flags = startFlags();
    expect(flags.some((flag) => /^--max-old-space-size=\d+$/.test(flag))).toBe(true);
    expect(imageEnv().NODE_OPTIONS).toBe(flags.join(' '));
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

if (TEST_DATABASE_URL) {
  describe('the compose services, run as their containers would run them', () => {
    const schemas = new TestSchemas();
    const dir = mkdtempSync(join(tmpdir(), 'herald-compose-'));
    const children: ChildProcess[] = [];
    afterAll(async () => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await schemas.dropAll();
      rmSync(dir, { recursive: true, force: true });
    });

    it('come up on one PostgreSQL, report ready, share the feed polls, and stop cleanly', { timeout: 120_000 }, async () => {
      const farm = await startFeedFarm({ hosts: 2, feedsPerHost: 3, mix: { fresh: 1 } });
      const schema = await schemas.create();
      const config = join(dir, 'config.yaml');
      writeFileSync(config, [
        'feeds:',
        ...farm.feeds.map((f) => `  - url: "${f.url}"`),
        'fetch:',
        `  allowHosts: [${farm.allowHosts.map((h) => `"${h}"`).join(', ')}]`,
        'extract:',
        '  fetchPages: false',
        '',
      ].join('\n'));
      const [node, ...flags] = imageCmd().slice(0, -2);
      expect(node).toBe('node');
      const started = await Promise.all(heraldServices.map(async ([name, service]) => {
        const port = await freePort();
        const env: Record<string, string> = {
          ...(process.env as Record<string, string>),
          ...imageEnv(),
          ...Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(v)])),
          // In place of the postgres service, and a port of its own on this shared host.
          DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
          HERALD_HEALTH_PORT: String(port),
          HERALD_HEALTH_HOST: '127.0.0.1',
          HERALD_DB_PATH: join(dir, `${name}.db`),
          SLACK_BOT_TOKEN: '',
          DISCORD_TOKEN: '',
          LOG_LEVEL: 'info',
        };
        const child = spawn(process.execPath, [...flags, resolve('bin/herald.js'), 'start', '--config', config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        children.push(child);
        let log = '';
        child.stderr!.on('data', (chunk) => void (log += String(chunk)));
        child.stdout!.resume();
        return { name, id: service.environment?.HERALD_INSTANCE_ID, port, child, log: () => log };
      }));

      for (const instance of started) {
        const health = await waitFor(`${instance.name} /healthz`, async () => {
          const res = await fetch(`http://127.0.0.1:${instance.port}/healthz`);
          return res.ok ? ((await res.json()) as Record<string, unknown>) : undefined;
        });
        expect(JSON.stringify(health)).toContain('"ok"');
        const metrics = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`)).text();
        expect(metrics).toMatch(/^herald_/m);
        expect(instance.log()).toContain(`"instance":"${instance.id}"`);
      }
      // Both poll from the same table of leases: every feed once, whichever instance took it.
      await waitFor('every feed polled', async () => (farm.feeds.every((f) => farm.countsPerFeed().has(f.url)) ? true : undefined));
      await new Promise((done) => setTimeout(done, 1_000));
      expect([...farm.countsPerFeed().values()].every((n) => n === 1)).toBe(true);
      const items = await schemas.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.items`);
      expect(Number(items[0]!.n)).toBe(farm.feeds.length * 10);

      const codes = await Promise.all(started.map(({ child }) => new Promise<number | null>((done) => {
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      })));
      expect(codes).toEqual([0, 0]);
      await farm.close();
    });
  });
} else {
  console.log(`compose: ${MISSING_DATABASE_REASON}`);
  it('needs a PostgreSQL (HERALD_TEST_DATABASE_URL) to run the compose services; CI always provides one', () => {
    expect(process.env.CI, `CI must run the PostgreSQL suites: ${MISSING_DATABASE_REASON}`).toBeFalsy();
    expect(TEST_DATABASE_URL).toBe('');
  });
}
