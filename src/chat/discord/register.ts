/**
 * Command definitions → Discord application command JSON, and their registration: per guild
 * (instant, for testing) or global (for production). `herald register-commands [--guild ID]`.
 *
 * Registration is a bulk overwrite (PUT), so it is idempotent and removes commands that are gone.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  REST,
  Routes,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionSpec } from '../../core/command.ts';

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const DESCRIPTION_MAX_CHARS = 100;
const OPTIONS_MAX = 25;
const CHOICES_MAX = 25;

const OPTION_TYPE = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

/** A definition Discord would reject, named so the fix is obvious. */
export class CommandJsonError extends Error {
  override readonly name = 'CommandJsonError';
}

function checkName(name: string, where: string): void {
  if (!NAME.test(name)) throw new CommandJsonError(`${where}: "${name}" is not a Discord command name (1-32 lower-case letters, digits, - or _)`);
}

function checkDescription(description: string, where: string): void {
  if (description.length < 1 || description.length > DESCRIPTION_MAX_CHARS) throw new CommandJsonError(`${where}: the description must be 1-${DESCRIPTION_MAX_CHARS} characters (it is ${description.length})`);
}

function optionJson(name: string, spec: OptionSpec, where: string): APIApplicationCommandBasicOption {
  checkName(name, where);
  checkDescription(spec.description, `${where} option ${name}`);
  const base = { name, description: spec.description, required: spec.required === true };
  if (spec.type === 'boolean') return { ...base, type: OPTION_TYPE.boolean };
  if (spec.autocomplete && spec.choices?.length) throw new CommandJsonError(`${where} option ${name}: Discord allows autocomplete or choices, not both`);
  if (spec.choices && spec.choices.length > CHOICES_MAX) throw new CommandJsonError(`${where} option ${name}: at most ${CHOICES_MAX} choices`);
  if (spec.type === 'integer') {
    const choices = spec.choices?.map((c) => ({ name: c, value: Number(c) }));
    if (choices?.some((c) => !Number.isInteger(c.value))) throw new CommandJsonError(`${where} option ${name}: integer choices must be whole numbers`);
    if (spec.autocomplete) return { ...base, type: OPTION_TYPE.integer, autocomplete: true };
    return { ...base, type: OPTION_TYPE.integer, ...(choices ? { choices } : {}) };
  }
  if (spec.autocomplete) return { ...base, type: OPTION_TYPE.string, autocomplete: true };
  const choices = spec.choices?.map((c) => ({ name: c, value: c }));
  return { ...base, type: OPTION_TYPE.string, ...(choices ? { choices } : {}) };
}

/** One definition as a chat-input command. Required options come first, as Discord demands. */
export function commandJson(command: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const where = `/${command.name}`;
  checkName(command.name, 'command');
  checkDescription(command.description, where);
  const entries = Object.entries(command.options);
  if (entries.length > OPTIONS_MAX) throw new CommandJsonError(`${where}: at most ${OPTIONS_MAX} options`);
  const options = entries.map(([name, spec]) => optionJson(name, spec, where));
  const ordered = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    options: ordered,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

export interface RegisterCommandsOptions {
  token: string;
  applicationId: string;
  /** Register in this server only (appears at once); without it, globally. */
  guildId?: string;
  commands: readonly CommandDefinition[];
  /** REST base URL, e.g. a proxy or a test stand-in (default https://discord.com/api). */
  restApi?: string;
}

export interface RegisteredCommands {
  scope: 'guild' | 'global';
  names: string[];
}

/** Overwrite the application's commands (per guild or global) with these definitions. */
export async function registerCommands(options: RegisterCommandsOptions): Promise<RegisteredCommands> {
  const body = options.commands.map(commandJson);
  const rest = new REST({ version: '10', ...(options.restApi ? { api: options.restApi } : {}) }).setToken(options.token);
  try {
    const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
    const result = await rest.put(route, { body });
    const names = Array.isArray(result) ? result.map((c: unknown) => (c && typeof c === 'object' && 'name' in c ? String(c.name) : '')).filter(Boolean) : body.map((c) => c.name);
    return { scope: options.guildId ? 'guild' : 'global', names };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
