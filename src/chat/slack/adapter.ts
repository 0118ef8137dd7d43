/**
 * The Slack adapter (@slack/bolt 5): serves every command definition as `/name`, answers mentions in
 * story threads, and posts digests with a thread per story.
 *
 * Socket Mode is the default and needs no public URL. HTTP mode (behind a load balancer) listens on
 * `port` at /slack/events, and Bolt's receiver rejects a bad signature or a stale timestamp with 401.
 *
 * ```ts
 * const slack = createSlackAdapter({ botToken, appToken, commands, services, logger, admins: { userGroupId: 'S0ADMINS' } });
 * await slack.start();
 * const posted = await slack.post('C0NEWS', { kind: 'briefing', briefing });
 * await services.recordThreads('C0NEWS', posted.threads ?? {});
 * ```
 */
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { CommandDefinition, Services } from '../../core/command.ts';
import { systemClock, type ChatAdapter, type Clock, type FindDigestOptions, type Logger, type PostedMessage, type PostOptions } from '../../core/ports.ts';
import type { Reply } from '../../core/types.ts';
import { answerMention } from './answer-mention.ts';
import { boltLogger } from './bolt-logger.ts';
import { findSlackDigest } from './find-digest.ts';
import { createAdminCheck, type SlackAdmins } from './permissions.ts';
import { postReply } from './post-message.ts';
import { serveCommand } from './serve-command.ts';

/** How long stop() waits for commands and mentions in progress before closing the connection. */
export const STOP_DRAIN_MS = 10_000;
/** One Web API call made while delivering a digest gives up after this long (then it is retried). */
export const DELIVERY_TIMEOUT_MS = 15_000;

export interface SlackAdapterOptions {
  /** Bot token (xoxb-…). */
  botToken: string;
  /** App-level token (xapp-…) with connections:write, for Socket Mode. */
  appToken?: string;
  /** Signing secret, for HTTP mode. */
  signingSecret?: string;
  /** Socket Mode (default) or HTTP. */
  mode?: 'socket' | 'http';
  /** HTTP mode: port to listen on (0 for any free one; see `port` after start). Default 3000. */
  port?: number;
  commands: readonly CommandDefinition[];
  services: Services;
  logger: Logger;
  clock?: Clock;
  admins?: SlackAdmins;
  /** Web API base URL, e.g. a proxy (default https://slack.com/api/). */
  slackApiUrl?: string;
  /**
   * Web API retry policy for commands and thread answers (Bolt's default: ten retries in about
   * thirty minutes). Digests never use it: see `post`.
   */
  retryConfig?: webApi.RetryOptions;
}

export interface SlackAdapter extends ChatAdapter {
  /** HTTP mode: the port actually listened on, once started. */
  readonly port: number | undefined;
  /** Resolves when no command or mention is being handled. */
  whenIdle(): Promise<void>;
}

type Receiver = HTTPReceiver | SocketModeReceiver;

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const mode = options.mode ?? 'socket';
  const logger = options.logger.child({ platform: 'slack' });
  const clock = options.clock ?? systemClock;
  const slackLogger = boltLogger(logger);
  const clientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
  };
  const receiver: Receiver = mode === 'socket' ? socketReceiver(options, slackLogger, clientOptions) : httpReceiver(options, slackLogger, clientOptions);
  const app = new App({ token: options.botToken, receiver, logger: slackLogger, clientOptions: { ...clientOptions }, deferInitialization: true });
  // Digests go through a client of their own that neither retries nor waits out a 429 (it throws
  // it, with Retry-After): the deliver stage applies the one retry and rate-limit policy, per call.
  const delivery = new webApi.WebClient(options.botToken, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: DELIVERY_TIMEOUT_MS,
    logger: slackLogger,
  });
  const isAdmin = createAdminCheck({
    admins: options.admins ?? {},
    clock,
    logger,
    directory: {
      isWorkspaceAdmin: async (user) => {
        const { user: info } = await app.client.users.info({ user });
        return info?.is_admin === true || info?.is_owner === true || info?.is_primary_owner === true;
      },
      groupMembers: async (usergroup) => (await app.client.usergroups.users.list({ usergroup })).users ?? [],
    },
  });

  const inFlight = new Set<Promise<unknown>>();
  const track = async <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    try {
      return await work;
    } finally {
      inFlight.delete(work);
    }
  };
  const whenIdle = async (): Promise<void> => {
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  };

  for (const command of options.commands) {
    app.command(`/${command.name}`, async ({ command: body, ack, respond }) => {
      await track(serveCommand(command, { body, ack, respond }, { services: options.services, logger, clock, isAdmin }));
    });
  }
  app.event('app_mention', async ({ event, client }) => {
    await track(answerMention(event, { services: options.services, client, logger }));
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'slack listener failed');
  });

  let port: number | undefined;
  let started = false;
  return {
    platform: 'slack',
    get port() {
      return port;
    },
    whenIdle,
    async start() {
      await app.init();
      let server: unknown;
      try {
        server = mode === 'http' ? await app.start(options.port ?? 3000) : await app.start();
      } catch (error) {
        // Leave no reconnect timer behind a failed start.
        if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
        throw error;
      }
      if (mode === 'http' && server && typeof server === 'object' && 'address' in server && typeof server.address === 'function') {
        port = (server.address() as AddressInfo | null)?.port;
      }
      started = true;
      logger.info({ mode, port }, 'slack adapter started');
    },
    post: (channelId: string, reply: Reply, postOptions?: PostOptions): Promise<PostedMessage> =>
      postReply({ client: delivery, services: options.services, logger, clock }, channelId, reply, postOptions),
    findDigest: (channelId: string, key: string, findOptions: FindDigestOptions = {}) => findSlackDigest(delivery, channelId, key, findOptions),
    async stop() {
      if (!started) return;
      started = false;
      await drain(whenIdle(), STOP_DRAIN_MS);
      if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
      else await app.stop();
    },
  };
}

function socketReceiver(options: SlackAdapterOptions, logger: ReturnType<typeof boltLogger>, clientOptions: object): Receiver {
  if (!options.appToken) throw new Error('Slack Socket Mode needs an app-level token (xapp-…): set SLACK_APP_TOKEN, or use HTTP mode with a signing secret');
  return new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions: { ...clientOptions } } });
}

function httpReceiver(options: SlackAdapterOptions, logger: ReturnType<typeof boltLogger>, clientOptions: object): Receiver {
  if (!options.signingSecret) throw new Error('Slack HTTP mode needs the signing secret: set SLACK_SIGNING_SECRET, or use Socket Mode with an app token');
  return new HTTPReceiver({ signingSecret: options.signingSecret, logger, port: options.port ?? 3000, installerOptions: { clientOptions: { ...clientOptions } } });
}

async function drain(idle: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([idle, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
