import { defineCommand } from '../src/core/command.ts';

export default defineCommand({
  name: 'figures',
  description: 'The key numbers and dates, with context',
  options: { story: { type: 'string', description: 'A story (words from its headline) or a topic' } },
  permission: 'everyone',
  run: async ({ options, services }) => {
    const { title, figures } = await services.figures(options.story);
    if (figures.length === 0) return { kind: 'text', text: options.story ? `No key figures found for "${options.story}". Try other words from the headline.` : 'No key figures in the latest stories yet.', ephemeral: true };
    return { kind: 'figures', figures, title };
  },
});
