import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { storeContract } from '../contract/store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('SQLite', async () => new SqliteStore(join(dir, `t${n++}.db`)));

describe('SqliteStore', () => {
  it('uses WAL and keeps data across reopen', async () => {
    const file = join(dir, 'reopen.db');
    const a = new SqliteStore(file);
    await a.migrate();
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await a.upsertFeed({ id: 'f', url: 'https://a.example/rss', weight: 1 });
    await a.close();
    const b = new SqliteStore(file);
    await b.migrate();
    expect((await b.listFeeds()).map((f) => f.id)).toEqual(['f']);
    await b.close();
  });
});
