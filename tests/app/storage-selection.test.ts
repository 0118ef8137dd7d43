import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, postgresStorage } from '../../src/app.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { silentLogger } from '../../src/ops/logger.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startFeedFarm } from '../support/feed-farm.ts';
import { MISSING_DATABASE_REASON, TEST_DATABASE_URL, TestSchemas } from '../store/postgres-test-db.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configWith = (env: Record<string, string>) => parseConfig('feeds: []', 'test.yaml', { HERALD_DB_PATH: join(dir, 'herald.db'), ...env });

describe('storage selection', () => {
  it('uses the SQLite file when DATABASE_URL is not set', async () => {
    const app = await createApp(configWith({}), { logger: silentLogger });
    expect(app.engine).toBe('sqlite');
    expect(app.store).toBeInstanceOf(SqliteStore);
    await app.store.upsertFeed({ id: 'f', url: 'https://a.example/rss', weight: 1 });
    await app.close();
    const again = new SqliteStore(join(dir, 'herald.db'));
    expect((await again.listFeeds()).map((f) => f.id)).toEqual(['f']);
    await again.close();
  });

  it('fails at start when DATABASE_URL names a database it cannot reach, rather than falling back to SQLite', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    await expect(createApp(configWith({ DATABASE_URL: 'postgres://herald@127.0.0.1:1/herald' }), { logger: silentLogger })).rejects.toThrow();
  });
});

if (TEST_DATABASE_URL) {
  describe('storage selection with PostgreSQL', () => {
    const schemas = new TestSchemas();
    afterAll(() => schemas.dropAll());

    it('uses PostgresStore and PostgresNewsIndex when DATABASE_URL is a postgres:// URL, and migrates it', async () => {
      const schema = await schemas.create();
      const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const app = await createApp(configWith({ DATABASE_URL: url }), { logger: silentLogger });
      expect(app.engine).toBe('postgres');
      expect(app.store).toBeInstanceOf(PostgresStore);
      expect(app.index.constructor.name).toBe('PostgresNewsIndex');
      const versions = await schemas.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations`);
      expect(versions.map((v) => v.version)).toContain(30);
      await app.store.upsertFeed({ id: 'f', url: 'https://a.example/rss', weight: 1 });
      expect(await schemas.query(`SELECT id FROM ${schema}.feeds`)).toEqual([{ id: 'f' }]);
      await app.close();
    });

    it('gives a claimed round\'s new items their article text on PostgreSQL', async () => {
      const farm = await startFeedFarm({ hosts: 1, feedsPerHost: 3, mix: { fresh: 1 } });
      const schema = await schemas.create();
      const config = configWith({});
      config.feeds = farm.feeds.map((f) => ({ url: f.url, id: f.id, weight: 1 }));
      config.fetch.allowHosts = farm.allowHosts;
      config.extract.fetchPages = false;
      const app = await createApp(config, { logger: silentLogger, storage: postgresStorage(TEST_DATABASE_URL, { schema }) });
      const outcomes = await app.poll();
      expect(outcomes.map((o) => o.inserted.length)).toEqual([10, 10, 10]);
      const items = await app.store.listItems({});
      expect(items).toHaveLength(30);
      // The text condensing reads: the feed's own text, or the cleaned text stored where the filter changed it.
      expect(items.every((item) => (item.articleText ?? item.text ?? '').includes('officials said'))).toBe(true);
      const trailed = items.filter((item) => (item.text ?? '').includes('appeared first on'));
      expect(trailed.length).toBeGreaterThan(5);
      for (const item of trailed) {
        expect(item.articleText).toContain('officials said');
        expect(item.articleText).not.toContain('appeared first on');
      }
      expect(items.filter((item) => item.articleText !== undefined)).toHaveLength(trailed.length);
      await app.close();
      await farm.close();
    });
  });
} else {
  console.log(`storage-selection: ${MISSING_DATABASE_REASON}`);
  it('needs a PostgreSQL (HERALD_TEST_DATABASE_URL); CI always provides one', () => {
    expect(process.env.CI, `CI must run the PostgreSQL suites: ${MISSING_DATABASE_REASON}`).toBeFalsy();
    expect(TEST_DATABASE_URL).toBe('');
  });
}
