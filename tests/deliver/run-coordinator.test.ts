import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRunCoordinator, type SlotClaimer } from '../../src/deliver/run-coordinator.ts';
import { SqliteJobClaims } from '../../src/store/sqlite/job-claims.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-coordinator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One "instance": its own connection to the shared file, claiming under its own name. */
async function instance(file: string, holder: string): Promise<{ claimer: SlotClaimer; store: SqliteStore }> {
  const store = new SqliteStore(file);
  await store.migrate();
  const jobs = new SqliteJobClaims(store.db);
  return { store, claimer: { claimJob: (key, ttlMs) => jobs.claim(key, holder, new Date(), ttlMs) } };
}

describe('node-cron run coordinator on job claims', () => {
  const tasks: ScheduledTask[] = [];
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const task of tasks.splice(0)) await task.destroy();
    for (const store of stores.splice(0)) await store.close();
  });

  it('runs each slot of a distributed task on one of the instances scheduling it', async () => {
    const file = join(dir, 'shared.db');
    const runs: { holder: string; slot: string }[] = [];
    for (const holder of ['A', 'B', 'C']) {
      const { claimer, store } = await instance(file, holder);
      stores.push(store);
      tasks.push(
        cron.schedule('* * * * * *', (context) => void runs.push({ holder, slot: context.date.toISOString() }), {
          name: 'digest-console',
          distributed: true,
          runCoordinator: createRunCoordinator(claimer),
        }),
      );
    }
    while (new Set(runs.map((r) => r.slot)).size < 3) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const task of tasks) await task.stop();
    const slots = runs.map((r) => r.slot);
    expect(slots.length).toBe(new Set(slots).size);
  }, 15_000);

  it('skips the slot everywhere when the claims cannot be reached (fail closed)', async () => {
    const skipped: string[] = [];
    let ran = false;
    const task = cron.schedule('* * * * * *', () => { ran = true; }, {
      name: 'digest-broken',
      distributed: true,
      runCoordinator: createRunCoordinator({ claimJob: () => Promise.reject(new Error('database down')) }),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
    });
    tasks.push(task);
    task.on('execution:skipped', (context) => void skipped.push(String(context.reason)));
    while (!skipped.length) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(skipped[0]).toBe('coordinator-error');
    expect(ran).toBe(false);
  }, 15_000);
});
