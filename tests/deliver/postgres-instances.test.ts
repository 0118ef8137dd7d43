/**
 * Several instances sharing PostgreSQL: each ticks for the same slot at the same moment, and the
 * stand-in gets one digest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createSlackAdapter } from '../../src/chat/slack/adapter.ts';
import { digestKey } from '../../src/deliver/digest-slots.ts';
import { PostgresOutbox } from '../../src/store/postgres/outbox.ts';
import { createPool } from '../../src/store/postgres/pool.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { channel, clockSleep, FakeClock, recordingLogger, testScheduler } from '../support/deliver-fixtures.ts';
import { fixtureServices } from '../support/services-fixture.ts';
import { startSlackStandIn } from '../support/slack-server.ts';
import { MISSING_DATABASE_REASON, TEST_DATABASE_URL, TestSchemas } from '../store/postgres-test-db.ts';

const SLOT = new Date('2026-03-30T08:00:00Z');

if (TEST_DATABASE_URL) describe('instances sharing PostgreSQL', () => {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());

  it('post each digest once when four instances tick for the same slot at once', async () => {
    const schema = await schemas.create();
    const store = new PostgresStore({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
    await store.migrate();
    const pools = Array.from({ length: 3 }, () => createPool({ connectionString: TEST_DATABASE_URL, schema, max: 4 }));
    const slack = await startSlackStandIn({ clock: () => SLOT });
    const clock = new FakeClock(SLOT);
    const adapter = createSlackAdapter({ botToken: 'xoxb-test', appToken: 'xapp-test', commands, services: fixtureServices(), logger: recordingLogger(), slackApiUrl: slack.apiUrl, clock });
    const channels = ['C0NEWS01', 'C0NEWS02', 'C0NEWS03'].map((id) => channel(id, adapter, { time: '08:00', timezone: 'UTC', weekdays: [] }));
    const instances = [store.pool, ...pools].map((pool, i) => testScheduler({ outbox: new PostgresOutbox(pool), clock, sleep: clockSleep(clock), owner: `instance-${i}`, channels }));
    await Promise.all(instances.flatMap((s) => [s.tick(), s.tick()]));
    for (const c of channels) {
      const headers = slack.messagesIn(c.target).filter((m) => {
        const metadata = m.metadata as { event_type?: string; event_payload?: { digest_key?: string } } | undefined;
        return metadata?.event_type === 'herald_digest' && metadata.event_payload?.digest_key === digestKey(c.id, SLOT);
      });
      expect(headers).toHaveLength(1);
    }
    expect(instances.reduce((n, s) => n + s.records.length, 0)).toBe(3);
    await slack.close();
    await Promise.all(pools.map((p) => p.end()));
    await store.close();
  });
});

if (!TEST_DATABASE_URL) {
  console.log(`postgres-instances: ${MISSING_DATABASE_REASON}`);
  describe('instances sharing PostgreSQL', () => {
    it('needs a PostgreSQL (HERALD_TEST_DATABASE_URL); CI always provides one', () => {
      expect(process.env.CI, `CI must run the PostgreSQL suites: ${MISSING_DATABASE_REASON}`).toBeFalsy();
      expect(TEST_DATABASE_URL).toBe('');
    });
  });
}
