import { describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/chat/console/console-adapter.ts';
import type { ChatAdapter } from '../../src/core/ports.ts';
import { createChannelResolver, platformOf } from '../../src/deliver/digest-channels.ts';
import { recordingLogger, textSink } from '../support/deliver-fixtures.ts';

/** Stands in for a connected platform: only its name matters to the resolver. */
function named(platform: string): ChatAdapter {
  return { platform, start: async () => undefined, stop: async () => undefined, post: async (channelId) => ({ channelId, messageId: 'm' }) };
}

const EIGHT = { time: '08:00', timezone: 'Europe/London', weekdays: ['mon'] };
const NINE = { time: '09:00', timezone: 'UTC', weekdays: [] };

describe('digest channels', () => {
  it('tells Slack and Discord channel ids apart by their shape', () => {
    expect(platformOf('C0123ABCD')).toBe('slack');
    expect(platformOf('G0123ABCD')).toBe('slack');
    expect(platformOf('123456789012345678')).toBe('discord');
    expect(platformOf('console')).toBeUndefined();
  });

  it('merges configured schedules with /schedule ones, the chat one winning for the same channel', () => {
    const adapters = new Map<string, ChatAdapter>([['console', new ConsoleAdapter(textSink())], ['slack', named('slack')], ['discord', named('discord')]]);
    const logger = recordingLogger();
    const resolve = createChannelResolver(
      [
        { id: 'news', platform: 'slack', target: 'C0NEWS01', schedule: EIGHT },
        { id: 'desk', platform: 'console', schedule: EIGHT },
        { id: 'quiet', platform: 'slack', target: 'C0QUIET1' },
      ],
      adapters,
      logger,
    );
    const scheduled = [
      { channelId: 'C0NEWS01', schedule: NINE, include: [], exclude: [] },
      { channelId: 'C0QUIET1', schedule: NINE, include: [], exclude: [] },
      { channelId: '123456789012345678', schedule: NINE, include: [], exclude: [] },
      { channelId: 'C0OTHER1', schedule: EIGHT, include: [], exclude: [] },
    ];
    const channels = resolve(scheduled).map((c) => ({ id: c.id, platform: c.adapter.platform, target: c.target, time: c.schedule.time }));
    expect(channels).toEqual([
      { id: 'news', platform: 'slack', target: 'C0NEWS01', time: '09:00' },
      { id: 'desk', platform: 'console', target: 'desk', time: '08:00' },
      { id: 'quiet', platform: 'slack', target: 'C0QUIET1', time: '09:00' },
      { id: '123456789012345678', platform: 'discord', target: '123456789012345678', time: '09:00' },
      { id: 'C0OTHER1', platform: 'slack', target: 'C0OTHER1', time: '08:00' },
    ]);
  });

  it('prints a platform without a token to the console, and skips a /schedule whose platform is not connected, warning once', () => {
    const logger = recordingLogger();
    const resolve = createChannelResolver([{ id: 'news', platform: 'discord', target: '123456789012345678', schedule: EIGHT }], new Map([['console', new ConsoleAdapter(textSink())]]), logger);
    const scheduled = [{ channelId: 'C0SLACK1', schedule: NINE, include: [], exclude: [] }];
    resolve(scheduled);
    const channels = resolve(scheduled);
    expect(channels.map((c) => [c.id, c.adapter.platform, c.target])).toEqual([['news', 'console', 'news']]);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'no token for this platform; printing its digests to the console',
      'a /schedule was set in a channel whose platform is not connected; its digests are not posted',
    ]);
  });
});
