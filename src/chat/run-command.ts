/**
 * Runs one command the same way on every platform: permission check, option checks, the command
 * itself, and the two kinds of error (a user's mistake → a private message that says how to fix it;
 * anything else → logged with an id, and the user gets a short apology with that id).
 */
import { randomUUID } from 'node:crypto';
import type { CommandDefinition, Invoker, OptionSpec, Services } from '../core/command.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Logger } from '../core/ports.ts';
import type { Reply } from '../core/types.ts';
import { timeCommand } from '../ops/metrics.ts';

export interface CommandRun {
  command: CommandDefinition;
  /** Raw option values as the platform delivered them (strings from Slack, typed values from Discord). */
  options: Record<string, unknown>;
  services: Services;
  user: Invoker;
  channel: { id: string; platform: string };
  now: Date;
  logger: Logger;
}

export interface CommandOutcome {
  reply: Reply;
  /** Only the invoker sees it. */
  ephemeral: boolean;
  /** 'ok', 'user-error' (with the identifier) or 'error'. */
  status: 'ok' | 'user-error' | 'error';
  identifier?: string;
}

export function usage(command: CommandDefinition): string {
  return `/${command.name}${Object.entries(command.options).map(([name, spec]) => (spec.required ? ` <${name}>` : ` [${name}]`)).join('')}`;
}

function coerce(name: string, spec: OptionSpec, value: unknown, command: CommandDefinition): unknown {
  if (value === undefined || value === null || value === '') {
    if (spec.required) throw new UserFacingError('missing-option', `/${command.name} needs ${name} (${spec.description}). Usage: ${usage(command)}`);
    return undefined;
  }
  if (spec.type === 'integer') {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isInteger(n)) throw new UserFacingError('bad-option', `${name} must be a whole number. Usage: ${usage(command)}`);
    return n;
  }
  if (spec.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(text)) return true;
    if (['false', 'no', 'off', '0'].includes(text)) return false;
    throw new UserFacingError('bad-option', `${name} must be yes or no. Usage: ${usage(command)}`);
  }
  const text = String(value).trim();
  if (text.length > 500) throw new UserFacingError('bad-option', `${name} is too long (500 characters at most).`);
  if (spec.choices && !spec.choices.includes(text.toLowerCase())) throw new UserFacingError('bad-option', `${name} must be one of ${spec.choices.join(', ')}. Usage: ${usage(command)}`);
  return text;
}

/** Runs the command, timed into the command latency histogram (src/ops/metrics.ts). */
export async function runCommand(run: CommandRun): Promise<CommandOutcome> {
  return timeCommand(run.command.name, () => runUntimed(run));
}

async function runUntimed(run: CommandRun): Promise<CommandOutcome> {
  const { command } = run;
  const log = run.logger.child({ command: command.name, channel: run.channel.id, platform: run.channel.platform });
  try {
    if (command.permission === 'admin' && !run.user.isAdmin) {
      throw new UserFacingError('not-admin', `Only admins can use /${command.name}. Ask a workspace or server admin, or someone in the configured admin group.`);
    }
    const options: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(command.options)) options[name] = coerce(name, spec, run.options[name], command);
    const reply = await command.run({ options: options as never, services: run.services, user: run.user, channel: run.channel, now: run.now });
    return { reply, ephemeral: reply.kind === 'text' && reply.ephemeral === true, status: 'ok' };
  } catch (error) {
    if (error instanceof UserFacingError) {
      log.info({ identifier: error.identifier }, 'command refused');
      return { reply: { kind: 'text', text: error.message, ephemeral: true }, ephemeral: true, status: 'user-error', identifier: error.identifier };
    }
    const id = randomUUID().slice(0, 8);
    log.error({ err: error, errorId: id }, 'command failed');
    return { reply: { kind: 'text', text: `Sorry, that did not work (error ${id}). It has been logged; please try again in a moment.`, ephemeral: true }, ephemeral: true, status: 'error' };
  }
}

/**
 * Slack delivers a command's options as one string. `name:value` (or `name:"a b"`) sets an option by
 * name; the remaining words fill the other options in declared order, a quoted value may hold
 * spaces, and the last string option takes the rest of the text.
 */
export function parseCommandText(command: CommandDefinition, text: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  let rest = ` ${text.trim()} `;
  for (const name of Object.keys(command.options)) {
    const named = new RegExp(`\\s${name}:(?:"([^"]*)"|(\\S+))(?=\\s)`, 'iu').exec(rest);
    if (named) {
      values[name] = named[1] ?? named[2];
      rest = `${rest.slice(0, named.index)} ${rest.slice(named.index + named[0].length)}`;
    }
  }
  rest = rest.trim();
  const names = Object.keys(command.options).filter((name) => !(name in values));
  names.forEach((name, index) => {
    if (!rest) return;
    const last = index === names.length - 1;
    const quoted = /^(["“'])(.*?)(["”'])(?:\s+|$)/su.exec(rest);
    if (quoted) {
      values[name] = quoted[2];
      rest = rest.slice(quoted[0].length).trim();
    } else if (last) {
      values[name] = rest;
      rest = '';
    } else {
      const [word = '', ...others] = rest.split(/\s+/u);
      values[name] = word;
      rest = others.join(' ');
    }
  });
  return values;
}
