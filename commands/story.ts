import { defineCommand } from '../src/core/command.ts';
import { UserFacingError } from '../src/core/errors.ts';

export default defineCommand({
  name: 'story',
  description: 'One story: its bullets, sources and people',
  options: { search: { type: 'string', description: 'Words from the headline', required: true } },
  permission: 'everyone',
  run: async ({ options, services }) => {
    const story = await services.findStory(options.search);
    if (!story) throw new UserFacingError('story-not-found', `No story matches "${options.search}". Try fewer or different words, or /search to list matches.`);
    return { kind: 'stories', stories: [story] };
  },
});
