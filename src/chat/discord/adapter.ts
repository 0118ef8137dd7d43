/**
 * The Discord adapter (discord.js 14): a gateway client with minimal intents that serves every
 * command definition as a slash command (with autocomplete), answers mentions in story threads, and
 * posts digests as embeds with a thread per story. Nothing it sends can ping: every message carries
 * `allowed_mentions: { parse: [] }` and all feed text is escaped (escape.ts).
 *
 * ```ts
 * const discord = createDiscordAdapter({ token, applicationId, commands, services, logger, adminRoleId });
 * await discord.start();            // logs the invite URL
 * const posted = await discord.post('123456789012345678', { kind: 'briefing', briefing });
 * await services.recordThreads('123456789012345678', posted.threads ?? {});
 * ```
 * Commands are registered separately (register.ts, `herald register-commands [--guild ID]`).
 */
import { once } from 'node:events';
import { Client, Events, Partials, REST, type Interaction, type Message } from 'discord.js';
import type { CommandDefinition, Services } from '../../core/command.ts';
import { systemClock, type ChatAdapter, type Clock, type FindDigestOptions, type Logger, type PostedMessage, type PostOptions } from '../../core/ports.ts';
import type { Reply } from '../../core/types.ts';
import { answerMention } from './answer-mention.ts';
import { findDiscordDigest } from './find-digest.ts';
import { noMentions } from './limits.ts';
import { DISCORD_INTENTS, inviteUrl } from './permissions.ts';
import { postReply } from './post-reply.ts';
import { DEFER_AFTER_MS, serveAutocomplete, serveCommand, type ServeDeps } from './serve-command.ts';

/** How long stop() waits for commands and questions in progress before closing the connection. */
export const STOP_DRAIN_MS = 10_000;
/** One REST call made while delivering a digest gives up after this long (then it is retried). */
export const DELIVERY_TIMEOUT_MS = 15_000;
const DELIVERY_GLOBAL_BACKSTOP_PER_SECOND = 60;

export interface DiscordAdapterOptions {
  /** Bot token. */
  token: string;
  applicationId: string;
  commands: readonly CommandDefinition[];
  services: Services;
  logger: Logger;
  clock?: Clock;
  /** Members with this role may use admin commands, besides those with Manage Server. */
  adminRoleId?: string;
  /** REST base URL, e.g. a proxy (default https://discord.com/api); the gateway URL comes from GET /gateway/bot. */
  restApi?: string;
  /** Defer a command's reply when it has not answered after this long (default 2 s, under Discord's 3 s). */
  deferAfterMs?: number;
}

export interface DiscordAdapter extends ChatAdapter {
  /** The bot's user id, once started. */
  readonly botUserId: string | undefined;
  /** Resolves when no command, autocomplete or question is being handled. */
  whenIdle(): Promise<void>;
}

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const logger = options.logger.child({ platform: 'discord' });
  const client = new Client({
    intents: [...DISCORD_INTENTS],
    // A question can arrive in a thread that is not cached (archived before a restart): the
    // message still comes through, and the thread is fetched to find its parent.
    partials: [Partials.Channel],
    allowedMentions: { ...noMentions(), repliedUser: false },
    ...(options.restApi ? { rest: { api: options.restApi } } : {}),
  });
  // Digests go through a REST client of their own that neither retries 5xx nor waits out a rate
  // limit (it throws RateLimitError with the wait): the deliver stage applies the one retry and
  // rate-limit policy, per call. Its global window sits above Discord's 50/s as a backstop only,
  // since the deliver stage already paces Discord under 50/s (a second window counted differently
  // would only refuse calls the platform accepts). Commands keep discord.js's defaults.
  const delivery = new REST({
    retries: 0,
    rejectOnRateLimit: () => true,
    globalRequestsPerSecond: DELIVERY_GLOBAL_BACKSTOP_PER_SECOND,
    timeout: DELIVERY_TIMEOUT_MS,
    ...(options.restApi ? { api: options.restApi } : {}),
  }).setToken(options.token);
  const deps: ServeDeps = {
    commands: new Map(options.commands.map((c) => [c.name, c])),
    services: options.services,
    logger,
    clock: options.clock ?? systemClock,
    deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS,
    ...(options.adminRoleId ? { adminRoleId: options.adminRoleId } : {}),
  };

  const inFlight = new Set<Promise<unknown>>();
  const track = (what: string, work: () => Promise<void>): void => {
    const running = work().catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  };
  const whenIdle = async (): Promise<void> => {
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  };

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (interaction.isChatInputCommand()) track('command', () => serveCommand(interaction, deps));
    else if (interaction.isAutocomplete()) track('autocomplete', () => serveAutocomplete(interaction, deps));
  });
  client.on(Events.MessageCreate, (message: Message) => {
    const botUserId = client.user?.id;
    if (botUserId) track('question', () => answerMention(message, { services: options.services, logger, botUserId }));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));

  let started = false;
  return {
    platform: 'discord',
    get botUserId() {
      return client.user?.id;
    },
    whenIdle,
    async start() {
      const ready = once(client, Events.ClientReady);
      try {
        await client.login(options.token);
        await ready;
      } catch (error) {
        await client.destroy();
        throw error;
      }
      started = true;
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, inviteUrl: inviteUrl(options.applicationId) }, 'discord adapter started; invite Herald to a server with inviteUrl');
    },
    post: (channelId: string, reply: Reply, postOptions?: PostOptions): Promise<PostedMessage> =>
      postReply({ rest: delivery, services: options.services, logger }, channelId, reply, postOptions),
    findDigest: (channelId: string, key: string, findOptions: FindDigestOptions = {}) => findDiscordDigest(delivery, channelId, key, findOptions),
    async stop() {
      if (!started) return;
      started = false;
      await drain(whenIdle(), STOP_DRAIN_MS);
      await client.destroy();
    },
  };
}

async function drain(idle: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([idle, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
