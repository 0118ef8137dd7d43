import { describe, expect, it } from 'vitest';
import { digestKey, nextSlot, slotsBetween } from '../../src/deliver/digest-slots.ts';
import { zonedInstant, zoneOffsetMs } from '../../src/deliver/zoned-time.ts';

const iso = (dates: Date[]): string[] => dates.map((d) => d.toISOString());
const london = (weekdays: string[] = []) => ({ time: '08:00', timezone: 'Europe/London', weekdays });

describe('digest slots', () => {
  it('puts 08:00 Europe/London at 08:00 UTC before the March change and 07:00 UTC after it', () => {
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    const slots = slotsBetween(london(), new Date('2026-03-27T00:00:00Z'), new Date('2026-03-31T00:00:00Z'));
    expect(iso(slots)).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('puts 08:00 Europe/London back at 08:00 UTC after the October change', () => {
    // Clocks go back at 01:00 UTC on Sunday 25 October 2026.
    const slots = slotsBetween(london(), new Date('2026-10-23T12:00:00Z'), new Date('2026-10-27T00:00:00Z'));
    expect(iso(slots)).toEqual(['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('keeps to the weekdays, counted in the zone rather than in UTC', () => {
    // 00:30 in Auckland on Monday is still Sunday in UTC.
    const slots = slotsBetween({ time: '00:30', timezone: 'Pacific/Auckland', weekdays: ['mon'] }, new Date('2026-06-01T00:00:00Z'), new Date('2026-06-15T00:00:00Z'));
    expect(iso(slots)).toEqual(['2026-06-07T12:30:00.000Z', '2026-06-14T12:30:00.000Z']);
    expect(slots.every((s) => s.getUTCDay() === 0)).toBe(true);
  });

  it('takes only (after, until], so a slot is never counted twice by consecutive ticks', () => {
    const at = new Date('2026-03-30T07:00:00Z');
    expect(iso(slotsBetween(london(), new Date(at.getTime() - 60_000), at))).toEqual([at.toISOString()]);
    expect(slotsBetween(london(), at, new Date(at.getTime() + 60_000))).toEqual([]);
  });

  it('moves a time the spring change skips an hour later, and takes the first of a time the autumn change repeats', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 29 }, 1, 30, 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInstant({ year: 2026, month: 10, day: 25 }, 1, 30, 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant({ year: 2026, month: 3, day: 8 }, 2, 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reads zone offsets, half hours included', () => {
    expect(zoneOffsetMs(new Date('2026-07-01T00:00:00Z'), 'Europe/London')).toBe(3_600_000);
    expect(zoneOffsetMs(new Date('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('finds the next slot across a weekend', () => {
    expect(nextSlot(london(['mon', 'tue', 'wed', 'thu', 'fri']), new Date('2026-03-27T08:00:00Z'))?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('refuses a time that is not HH:MM', () => {
    expect(() => slotsBetween({ time: '8am', timezone: 'UTC', weekdays: [] }, new Date(0), new Date(86_400_000))).toThrow(/HH:MM/);
  });

  it('keys each (channel, slot) apart, the same way every time', () => {
    const slot = new Date('2026-03-30T07:00:00Z');
    expect(digestKey('news', slot)).toBe(digestKey('news', new Date(slot)));
    expect(new Set([digestKey('news', slot), digestKey('sport', slot), digestKey('news', new Date(slot.getTime() + 86_400_000))]).size).toBe(3);
    expect(digestKey('news', slot)).toMatch(/^hd[0-9a-f]{16}$/);
  });
});
