import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { storeContract } from '../contract/store.contract.ts';
import { MISSING_DATABASE_REASON, TEST_DATABASE_URL, TestSchemas } from './postgres-test-db.ts';

if (TEST_DATABASE_URL) {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());
  const open = async (schema?: string): Promise<PostgresStore> =>
    new PostgresStore({ connectionString: TEST_DATABASE_URL, schema: schema ?? (await schemas.create()), max: 3 });

  storeContract('PostgreSQL', () => open());

  describe('PostgresStore', () => {
    const versions = (schema: string): Promise<{ version: number }[]> => schemas.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    const tables = (schema: string): Promise<{ name: string }[]> =>
      schemas.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema]);

    it('applies each migration once: a second run changes neither the tables nor the data', async () => {
      const schema = await schemas.create();
      const store = await open(schema);
      await store.migrate();
      const before = { versions: await versions(schema), tables: await tables(schema) };
      expect(before.versions.length).toBeGreaterThan(0);
      await store.saveItems([{ feedId: 'f', guid: 'g', url: 'https://a.example/1', title: 'Harbour bridge opens to traffic today' }], new Date());
      await store.migrate();
      expect({ versions: await versions(schema), tables: await tables(schema) }).toEqual(before);
      expect(await store.listItems({})).toHaveLength(1);
      await store.close();
    });

    it('lets two instances migrate one database at once', async () => {
      const schema = await schemas.create();
      const a = await open(schema);
      const b = await open(schema);
      await Promise.all([a.migrate(), b.migrate(), a.migrate()]);
      const applied = (await versions(schema)).map((r) => r.version);
      expect(new Set(applied).size).toBe(applied.length);
      await a.upsertFeed({ id: 'f', url: 'https://a.example/rss', weight: 1 });
      expect((await b.listFeeds()).map((f) => f.id)).toEqual(['f']);
      await Promise.all([a.close(), b.close()]);
    });

    it('keeps one copy of an item two instances save at the same moment', async () => {
      const schema = await schemas.create();
      const a = await open(schema);
      const b = await open(schema);
      await a.migrate();
      const at = new Date('2026-11-20T08:00:00Z');
      const items = Array.from({ length: 20 }, (_, i) => ({ feedId: 'f', guid: `g${i}`, url: `https://a.example/${i}`, title: `Story number ${i} about the harbour` }));
      const results = await Promise.all([a.saveItems(items, at), b.saveItems([...items].reverse(), at)]);
      expect(results[0].inserted.length + results[1].inserted.length).toBe(20);
      expect(await a.listItems({})).toHaveLength(20);
      await Promise.all([a.close(), b.close()]);
    });

    it('stores item text that holds a NUL character, without it', async () => {
      const store = await open();
      await store.migrate();
      await store.saveItems([{ feedId: 'f', guid: 'g', url: '', title: 'Odd\u0000 feed', text: 'a\u0000b' }], new Date());
      expect((await store.listItems({}))[0]).toMatchObject({ title: 'Odd feed', text: 'ab' });
      await store.close();
    });
  });
} else {
  console.log(`postgres-store: ${MISSING_DATABASE_REASON}`);
  it('needs a PostgreSQL (HERALD_TEST_DATABASE_URL); CI always provides one', () => {
    expect(process.env.CI, `CI must run the PostgreSQL suites: ${MISSING_DATABASE_REASON}`).toBeFalsy();
    expect(TEST_DATABASE_URL).toBe('');
  });
}
