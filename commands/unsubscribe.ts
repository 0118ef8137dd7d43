import { defineCommand } from '../src/core/command.ts';
import { UserFacingError } from '../src/core/errors.ts';

export default defineCommand({
  name: 'unsubscribe',
  description: 'Remove a feed from this channel (admins)',
  options: { feed: { type: 'string', description: 'The feed URL or its title, as /feeds lists it', required: true } },
  permission: 'admin',
  run: async ({ options, services, channel }) => {
    if (!(await services.unsubscribe(channel.id, options.feed))) throw new UserFacingError('feed-not-found', `This channel has no feed "${options.feed}". Run /feeds to see its feeds.`);
    return { kind: 'text', text: `Unsubscribed from ${options.feed}.` };
  },
});
