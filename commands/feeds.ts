import { defineCommand } from '../src/core/command.ts';

function ago(date: Date | undefined, now: Date): string {
  if (!date) return 'never';
  const minutes = Math.round((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}

function inTime(date: Date, now: Date): string {
  const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return 'now';
  return minutes < 90 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
}

export default defineCommand({
  name: 'feeds',
  description: "This channel's feeds and their health (admins)",
  options: {},
  permission: 'admin',
  run: async ({ services, channel, now }) => {
    const feeds = await services.feeds(channel.id);
    if (feeds.length === 0) return { kind: 'text', text: 'No feeds yet. Add one with /subscribe <feed url>.', ephemeral: true };
    const lines = feeds.map((f) => {
      const retry = f.nextPollAt ? `; retrying ${inTime(f.nextPollAt, now)}` : '';
      const since = f.failingSince ? ` since ${ago(f.failingSince, now)}` : '';
      const health = f.failures > 0 ? `failing${since} (${f.failures}×, last error ${ago(f.lastErrorAt, now)}: ${f.lastError ?? 'unknown'}${retry})` : `ok, last success ${ago(f.lastSuccessAt, now)}`;
      return `• ${f.title ?? f.url}${f.topic ? ` [${f.topic}]` : ''} — ${health}\n  ${f.url}`;
    });
    return { kind: 'text', text: lines.join('\n'), ephemeral: true };
  },
});
