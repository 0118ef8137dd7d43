/**
 * The Outbox contract: every engine (SQLite, PostgreSQL) runs this same suite. `a` and `b` are two
 * connections to one database, as two instances would hold.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outbox, OutboxLease, Store } from '../../src/core/ports.ts';

export interface OutboxFixture {
  store: Store;
  a: Outbox;
  b: Outbox;
  close(): Promise<void>;
}

const MINUTE_MS = 60_000;

export function outboxContract(name: string, open: () => Promise<OutboxFixture>): void {
  describe(`Outbox contract: ${name}`, () => {
    let fx: OutboxFixture;
    const slotAt = new Date('2026-03-30T07:00:00Z');
    const now = new Date('2026-03-30T07:00:05Z');
    const later = (ms: number): Date => new Date(now.getTime() + ms);
    const request = (owner: string, at = now, over: Partial<{ late: boolean; channelId: string; slotAt: Date }> = {}) => ({
      channelId: 'news',
      slotAt,
      key: 'hd-1',
      owner,
      now: at,
      leaseUntil: new Date(at.getTime() + MINUTE_MS),
      late: false,
      ...over,
    });
    const lease = (owner: string): OutboxLease => ({ channelId: 'news', slotAt, owner });

    beforeEach(async () => {
      fx = await open();
      await fx.store.migrate();
    });
    afterEach(async () => {
      await fx.close();
    });

    it('gives a new slot to its first claimer and to no one else while the lease lasts', async () => {
      const first = await fx.a.claim(request('one'));
      expect(first).toMatchObject({ channelId: 'news', key: 'hd-1', status: 'posting', attempts: 1, owner: 'one', late: false });
      expect(first?.slotAt.getTime()).toBe(slotAt.getTime());
      expect(await fx.b.claim(request('two'))).toBeUndefined();
      expect(await fx.a.claim(request('one'))).toBeUndefined();
    });

    it('lets exactly one of many simultaneous claimers on two connections win', async () => {
      const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? fx.a : fx.b).claim(request(`owner-${i}`))));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('hands a slot whose lease ran out to the next claimer, counting the attempt', async () => {
      await fx.a.claim(request('one'));
      const takeover = await fx.b.claim(request('two', later(MINUTE_MS)));
      expect(takeover).toMatchObject({ owner: 'two', attempts: 2, status: 'posting' });
      expect(await fx.a.complete(lease('one'), { messageId: 'm1', threads: {} }, later(MINUTE_MS))).toBe(false);
      expect(await fx.a.renew(lease('one'), later(2 * MINUTE_MS))).toBe(false);
      expect(await fx.b.renew(lease('two'), later(5 * MINUTE_MS))).toBe(true);
      expect(await fx.a.claim(request('three', later(3 * MINUTE_MS)))).toBeUndefined();
    });

    it('keeps the first briefing and records the message id and threads once sent', async () => {
      await fx.a.claim(request('one'));
      expect(await fx.a.saveBriefing(lease('one'), '{"v":1}')).toBe(true);
      expect(await fx.a.saveBriefing(lease('one'), '{"v":2}')).toBe(false);
      expect(await fx.a.complete(lease('one'), { messageId: '1764.0001', threads: { s1: '1764.0002' } }, later(1_000))).toBe(true);
      const entry = await fx.b.get('news', slotAt);
      expect(entry).toMatchObject({ status: 'sent', briefing: '{"v":1}', messageId: '1764.0001', threads: { s1: '1764.0002' } });
      expect(entry?.sentAt?.getTime()).toBe(later(1_000).getTime());
      expect(await fx.b.claim(request('two', later(10 * MINUTE_MS)))).toBeUndefined();
    });

    it('retries a released slot only from its retry time, keeping it late once late', async () => {
      await fx.a.claim(request('one'));
      expect(await fx.a.release(lease('one'), { error: 'HTTP 503', retryAt: later(2 * MINUTE_MS) }, later(1_000))).toBe(true);
      expect(await fx.a.get('news', slotAt)).toMatchObject({ status: 'pending', error: 'HTTP 503' });
      expect(await fx.b.claim(request('two', later(MINUTE_MS), { late: true }))).toBeUndefined();
      const again = await fx.b.claim(request('two', later(2 * MINUTE_MS), { late: true }));
      expect(again).toMatchObject({ owner: 'two', attempts: 2, late: true });
      await fx.b.release(lease('two'), { error: 'HTTP 503', retryAt: later(3 * MINUTE_MS) }, later(2 * MINUTE_MS));
      expect(await fx.a.claim(request('three', later(4 * MINUTE_MS), { late: false }))).toMatchObject({ attempts: 3, late: true });
    });

    it('never hands out a failed, sent or skipped slot again', async () => {
      await fx.a.claim(request('one'));
      expect(await fx.a.fail(lease('one'), 'channel_not_found', later(1_000))).toBe(true);
      expect(await fx.a.claim(request('two', later(60 * MINUTE_MS)))).toBeUndefined();
      expect(await fx.a.get('news', slotAt)).toMatchObject({ status: 'failed', error: 'channel_not_found' });

      const missed = new Date('2026-03-29T07:00:00Z');
      expect(await fx.a.skip({ channelId: 'news', slotAt: missed, key: 'hd-0', reason: 'missed by 5 h' }, now)).toBe(true);
      expect(await fx.b.skip({ channelId: 'news', slotAt: missed, key: 'hd-0', reason: 'again' }, now)).toBe(false);
      expect(await fx.b.claim(request('two', now, { slotAt: missed }))).toBeUndefined();
      expect(await fx.a.skip({ channelId: 'news', slotAt, key: 'hd-1', reason: 'too late' }, now)).toBe(false);
    });

    it('lists entries from a slot on, oldest first, and the latest per channel', async () => {
      const day = 86_400_000;
      for (const [channelId, offset] of [['news', -day], ['news', 0], ['sport', day], ['news', 2 * day]] as const) {
        await fx.a.claim(request('one', now, { channelId, slotAt: new Date(slotAt.getTime() + offset) }));
      }
      const listed = await fx.b.since(slotAt);
      expect(listed.map((e) => `${e.channelId}@${e.slotAt.toISOString()}`)).toEqual([
        'news@2026-03-30T07:00:00.000Z',
        'sport@2026-03-31T07:00:00.000Z',
        'news@2026-04-01T07:00:00.000Z',
      ]);
      expect((await fx.b.latest('news'))?.slotAt.toISOString()).toBe('2026-04-01T07:00:00.000Z');
      expect(await fx.b.latest('weather')).toBeUndefined();
    });

    it('takes a notice key once until it is cleared', async () => {
      const results = await Promise.all([fx.a.claimNotice('feed-failing:f1:2026-03-29', now), fx.b.claimNotice('feed-failing:f1:2026-03-29', now)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await fx.a.claimNotice('feed-failing:f1:2026-03-29', later(1_000))).toBe(false);
      await fx.b.clearNotice('feed-failing:f1:2026-03-29');
      expect(await fx.a.claimNotice('feed-failing:f1:2026-03-29', later(2_000))).toBe(true);
    });

    it('lists the channels whose schedule was set from chat', async () => {
      await fx.store.saveChannelSettings({ channelId: 'C0NEWS', schedule: { time: '08:00', timezone: 'Europe/London', weekdays: ['mon', 'tue'] }, include: ['budget'], exclude: [] });
      await fx.store.saveChannelSettings({ channelId: 'C0QUIET', include: [], exclude: ['sport'] });
      expect(await fx.a.scheduledChannels()).toEqual([
        { channelId: 'C0NEWS', schedule: { time: '08:00', timezone: 'Europe/London', weekdays: ['mon', 'tue'] }, include: ['budget'], exclude: [] },
      ]);
    });
  });
}
