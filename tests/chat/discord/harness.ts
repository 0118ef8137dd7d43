/**
 * The Discord side of the chat adapter contract: the real adapter (real discord.js, gateway and
 * REST) against the loopback stand-in. Commands go in as INTERACTION_CREATE dispatches; the answer
 * is read from the interaction callback and the webhook edits and follow-ups.
 */
import { commands } from '../../../commands/index.ts';
import { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterOptions } from '../../../src/chat/discord/adapter.ts';
import type { OptionSpec, Services } from '../../../src/core/command.ts';
import type { Logger } from '../../../src/core/ports.ts';
import type { ChatHarness, CommandResult } from '../../contract/chat-adapter.contract.ts';
import { APPLICATION_ID, BOT_TOKEN, BOT_USER_ID, GUILD_ID, PERMISSIONS, snowflake, startDiscordStandIn, type DiscordStandIn, type RecordedRequest, type StandInOptions } from '../../support/discord-server.ts';
import { canPing, links, visibleText } from './discord-text.ts';

export const CHANNEL = 'C1';
export const ADMIN_MEMBER = { id: '500000000000000001', permissions: PERMISSIONS.manageServer };
export const PLAIN_MEMBER = { id: '500000000000000002', permissions: PERMISSIONS.member };
const EPHEMERAL = 1 << 6;

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object | string;
  msg?: string;
}

export function recordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const at = (level: LogEntry['level']) => (obj: object | string, msg?: string) => void entries.push({ level, obj, ...(msg ? { msg } : {}) });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => recordingLogger(entries) };
}

type Json = Record<string, unknown>;
type Member = { id: string; roles?: string[]; permissions: string };

export interface InvokeResult extends CommandResult {
  /** The message bodies the invoker saw, in order (a deleted deferred reply left out). */
  messages: Json[];
  /** Every request this interaction caused. */
  requests: RecordedRequest[];
}

export interface DiscordHarness extends ChatHarness {
  discord: DiscordStandIn;
  adapter: DiscordAdapter;
  logger: ReturnType<typeof recordingLogger>;
  invoke(command: string, options: Record<string, string>, user: { admin: boolean }): Promise<InvokeResult>;
  invokeAs(command: string, options: Record<string, string>, member: Member, channelId?: string): Promise<InvokeResult>;
  /** Dispatch an autocomplete interaction; resolves with the choices sent back. */
  autocomplete(command: string, option: string, value: string): Promise<{ name: string; value: unknown }[]>;
}

function typedValue(spec: OptionSpec | undefined, value: string): unknown {
  if (spec?.type === 'integer') return Number(value);
  if (spec?.type === 'boolean') return value === 'true';
  return value;
}

const OPTION_TYPE = { string: 3, integer: 4, boolean: 5 } as const;

export async function discordHarness(services: Services, options: Partial<DiscordAdapterOptions> & { standIn?: StandInOptions } = {}): Promise<DiscordHarness> {
  const { standIn, ...adapterOptions } = options;
  const discord = await startDiscordStandIn({ channels: [CHANNEL], ...standIn });
  const logger = recordingLogger();
  const adapter = createDiscordAdapter({ token: BOT_TOKEN, applicationId: APPLICATION_ID, commands, services, logger, restApi: discord.apiUrl, ...adapterOptions });
  await adapter.start();

  function commandData(command: string, values: Record<string, unknown>, focused?: string): Json {
    const definition = commands.find((c) => c.name === command);
    const opts = Object.entries(values).map(([name, value]) => ({
      name,
      type: OPTION_TYPE[definition?.options[name]?.type ?? 'string'],
      value,
      ...(name === focused ? { focused: true } : {}),
    }));
    return { id: snowflake(), name: command, type: 1, guild_id: GUILD_ID, options: opts };
  }

  async function invokeAs(command: string, values: Record<string, string>, member: Member, channelId = CHANNEL): Promise<InvokeResult> {
    const definition = commands.find((c) => c.name === command);
    const typed = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typedValue(definition?.options[name], value)]));
    const start = discord.requests.length;
    const { id, token } = discord.interaction({ data: commandData(command, typed), channelId, member });
    const callbackPath = `/interactions/${id}/${token}/callback`;
    const callback = await discord.waitFor(() => discord.requests.find((r) => r.path === callbackPath));
    await adapter.whenIdle();
    const mine = discord.requests.slice(start).filter((r) => r.path === callbackPath || r.path.startsWith(`/webhooks/${APPLICATION_ID}/${token}`));
    const body = callback.body as Json;
    const deferred = body.type === 5;
    const originalDeleted = mine.some((r) => r.method === 'DELETE' && r.path.endsWith('/messages/@original'));
    const messages: Json[] = [];
    if (!deferred && body.data) messages.push(body.data as Json);
    for (const r of mine) {
      if (r.method === 'PATCH' && r.path.endsWith('/messages/@original') && !originalDeleted) messages.push(r.body as Json);
      if (r.method === 'POST' && r.path === `/webhooks/${APPLICATION_ID}/${token}`) messages.push(r.body as Json);
    }
    return {
      messages,
      requests: mine,
      text: messages.map(visibleText).join('\n'),
      ephemeral: messages.length > 0 && messages.every((m) => (Number(m.flags ?? 0) & EPHEMERAL) !== 0),
      deferred,
    };
  }

  return {
    discord,
    adapter,
    logger,
    invokeAs,
    invoke: (command, values, user) => invokeAs(command, values, user.admin ? ADMIN_MEMBER : PLAIN_MEMBER),
    async autocomplete(command, option, value) {
      const { id, token } = discord.interaction({ type: 4, data: commandData(command, { [option]: value }, option), channelId: CHANNEL, member: PLAIN_MEMBER });
      const callback = await discord.waitFor(() => discord.requests.find((r) => r.path === `/interactions/${id}/${token}/callback`));
      const body = callback.body as { type: number; data: { choices: { name: string; value: unknown }[] } };
      if (body.type !== 8) throw new Error(`autocomplete answered with callback type ${body.type}`);
      return body.data.choices;
    },
    async postDigest(briefing) {
      const start = discord.requests.length;
      const posted = await adapter.post(briefing.channelId, { kind: 'briefing', briefing });
      const payloads = discord.requests.slice(start).filter((r) => r.method === 'POST' && /^\/channels\/[^/]+\/messages$/.test(r.path)).map((r) => r.body);
      return { payloads, threads: posted.threads ?? {} };
    },
    async ask(threadId, question) {
      const asked = discord.userMessage({ channelId: threadId, content: `<@${BOT_USER_ID}> ${question}`, mentionBot: true });
      const reply = await discord.waitFor(() =>
        discord.requests.find((r) => r.method === 'POST' && ((r.body as Json | undefined)?.message_reference as Json | undefined)?.message_id === asked),
      );
      await adapter.whenIdle();
      return { text: visibleText(reply.body), threadId: reply.path.split('/')[2] ?? '' };
    },
    canPing,
    links,
    async close() {
      await adapter.stop();
      await discord.close();
    },
  };
}
