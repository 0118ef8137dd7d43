/**
 * One slash command, Slack's way: Slack wants an acknowledgement within 3 s. A command that answers
 * within ACK_BUDGET_MS is answered in the acknowledgement itself; a slower one is acknowledged empty
 * at the budget and answered through its response_url when done. Either way the admin lookup and
 * the command both run inside the budget, so the 3 s deadline cannot be missed.
 */
import type { AckFn, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { CommandDefinition, Services } from '../../core/command.ts';
import type { Clock, Logger } from '../../core/ports.ts';
import { parseCommandText, runCommand, type CommandOutcome } from '../run-command.ts';
import { context, MAX_BLOCKS, type SlackMessage } from './blocks.ts';
import type { AdminCheck } from './permissions.ts';
import { renderReply } from './render.ts';

/** Answer in the acknowledgement when the command is done by then; otherwise acknowledge and defer. */
export const ACK_BUDGET_MS = 2_000;
/** Slack accepts at most five messages through one response_url. */
export const MAX_RESPONSE_MESSAGES = 5;

export interface CommandDeps {
  services: Services;
  logger: Logger;
  clock: Clock;
  isAdmin: AdminCheck;
}

export interface SlashRequest {
  body: SlashCommand;
  ack: AckFn<string | RespondArguments>;
  respond: RespondFn;
}

function outcomeMessages(outcome: CommandOutcome): RespondArguments[] {
  let messages: SlackMessage[] = renderReply(outcome.reply);
  if (messages.length > MAX_RESPONSE_MESSAGES) {
    messages = messages.slice(0, MAX_RESPONSE_MESSAGES);
    const last = messages[messages.length - 1]!;
    const note = context('The rest did not fit in Slack: narrow it down, e.g. with a topic or a since.');
    last.blocks = [...last.blocks.slice(0, MAX_BLOCKS - 1), note];
  }
  const response_type = outcome.ephemeral ? 'ephemeral' : 'in_channel';
  return messages.map((m) => ({ response_type, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false }));
}

async function execute(command: CommandDefinition, body: SlashCommand, deps: CommandDeps): Promise<CommandOutcome> {
  const isAdmin = await deps.isAdmin(body.user_id);
  return runCommand({
    command,
    options: parseCommandText(command, body.text ?? ''),
    services: deps.services,
    user: { id: body.user_id, ...(body.user_name ? { name: body.user_name } : {}), isAdmin },
    channel: { id: body.channel_id, platform: 'slack' },
    now: deps.clock.now(),
    logger: deps.logger,
  });
}

function apology(): CommandOutcome {
  return { reply: { kind: 'text', text: 'Sorry, that did not work. Please try again in a moment.', ephemeral: true }, ephemeral: true, status: 'error' };
}

/** Whether the command finished within the budget; the timer never outlives the race. */
async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), budgetMs);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function serveCommand(command: CommandDefinition, request: SlashRequest, deps: CommandDeps, budgetMs = ACK_BUDGET_MS): Promise<void> {
  const log = deps.logger.child({ command: command.name, channel: request.body.channel_id });
  const work = execute(command, request.body, deps).catch((error: unknown) => {
    log.error({ err: error }, 'slash command failed outside the command runner');
    return apology();
  });
  const first = await withinBudget(work, budgetMs);
  if (first.done) {
    const [answer, ...rest] = outcomeMessages(first.value);
    await request.ack(answer);
    await respondAll(rest, request, log);
    return;
  }
  await request.ack();
  log.debug('slash command deferred past the acknowledgement budget');
  await respondAll(outcomeMessages(await work), request, log);
}

async function respondAll(messages: RespondArguments[], request: SlashRequest, log: Logger): Promise<void> {
  try {
    for (const message of messages) await request.respond(message);
  } catch (error) {
    log.error({ err: error }, 'could not answer through the response_url');
  }
}
