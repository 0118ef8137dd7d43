import { defineCommand } from '../src/core/command.ts';

export default defineCommand({
  name: 'subscribe',
  description: 'Add a feed to this channel (admins)',
  options: {
    url: { type: 'string', description: 'The feed URL (http or https)', required: true },
    topic: { type: 'string', description: 'Topic to file its stories under' },
  },
  permission: 'admin',
  run: async ({ options, services, channel }) => {
    const feed = await services.subscribe(channel.id, options.url, options.topic);
    return { kind: 'text', text: `Subscribed to ${feed.title ?? feed.url}${feed.topic ? ` (topic: ${feed.topic})` : ''}. Its stories appear in the next briefing.` };
  },
});
