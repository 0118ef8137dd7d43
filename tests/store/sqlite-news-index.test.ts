import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteNewsIndex } from '../../src/store/sqlite/sqlite-news-index.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { newsIndexContract } from '../contract/news-index.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-news-index-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

newsIndexContract('SQLite', async () => {
  const store = new SqliteStore(join(dir, `t${n++}.db`));
  await store.migrate();
  return { index: new SqliteNewsIndex(store.db), close: () => store.close() };
});

describe('SqliteNewsIndex', () => {
  it('keeps stories and people across reopening the file', async () => {
    const file = join(dir, 'reopen.db');
    const a = new SqliteStore(file);
    await a.migrate();
    await new SqliteNewsIndex(a.db).saveStory(
      { id: 's1', headline: 'Mayor opens the bridge', bullets: ['It cost $12m.'], sources: [], people: [], figures: [], firstSeen: new Date('2026-01-05T10:00:00Z') },
      [{ name: 'Ada Byrne', aliases: ['Byrne'], role: 'Mayor', quotes: [], storyIds: [] }],
      new Date('2026-01-05T10:00:00Z'),
    );
    await a.close();
    const b = new SqliteStore(file);
    await b.migrate();
    const index = new SqliteNewsIndex(b.db);
    expect((await index.searchStories('bridge', 5)).map((s) => s.id)).toEqual(['s1']);
    expect((await index.findPeople('Byrne', 5))[0]).toMatchObject({ name: 'Ada Byrne', role: 'Mayor' });
    await b.close();
  });

  it('orders stories first seen in the same millisecond by when they were saved', async () => {
    const store = new SqliteStore(join(dir, 'same-ms.db'));
    await store.migrate();
    const index = new SqliteNewsIndex(store.db);
    const firstSeen = new Date('2026-01-05T10:00:00Z');
    for (const id of ['x1', 'x2', 'x3']) {
      await index.saveStory({ id, headline: `Harbour news ${id}`, bullets: [], sources: [], people: [], figures: [], firstSeen }, [], firstSeen);
    }
    expect((await index.searchStories('harbour', 5)).map((s) => s.id)).toEqual(['x3', 'x2', 'x1']);
    await store.close();
  });

  it('finds near misses for people saved through another connection or another index on the same one', async () => {
    const file = join(dir, 'two-connections.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    await a.migrate();
    const reader = new SqliteNewsIndex(a.db);
    const day = new Date('2026-01-05T10:00:00Z');
    const save = (index: SqliteNewsIndex, id: string, name: string): Promise<void> =>
      index.saveStory({ id, headline: id, bullets: [], sources: [], people: [], figures: [], firstSeen: day }, [{ name, aliases: [], quotes: [], storyIds: [] }], day);
    await save(reader, 's1', 'Margrethe Vestager');
    expect((await reader.findPeople('Margrete Vestager', 5))[0]?.name).toBe('Margrethe Vestager');
    await save(new SqliteNewsIndex(b.db), 's2', 'Thierry Breton');
    expect((await reader.findPeople('Thiery Breton', 5))[0]?.name).toBe('Thierry Breton');
    await save(new SqliteNewsIndex(a.db), 's3', 'Kaja Kallas');
    expect((await reader.findPeople('Kaja Kalas', 5))[0]?.name).toBe('Kaja Kallas');
    await a.close();
    await b.close();
  });
});
