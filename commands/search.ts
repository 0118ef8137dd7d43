import { defineCommand } from '../src/core/command.ts';

const SEARCH_LIMIT = 10;

export default defineCommand({
  name: 'search',
  description: 'Stories matching some words, newest first',
  options: { words: { type: 'string', description: 'Words to look for', required: true } },
  permission: 'everyone',
  run: async ({ options, services }) => {
    const stories = await services.searchStories(options.words, SEARCH_LIMIT);
    if (stories.length === 0) return { kind: 'text', text: `No stories match "${options.words}".`, ephemeral: true };
    return { kind: 'stories', stories, title: `Stories matching "${options.words}"` };
  },
});
