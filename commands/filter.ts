import { defineCommand } from '../src/core/command.ts';
import { UserFacingError } from '../src/core/errors.ts';

export default defineCommand({
  name: 'filter',
  description: "Only include, or exclude, stories with these words (admins)",
  options: {
    mode: { type: 'string', description: 'include or exclude', required: true, choices: ['include', 'exclude'] },
    words: { type: 'string', description: 'Words, separated by commas or spaces; "none" clears the filter', required: true },
  },
  permission: 'admin',
  run: async ({ options, services, channel }) => {
    const mode = options.mode.toLowerCase();
    if (mode !== 'include' && mode !== 'exclude') throw new UserFacingError('bad-filter-mode', `"${options.mode}" is not a filter mode: use include or exclude, e.g. /filter exclude football, cricket.`);
    const words = options.words.trim().toLowerCase() === 'none' ? [] : options.words.split(/[,\s]+/).map((w) => w.trim()).filter(Boolean);
    await services.setFilter(channel.id, mode, words);
    return { kind: 'text', text: words.length ? `Briefings here now ${mode} stories with: ${words.join(', ')}.` : `The ${mode} filter is cleared.` };
  },
});
