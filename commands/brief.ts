import { defineCommand } from '../src/core/command.ts';
import { parseSince } from '../src/core/parse-since.ts';

export default defineCommand({
  name: 'brief',
  description: 'The news briefing now: top stories, merged across outlets',
  options: {
    topic: { type: 'string', description: 'Only this topic, e.g. business' },
    since: { type: 'string', description: 'yesterday, 8h, 2d or a date like 2026-11-27' },
  },
  permission: 'everyone',
  run: async ({ options, services, channel, now }) => {
    const since = options.since ? parseSince(options.since, now) : undefined;
    const briefing = await services.briefing(channel.id, { ...(options.topic ? { topic: options.topic } : {}), ...(since ? { since } : {}) });
    return { kind: 'briefing', briefing };
  },
});
