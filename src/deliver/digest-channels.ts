/**
 * The channels digests go to, re-read every tick: the config's channels with a schedule, and the
 * chat channels whose admins set one with /schedule. A /schedule in a configured channel overrides
 * its configured schedule. A chat channel known only from /schedule is matched to its platform by
 * the shape of its id (Slack C…/G…/D…, Discord snowflakes); one whose platform is not connected is
 * skipped, with one warning.
 */
import type { ChannelSettings, ChatAdapter, Logger } from '../core/ports.ts';
import type { DigestChannel } from './deliver-slot.ts';
import type { DigestSchedule } from './digest-slots.ts';

export interface ConfiguredChannel {
  id: string;
  platform: string;
  /** Slack or Discord channel id; for webhooks, the variable holding the URL. */
  target?: string;
  schedule?: DigestSchedule;
}

const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{6,}$/;
const DISCORD_SNOWFLAKE = /^\d{15,21}$/;

/** Which adapter serves a platform: 'slack', 'discord', 'console', or 'webhook:<channel id>'. */
function adapterKey(channel: ConfiguredChannel): string {
  return channel.platform.endsWith('-webhook') ? `webhook:${channel.id}` : channel.platform;
}

export function platformOf(chatChannelId: string): 'slack' | 'discord' | undefined {
  if (SLACK_CHANNEL_ID.test(chatChannelId)) return 'slack';
  if (DISCORD_SNOWFLAKE.test(chatChannelId)) return 'discord';
  return undefined;
}

export function createChannelResolver(configured: readonly ConfiguredChannel[], adapters: ReadonlyMap<string, ChatAdapter>, logger: Logger): (scheduled: readonly ChannelSettings[]) => DigestChannel[] {
  const warned = new Set<string>();
  const warnOnce = (key: string, context: object, message: string): void => {
    if (warned.has(key)) return;
    warned.add(key);
    logger.warn(context, message);
  };

  return (scheduled) => {
    const bySettings = new Map(scheduled.map((s) => [s.channelId, s]));
    const channels: DigestChannel[] = [];
    const claimed = new Set<string>();
    for (const channel of configured) {
      let adapter = adapters.get(adapterKey(channel));
      if (!adapter) {
        adapter = adapters.get('console');
        warnOnce(`console:${channel.id}`, { channel: channel.id, platform: channel.platform }, 'no token for this platform; printing its digests to the console');
      }
      if (!adapter) continue;
      const chat = adapter.platform === 'slack' || adapter.platform === 'discord';
      const target = chat ? (channel.target ?? channel.id) : channel.id;
      claimed.add(target);
      claimed.add(channel.id);
      const schedule = bySettings.get(target)?.schedule ?? channel.schedule;
      if (schedule) channels.push({ id: channel.id, adapter, target, schedule });
    }
    for (const settings of scheduled) {
      if (claimed.has(settings.channelId) || !settings.schedule) continue;
      const platform = platformOf(settings.channelId);
      const adapter = platform ? adapters.get(platform) : undefined;
      if (!adapter) {
        warnOnce(`unknown:${settings.channelId}`, { channel: settings.channelId, platform }, 'a /schedule was set in a channel whose platform is not connected; its digests are not posted');
        continue;
      }
      channels.push({ id: settings.channelId, adapter, target: settings.channelId, schedule: settings.schedule });
    }
    return channels;
  };
}
