import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteOutbox } from '../../src/store/sqlite/outbox.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { outboxContract } from '../contract/outbox.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-outbox-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two connections to one file, as two processes on one machine would hold.
outboxContract('SQLite', async () => {
  const file = join(dir, `o${n++}.db`);
  const store = new SqliteStore(file);
  const other = new SqliteStore(file);
  return {
    store,
    a: new SqliteOutbox(store.db),
    b: new SqliteOutbox(other.db),
    async close() {
      await other.close();
      await store.close();
    },
  };
});
