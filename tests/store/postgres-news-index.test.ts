import { afterAll, describe, expect, it } from 'vitest';
import type { Person, Story } from '../../src/core/types.ts';
import { PostgresNewsIndex } from '../../src/store/postgres/postgres-news-index.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { newsIndexContract } from '../contract/news-index.contract.ts';
import { MISSING_DATABASE_REASON, TEST_DATABASE_URL, TestSchemas } from './postgres-test-db.ts';

if (TEST_DATABASE_URL) {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());
  const open = async (schema?: string): Promise<PostgresStore> => {
    const store = new PostgresStore({ connectionString: TEST_DATABASE_URL, schema: schema ?? (await schemas.create()), max: 4 });
    await store.migrate();
    return store;
  };

  newsIndexContract('PostgreSQL', async () => {
    const store = await open();
    return { index: new PostgresNewsIndex(store.pool), close: () => store.close() };
  });

  describe('PostgresNewsIndex', () => {
    const day = new Date('2026-01-05T10:00:00Z');
    const story = (id: string, headline = id): Story => ({ id, headline, bullets: [], sources: [], people: [], figures: [], firstSeen: day });
    const person = (name: string): Person => ({ name, aliases: [], quotes: [], storyIds: [] });

    it('orders stories first seen in the same millisecond by when they were saved', async () => {
      const store = await open();
      const index = new PostgresNewsIndex(store.pool);
      for (const id of ['x1', 'x2', 'x3']) await index.saveStory(story(id, `Harbour news ${id}`), [], day);
      await index.saveStory(story('x1', 'Harbour news x1, updated'), [], day);
      expect((await index.searchStories('harbour', 5)).map((s) => s.id)).toEqual(['x3', 'x2', 'x1']);
      await store.close();
    });

    it('gives one entry to a new person that two instances index at the same moment', async () => {
      const schema = await schemas.create();
      const a = await open(schema);
      const b = await open(schema);
      const [left, right] = [new PostgresNewsIndex(a.pool), new PostgresNewsIndex(b.pool)];
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? left : right).saveStory(story(`s${i}`), [person('Margrethe Vestager')], day)),
      );
      const matches = await left.findPeople('Margrethe Vestager', 5);
      expect(matches).toHaveLength(1);
      expect((await right.getPerson(matches[0]!.id))?.mentions).toBe(6);
      expect((await right.findPeople('Margrete Vestager', 5))[0]?.name).toBe('Margrethe Vestager');
      await Promise.all([a.close(), b.close()]);
    });

    it('keeps words that are stop words elsewhere, and treats query syntax as plain words', async () => {
      const store = await open();
      const index = new PostgresNewsIndex(store.pool);
      await index.saveStory(story('who', 'The Who play at the harbour'), [], day);
      expect((await index.searchStories('the who', 5)).map((s) => s.id)).toEqual(['who']);
      expect(await index.searchStories("harbour:* & !who | (')", 5)).toHaveLength(1);
      expect(await index.getPerson('not-a-number')).toBeUndefined();
      await store.close();
    });
  });
} else {
  console.log(`postgres-news-index: ${MISSING_DATABASE_REASON}`);
  it('needs a PostgreSQL (HERALD_TEST_DATABASE_URL); CI always provides one', () => {
    expect(process.env.CI, `CI must run the PostgreSQL suites: ${MISSING_DATABASE_REASON}`).toBeFalsy();
    expect(TEST_DATABASE_URL).toBe('');
  });
}
