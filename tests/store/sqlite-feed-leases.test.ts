import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteFeedLeases } from '../../src/store/sqlite/feed-leases.ts';
import { SqliteJobClaims } from '../../src/store/sqlite/job-claims.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { feedLeasesContract, type LeaseInstance } from '../contract/feed-leases.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-leases-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two connections to one file, as two processes sharing it would have.
const open = (file: string): LeaseInstance => {
  const store = new SqliteStore(file);
  return { store, leases: new SqliteFeedLeases(store.db), jobs: new SqliteJobClaims(store.db) };
};

feedLeasesContract('SQLite', async () => {
  const file = join(dir, `leases-${n++}.db`);
  return [open(file), open(file)];
});
