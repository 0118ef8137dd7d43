import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { commandJson, CommandJsonError, registerCommands } from '../../../src/chat/discord/register.ts';
import { defineCommand } from '../../../src/core/command.ts';
import { APPLICATION_ID, BOT_TOKEN, GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../../support/discord-server.ts';

const TYPE = { string: 3, integer: 4, boolean: 5 } as const;

describe('Discord command JSON', () => {
  it.each(commands.map((c) => [c.name, c] as const))('/%s matches its definition', (_name, command) => {
    const json = commandJson(command);
    expect(json.name).toBe(command.name);
    expect(json.type).toBe(1);
    expect(json.description).toBe(command.description);
    expect(json.description.length).toBeLessThanOrEqual(100);
    expect(json.contexts).toEqual([0]);
    const options = json.options ?? [];
    expect(options.map((o) => o.name).sort()).toEqual(Object.keys(command.options).sort());
    const firstOptional = options.findIndex((o) => !('required' in o && o.required));
    if (firstOptional >= 0) expect(options.slice(firstOptional).every((o) => !('required' in o && o.required))).toBe(true);
    for (const option of options) {
      const spec = command.options[option.name]!;
      expect(option.type).toBe(TYPE[spec.type]);
      expect(option.description).toBe(spec.description);
      expect('required' in option && option.required).toBe(spec.required === true);
      expect('autocomplete' in option && option.autocomplete === true).toBe(spec.autocomplete === true);
      const choices = 'choices' in option ? option.choices : undefined;
      expect(choices?.map((c) => c.value)).toEqual(spec.choices ? [...spec.choices] : undefined);
    }
    expect('default_member_permissions' in json).toBe(false);
  });

  it('marks /who name for autocomplete and gives /filter its choices', () => {
    const who = commandJson(commands.find((c) => c.name === 'who')!);
    expect(who.options).toEqual([expect.objectContaining({ name: 'name', type: 3, required: true, autocomplete: true })]);
    const filter = commandJson(commands.find((c) => c.name === 'filter')!);
    expect(filter.options?.[0]).toMatchObject({ name: 'mode', choices: [{ name: 'include', value: 'include' }, { name: 'exclude', value: 'exclude' }] });
  });

  it('puts required options first and types integers and booleans', () => {
    const json = commandJson(
      defineCommand({
        name: 'demo',
        description: 'Demo',
        options: { verbose: { type: 'boolean', description: 'More' }, count: { type: 'integer', description: 'How many', required: true, choices: ['1', '5'] } },
        permission: 'everyone',
        run: async () => ({ kind: 'text', text: '' }),
      }),
    );
    expect(json.options).toEqual([
      { name: 'count', description: 'How many', required: true, type: 4, choices: [{ name: '1', value: 1 }, { name: '5', value: 5 }] },
      { name: 'verbose', description: 'More', required: false, type: 5 },
    ]);
  });

  it('names the problem in a definition Discord would reject', () => {
    const bad = (name: string, description: string) => defineCommand({ name, description, options: {}, permission: 'everyone', run: async () => ({ kind: 'text', text: '' }) });
    expect(() => commandJson(bad('Brief', 'x'))).toThrow(CommandJsonError);
    expect(() => commandJson(bad('brief', 'x'.repeat(101)))).toThrow(/1-100 characters/);
  });
});

describe('registerCommands against the stand-in', () => {
  let discord: DiscordStandIn;
  beforeEach(async () => {
    discord = await startDiscordStandIn();
  });
  afterEach(async () => {
    await discord.close();
  });

  it('registers every command in one guild', async () => {
    const result = await registerCommands({ token: BOT_TOKEN, applicationId: APPLICATION_ID, guildId: GUILD_ID, commands, restApi: discord.apiUrl });
    expect(result).toEqual({ scope: 'guild', names: commands.map((c) => c.name) });
    const put = discord.requests.filter((r) => r.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0]!.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(put[0]!.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(put[0]!.body).toEqual(JSON.parse(JSON.stringify(commands.map(commandJson))));
  });

  it('registers every command globally without a guild', async () => {
    const result = await registerCommands({ token: BOT_TOKEN, applicationId: APPLICATION_ID, commands, restApi: discord.apiUrl });
    expect(result.scope).toBe('global');
    const put = discord.requests.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.path)).toEqual([`/applications/${APPLICATION_ID}/commands`]);
    expect((put[0]!.body as unknown[]).length).toBe(commands.length);
  });

  it('fails clearly with a wrong token', async () => {
    await expect(registerCommands({ token: 'wrong', applicationId: APPLICATION_ID, commands, restApi: discord.apiUrl })).rejects.toThrow(/Unauthorized/);
  });
});
