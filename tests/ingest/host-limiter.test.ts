import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../src/ingest/host-limiter.ts';

describe('createHostLimiter', () => {
  it('grants up to the limit per host, queues the rest in order', async () => {
    const limiter = createHostLimiter(2);
    const first = await limiter.acquire('a.test');
    const second = await limiter.acquire('A.TEST');
    const order: string[] = [];
    const third = limiter.acquire('a.test').then((release) => { order.push('third'); return release; });
    const fourth = limiter.acquire('a.test').then((release) => { order.push('fourth'); return release; });
    const other = await limiter.acquire('b.test');
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(limiter.active('a.test')).toBe(2);
    expect(limiter.active('b.test')).toBe(1);

    first();
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
    other();
    expect(limiter.active('a.test')).toBe(0);
    expect(limiter.active('b.test')).toBe(0);
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = createHostLimiter(1);
    const release = await limiter.acquire('a.test');
    const waiting = limiter.acquire('a.test');
    release();
    release();
    const next = await waiting;
    expect(limiter.active('a.test')).toBe(1);
    next();
    expect(limiter.active('a.test')).toBe(0);
  });

  it('drops a waiter whose signal aborts, and rejects with the reason', async () => {
    const limiter = createHostLimiter(1);
    const release = await limiter.acquire('a.test');
    const controller = new AbortController();
    const waiting = limiter.acquire('a.test', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    release();
    expect(limiter.active('a.test')).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => createHostLimiter(0)).toThrow(RangeError);
  });
});
