/**
 * One Herald instance as a child process, for the multi-instance suite and bench/poll.ts:
 * `npx tsx tests/support/herald-instance.ts` with HERALD_INSTANCE (JSON, {@link InstanceSettings}).
 *
 * It builds the real app (createApp) on PostgreSQL (or a SQLite file), then takes commands on
 * stdin, one per line, and reports on stdout as JSON lines:
 * - `loop`: poll rounds every `tickMs` (as the scheduler's poll minute does, faster) and a node-cron
 *   task every second under the run coordinator; reports `polled` per feed, `round` per round and
 *   `job` per slot it ran;
 * - `cycle`: one poll round over everything due; reports `cycle` with its time, items, CPU time, and
 *   peak RSS (the cycle's own, sampled, and the process's so far);
 * - `stop`: ends the loop, closes the app and exits.
 * It prints `{"event":"ready"}` once the app is built and the database migrated.
 */
import { createInterface } from 'node:readline';
import cron, { type ScheduledTask } from 'node-cron';
import { createApp, postgresStorage, sqliteStorage } from '../../src/app.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { installRunCoordinator } from '../../src/deliver/run-coordinator.ts';
import { createLogger, silentLogger } from '../../src/ops/logger.ts';

export interface InstanceSettings {
  instanceId: string;
  databaseUrl?: string;
  schema?: string;
  sqlitePath?: string;
  allowHosts: string[];
  /** Sent as the User-Agent, so the feed server can tell instances apart. */
  userAgent: string;
  intervalMs: number;
  leaseMs: number;
  tickMs?: number;
  concurrency: number;
  perHostConcurrency: number;
  /** Config feeds (the rest come from channel subscriptions in the database). */
  feeds?: string[];
  logLevel?: string;
}

const settings = JSON.parse(process.env.HERALD_INSTANCE ?? '{}') as InstanceSettings;
const emit = (event: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(event)}\n`);
};

const config = parseConfig('{}', '(instance)', {});
config.feeds = (settings.feeds ?? []).map((url) => ({ url, id: url, weight: 1 }));
config.fetch.allowHosts = settings.allowHosts;
config.fetch.userAgent = settings.userAgent;
config.fetch.perHostConcurrency = settings.perHostConcurrency;
config.fetch.timeoutMs = 10_000;
config.poll.concurrency = settings.concurrency;
// Below the schema's minimum on purpose: the suite runs intervals and leases of seconds.
config.poll.intervalMinutes = settings.intervalMs / 60_000;
config.poll.leaseSeconds = settings.leaseMs / 1000;
config.extract.fetchPages = false;

const logger = settings.logLevel ? createLogger({ level: settings.logLevel }) : silentLogger;
const storage = settings.databaseUrl
  ? postgresStorage(settings.databaseUrl, { ...(settings.schema ? { schema: settings.schema } : {}), maxConnections: settings.concurrency + 4 })
  : sqliteStorage(settings.sqlitePath ?? ':memory:');
const app = await createApp(config, { logger, storage, instanceId: settings.instanceId });
installRunCoordinator(app);
emit({ event: 'ready', instance: app.instanceId, engine: app.engine });

let looping = false;
let loopDone: Promise<void> | undefined;
const tasks: ScheduledTask[] = [];

async function loop(): Promise<void> {
  while (looping) {
    const outcomes = await app.poll();
    for (const o of outcomes) emit({ event: 'polled', feed: o.feedId, status: o.status, items: o.inserted.length });
    emit({ event: 'round', polled: outcomes.length });
    await new Promise((resolve) => setTimeout(resolve, settings.tickMs ?? 200));
  }
}

async function cycle(): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  // This cycle's own peak (maxRSS is the process's, since it started).
  let peakRss = process.memoryUsage.rss();
  let atPeak = process.memoryUsage();
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) {
      peakRss = rss;
      if (process.env.HERALD_INSTANCE_MEMORY) atPeak = process.memoryUsage();
    }
  }, 50);
  const outcomes = await app.poll().finally(() => clearInterval(sampler));
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const used = process.cpuUsage(cpu);
  // HERALD_INSTANCE_MEMORY=1: the memory's parts (MB) when the cycle's RSS peaked, on stderr.
  if (process.env.HERALD_INSTANCE_MEMORY) {
    console.error(JSON.stringify({ instance: settings.instanceId, memoryAtPeakMb: Object.fromEntries(Object.entries(atPeak).map(([k, v]) => [k, Math.round(v / 1048576)])) }));
  }
  emit({
    event: 'cycle',
    ms: Math.round(performance.now() - started),
    polled: outcomes.length,
    updated: outcomes.filter((o) => o.status === 'updated').length,
    notModified: outcomes.filter((o) => o.status === 'not-modified').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    items: outcomes.reduce((n, o) => n + o.inserted.length, 0),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cycleRssMb: Math.round(peakRss / 1024 / 1024),
    cpuMs: Math.round((used.user + used.system) / 1000),
  });
}

for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === 'loop' && !looping) {
    looping = true;
    loopDone = loop().catch((error: unknown) => emit({ event: 'error', message: String(error) }));
    tasks.push(
      cron.schedule('* * * * * *', (context) => emit({ event: 'job', key: context.date.toISOString() }), {
        name: 'suite-heartbeat',
        distributed: true,
        distributedLease: 30_000,
      }),
    );
  } else if (command === 'cycle') {
    await cycle().catch((error: unknown) => emit({ event: 'error', message: String(error) }));
  } else if (command === 'stop') {
    break;
  }
}
looping = false;
for (const task of tasks) await task.stop();
await loopDone;
await app.close();
emit({ event: 'stopped' });
process.exit(0);
