import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, sqliteStorage, type App } from '../../src/app.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { silentLogger } from '../../src/ops/logger.ts';
import { metrics } from '../../src/ops/metrics.ts';
import { startFeedFarm, type FeedFarm } from '../support/feed-farm.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-poll-leases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function instances(farm: FeedFarm, count: number, tweak: (config: ReturnType<typeof parseConfig>) => void = () => undefined): Promise<App[]> {
  const file = join(dir, `shared-${n++}.db`);
  const apps: App[] = [];
  for (let i = 0; i < count; i++) {
    const config = parseConfig('{}', 'test.yaml', {});
    config.feeds = farm.feeds.map((f) => ({ url: f.url, id: f.id, weight: 1 }));
    config.fetch.allowHosts = farm.allowHosts;
    config.extract.fetchPages = false;
    tweak(config);
    apps.push(await createApp(config, { logger: silentLogger, storage: sqliteStorage(file), instanceId: `i${i}` }));
  }
  return apps;
}

describe('the poll round claims its feeds', () => {
  let farm: FeedFarm;
  let apps: App[] = [];
  beforeEach(async () => {
    farm = await startFeedFarm({ hosts: 2, feedsPerHost: 12, mix: { fresh: 1, static: 1, slow: 0, failing: 0 } });
  });
  afterEach(async () => {
    for (const app of apps) await app.close();
    apps = [];
    await farm.close();
  });

  it('polls each due feed once across instances sharing one database, then none until they are due again', async () => {
    apps = await instances(farm, 2);
    const rounds = await Promise.all(apps.map((app) => app.poll()));
    const polled = rounds.flat().map((o) => o.feedId).sort();
    expect(polled).toEqual(farm.feeds.map((f) => f.id).sort());
    expect([...farm.countsPerFeed().values()].every((count) => count === 1)).toBe(true);
    expect(await apps[0]!.poll()).toEqual([]);
    expect(await apps[1]!.poll()).toEqual([]);
    expect(farm.requests).toHaveLength(24);
    const state = await apps[0]!.store.getFetchState(farm.feeds[0]!.id);
    expect(state?.nextPollAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('still polls the feeds it is given (brief --feed), due or not', async () => {
    apps = await instances(farm, 1);
    await apps[0]!.poll();
    const again = await apps[0]!.poll(farm.feeds.slice(0, 3).map((f) => ({ id: f.id, url: f.url, weight: 1 })));
    expect(again.map((o) => o.feedId)).toEqual(farm.feeds.slice(0, 3).map((f) => f.id));
  });

  it('keeps to the per-host limit while feeding every host', async () => {
    await farm.close();
    farm = await startFeedFarm({ hosts: 3, feedsPerHost: 10, mix: { slow: 1 }, slowMs: 50 });
    apps = await instances(farm, 1, (config) => {
      config.poll.concurrency = 12;
      config.fetch.perHostConcurrency = 2;
    });
    const outcomes = await apps[0]!.poll();
    expect(outcomes).toHaveLength(30);
    expect([...farm.maxInFlightPerHost().values()]).toEqual([2, 2, 2]);
  });

  it('counts polls, errors and items in the metrics', async () => {
    await farm.close();
    farm = await startFeedFarm({ hosts: 1, feedsPerHost: 8, mix: { fresh: 1, failing: 1 } });
    apps = await instances(farm, 1);
    const value = async (name: string, labels: Record<string, string> = {}): Promise<number> => {
      const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
      const match = (metric?.values ?? []).find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
      return Number(match?.value ?? 0);
    };
    const before = { updated: await value('herald_polls_total', { status: 'updated' }), failed: await value('herald_polls_total', { status: 'failed' }), items: await value('herald_items_total') };
    const outcomes = await apps[0]!.poll();
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed).toHaveLength(4);
    expect(await value('herald_polls_total', { status: 'updated' })).toBe(before.updated + 4);
    expect(await value('herald_polls_total', { status: 'failed' })).toBe(before.failed + 4);
    expect(await value('herald_items_total')).toBe(before.items + 40);
    for (const reason of new Set(failed.map((o) => o.error!.reason))) expect(await value('herald_poll_errors_total', { reason })).toBeGreaterThan(0);
  });

  it('gives a job slot to one instance', async () => {
    apps = await instances(farm, 2);
    expect(await apps[0]!.claimJob('index-stories', 60_000)).toBe(true);
    expect(await apps[1]!.claimJob('index-stories', 60_000)).toBe(false);
    expect(await apps[0]!.claimJob('index-stories', 60_000)).toBe(true);
  });
});
