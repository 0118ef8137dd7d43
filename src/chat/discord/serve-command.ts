/**
 * One slash command interaction, start to finish, inside Discord's 3-second deadline.
 *
 * The command runs at once. If it answers within {@link DEFER_AFTER_MS} the answer is the
 * interaction reply (ephemeral when the outcome is). Otherwise the interaction is deferred
 * (publicly, since the outcome is not known yet) and then:
 * - a public outcome replaces the "thinking…" reply (editReply);
 * - an ephemeral outcome (a mistake, a refusal, an error) is sent as an ephemeral follow-up and the
 *   deferred reply is deleted, so a private message never shows in the channel.
 * Deferring ephemerally up front would hide public answers (a slow /brief) instead.
 */
import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type InteractionReplyOptions } from 'discord.js';
import type { CommandDefinition, Services } from '../../core/command.ts';
import type { Clock, Logger } from '../../core/ports.ts';
import { runCommand, type CommandOutcome } from '../run-command.ts';
import { fitPlain } from './escape.ts';
import { CHOICE_MAX_CHARS, CHOICES_MAX, noMentions, type DiscordMessage } from './limits.ts';
import { isDiscordAdmin } from './permissions.ts';
import { renderReply } from './render.ts';

/** Discord allows 3 s for the first response; past this, defer. */
export const DEFER_AFTER_MS = 2_000;
/** Autocomplete has the same 3 s deadline and cannot be deferred: answer with nothing instead. */
export const AUTOCOMPLETE_TIMEOUT_MS = 2_500;

export interface ServeDeps {
  commands: ReadonlyMap<string, CommandDefinition>;
  services: Services;
  logger: Logger;
  clock: Clock;
  adminRoleId?: string;
  deferAfterMs: number;
}

function sendOptions(message: DiscordMessage, ephemeral: boolean): InteractionReplyOptions {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    allowedMentions: noMentions(),
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

type Settled<T> = { done: true; value: T } | { done: true; error: unknown } | { done: false };

/** The work's result if it settles within `ms`; never rejects, even when the work fails later. */
async function within<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => (timer = setTimeout(() => resolve({ done: false }), ms)));
  const settled = work.then(
    (value): Settled<T> => ({ done: true, value }),
    (error: unknown): Settled<T> => ({ done: true, error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

function readOptions(interaction: ChatInputCommandInteraction, command: CommandDefinition): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(command.options)) values[name] = interaction.options.get(name)?.value;
  return values;
}

export async function serveCommand(interaction: ChatInputCommandInteraction, deps: ServeDeps): Promise<void> {
  const command = deps.commands.get(interaction.commandName);
  const log = deps.logger.child({ command: interaction.commandName, interaction: interaction.id });
  if (!command) {
    log.warn('unknown command: the registered commands are out of date');
    await interaction.reply({ content: 'This command is not served any more. An admin can run `herald register-commands` to refresh the list.', allowedMentions: noMentions(), flags: MessageFlags.Ephemeral });
    return;
  }
  const work = runCommand({
    command,
    options: readOptions(interaction, command),
    services: deps.services,
    user: { id: interaction.user.id, name: interaction.user.username, isAdmin: isDiscordAdmin({ permissions: interaction.memberPermissions, member: interaction.member }, deps.adminRoleId) },
    channel: { id: interaction.channelId, platform: 'discord' },
    now: deps.clock.now(),
    logger: deps.logger,
  });
  const quick = await within(work, deps.deferAfterMs);
  if (quick.done) {
    if ('error' in quick) throw quick.error;
    await answer(interaction, quick.value, false);
    return;
  }
  await interaction.deferReply();
  await answer(interaction, await work, true);
}

async function answer(interaction: ChatInputCommandInteraction, outcome: CommandOutcome, deferred: boolean): Promise<void> {
  const [first, ...rest] = renderReply(outcome.reply);
  if (!first) return;
  if (!deferred) await interaction.reply(sendOptions(first, outcome.ephemeral));
  else if (!outcome.ephemeral) await interaction.editReply({ ...(first.content ? { content: first.content } : {}), embeds: first.embeds, allowedMentions: noMentions() });
  else {
    await interaction.followUp(sendOptions(first, true));
    await interaction.deleteReply();
  }
  for (const message of rest) await interaction.followUp(sendOptions(message, outcome.ephemeral));
}

/** Suggestions for an option marked autocomplete: at most 25 choices, names and values within 100 characters. */
export async function serveAutocomplete(interaction: AutocompleteInteraction, deps: ServeDeps): Promise<void> {
  const command = deps.commands.get(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  let names: string[] = [];
  if (command?.autocomplete && command.options[focused.name]?.autocomplete) {
    const suggest = command.autocomplete.bind(command);
    const work = Promise.resolve().then(() => suggest({ services: deps.services, option: focused.name, value: String(focused.value ?? '') }));
    const result = await within(work, AUTOCOMPLETE_TIMEOUT_MS);
    if (!result.done) deps.logger.warn({ command: command.name }, 'autocomplete too slow; answered with no choices');
    else if ('error' in result) deps.logger.error({ err: result.error, command: command.name }, 'autocomplete failed');
    else names = result.value.filter((n): n is string => typeof n === 'string');
  }
  const seen = new Set<string>();
  const choices = names
    .filter((n) => n.length > 0 && n.length <= CHOICE_MAX_CHARS && !seen.has(n) && seen.add(n))
    .slice(0, CHOICES_MAX)
    .map((value) => ({ name: fitPlain(value, CHOICE_MAX_CHARS) || value, value }));
  await interaction.respond(choices);
}
