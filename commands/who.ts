import { defineCommand } from '../src/core/command.ts';
import { UserFacingError } from '../src/core/errors.ts';

export default defineCommand({
  name: 'who',
  description: 'Who is this person in the news?',
  options: { name: { type: 'string', description: 'A name, or part of one', required: true, autocomplete: true } },
  permission: 'everyone',
  run: async ({ options, services }) => {
    const answer = await services.person(options.name);
    if (answer.person) return { kind: 'person', person: answer.person, stories: answer.stories };
    const hint = answer.suggestions.length ? ` Did you mean ${answer.suggestions.slice(0, 5).join(', ')}?` : ' Try a surname, or /search to find the story first.';
    throw new UserFacingError('person-not-found', `No one called "${options.name}" is in the news I have.${hint}`);
  },
  autocomplete: ({ services, value }) => services.suggestPeople(value, 25),
});
