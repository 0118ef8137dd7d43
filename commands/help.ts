import { defineCommand, type CommandDefinition } from '../src/core/command.ts';

/** `/help` lists the other commands; admins also see the admin ones. */
export function helpCommand(list: readonly CommandDefinition[]) {
  return defineCommand({
    name: 'help',
    description: 'What Herald can do',
    options: {},
    permission: 'everyone',
    run: async ({ user }) => {
      const usage = (c: CommandDefinition): string =>
        `/${c.name}${Object.entries(c.options).map(([name, spec]) => (spec.required ? ` <${name}>` : ` [${name}]`)).join('')}`;
      const lines = list.filter((c) => c.permission === 'everyone' || user.isAdmin).map((c) => `• ${usage(c)}: ${c.description}`);
      return {
        kind: 'text',
        text: ['Herald posts a daily news digest here, with a thread per story. Mention me in a story thread to ask about it ("what did Lukin say?", "how much?").', '', ...lines, '• /help: this list'].join('\n'),
        ephemeral: true,
      };
    },
  });
}
