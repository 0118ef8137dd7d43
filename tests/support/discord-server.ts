/**
 * A loopback Discord: the REST API under /api/v10 and a gateway WebSocket on the same port, for the
 * real discord.js client (`rest: { api: standIn.apiUrl }`; the gateway URL comes from GET /gateway/bot).
 *
 * It records every request (path decoded, so `%40original` reads `@original`), keeps channels,
 * messages and threads, and lets a test dispatch INTERACTION_CREATE and MESSAGE_CREATE as Discord
 * would. A 204 carries no body and no JSON content type (discord.js would try to parse it).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordGatewayStandIn, GATEWAY_PATH } from './discord-gateway.ts';

export const BOT_TOKEN = 'test-bot-token';
export const APPLICATION_ID = '100000000000000001';
export const BOT_USER_ID = APPLICATION_ID;
export const GUILD_ID = '200000000000000001';
export const ADMIN_ROLE_ID = '300000000000000001';
/** Discord's permission bits as decimal strings. */
export const PERMISSIONS = { member: String((1n << 10n) | (1n << 11n) | (1n << 31n)), manageServer: String((1n << 10n) | (1n << 11n) | (1n << 31n) | (1n << 5n)) };

export interface RecordedRequest {
  method: string;
  /** Decoded path after /api/v10, e.g. /webhooks/1/tok/messages/@original. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization?: string;
}

type Json = Record<string, unknown>;

const EPOCH_MS = 1_420_070_400_000;
let counter = 0n;
/** A valid, increasing snowflake. */
export function snowflake(): string {
  counter += 1n;
  return ((BigInt(Date.now() - EPOCH_MS) << 22n) | (counter & 0x3fffffn)).toString();
}

export const botUser = { id: BOT_USER_ID, username: 'Herald', discriminator: '0', global_name: 'Herald', avatar: null, bot: true };

export function userObject(id: string, username = `user${id.slice(-4)}`): Json {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

export function textChannel(id: string, name = `channel-${id}`): Json {
  return { id, type: 0, guild_id: GUILD_ID, name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, last_message_id: null, rate_limit_per_user: 0, topic: null, flags: 0 };
}

function guildObject(channels: Json[]): Json {
  const now = new Date().toISOString();
  return {
    id: GUILD_ID, name: 'Herald test server', icon: null, owner_id: '900000000000000001', unavailable: false, member_count: 3, large: false,
    joined_at: now, afk_timeout: 300, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0,
    features: [], premium_tier: 0, preferred_locale: 'en-GB', system_channel_flags: 0, nsfw_level: 0, premium_progress_bar_enabled: false,
    roles: [
      { id: GUILD_ID, name: '@everyone', permissions: PERMISSIONS.member, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      { id: ADMIN_ROLE_ID, name: 'Herald admins', permissions: PERMISSIONS.member, position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
    ],
    channels, threads: [], members: [], presences: [], voice_states: [], emojis: [], stickers: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
  };
}

export interface StandInOptions {
  /** Text channels in the guild (default ['C1', a snowflake]). */
  channels?: string[];
  heartbeatIntervalMs?: number;
}

export interface DiscordStandIn {
  apiUrl: string;
  gatewayUrl: string;
  requests: RecordedRequest[];
  gateway: DiscordGatewayStandIn;
  channels: Map<string, Json>;
  messages: Map<string, Json>;
  /** Dispatch INTERACTION_CREATE built from `data` (the interaction's `data` field) and the member. */
  interaction(input: { type?: number; data: Json; channelId: string; member: { id: string; roles?: string[]; permissions: string } }): { id: string; token: string };
  /** Dispatch MESSAGE_CREATE from a user; `mentionBot` adds the bot to `mentions`. */
  userMessage(input: { channelId: string; content: string; authorId?: string; mentionBot?: boolean }): string;
  /** An incoming webhook on a channel; `url` is the discord.com form a user would copy. */
  addWebhook(channelId: string): { id: string; token: string; url: string };
  /** Resolve with `find()` once it returns something, or reject after `timeoutMs`. */
  waitFor<T>(find: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startDiscordStandIn(options: StandInOptions = {}): Promise<DiscordStandIn> {
  const requests: RecordedRequest[] = [];
  const channels = new Map<string, Json>((options.channels ?? ['C1', snowflake()]).map((id) => [id, textChannel(id)]));
  const messages = new Map<string, Json>();
  /** Interaction token → the channel it came from, for webhook messages. */
  const tokenChannels = new Map<string, string>();
  /** Incoming webhook id → its token and channel. */
  const webhooks = new Map<string, { token: string; channelId: string }>();
  const server = createServer((req, res) => void handle(req, res));
  const gateway = new DiscordGatewayStandIn(server, {
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    ready: () => ({ user: botUser, guilds: [{ id: GUILD_ID, unavailable: true }], application: { id: APPLICATION_ID, flags: 0 }, private_channels: [], presences: [], relationships: [], guild_join_requests: [] }),
    guilds: () => [guildObject([...channels.values()].filter((c) => c.type === 0))],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const gatewayUrl = `ws://127.0.0.1:${port}${GATEWAY_PATH}`;
  gateway.url = gatewayUrl;

  function send(res: ServerResponse, status: number, body?: unknown): void {
    if (status === 204 || body === undefined) {
      res.writeHead(status === 200 ? 204 : status).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  }

  function message(channelId: string, body: Json, author: Json = botUser): Json {
    const channel = channels.get(channelId);
    const created: Json = {
      id: snowflake(), channel_id: channelId, ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}), author, content: body.content ?? '', embeds: body.embeds ?? [],
      attachments: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false, type: body.message_reference ? 19 : 0,
      timestamp: new Date().toISOString(), edited_timestamp: null, flags: body.flags ?? 0, components: [],
      ...(body.message_reference ? { message_reference: body.message_reference } : {}),
    };
    messages.set(created.id as string, created);
    return created;
  }

  function startThread(channelId: string, messageId: string, body: Json): [number, Json] {
    if (!messages.has(messageId)) return [404, { message: 'Unknown Message', code: 10008 }];
    if (channels.has(messageId)) return [400, { message: 'A thread has already been created for this message', code: 160004 }];
    const now = new Date().toISOString();
    const thread: Json = {
      id: messageId, type: 11, guild_id: GUILD_ID, parent_id: channelId, owner_id: BOT_USER_ID, name: body.name, last_message_id: null, message_count: 0, member_count: 1,
      rate_limit_per_user: 0, flags: 0, total_message_sent: 0,
      thread_metadata: { archived: false, auto_archive_duration: body.auto_archive_duration ?? 4320, archive_timestamp: now, locked: false, create_timestamp: now },
      member: { id: messageId, user_id: BOT_USER_ID, join_timestamp: now, flags: 0 },
    };
    channels.set(messageId, thread);
    gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return [201, thread];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      send(res, 400, { message: 'Invalid JSON', code: 50109 });
      return;
    }
    if (!url.pathname.startsWith('/api/v10/')) return send(res, 404, { message: '404: Not Found', code: 0 });
    const segments = url.pathname.slice('/api/v10'.length).split('/').map((s) => decodeURIComponent(s));
    const path = segments.join('/');
    const method = req.method ?? 'GET';
    requests.push({ method, path, query: url.searchParams, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const [, first, a, b, c, d, e] = segments;
    const json = (body ?? {}) as Json;
    const tokenRoute = first === 'interactions' || first === 'webhooks';
    if (!tokenRoute && req.headers.authorization !== `Bot ${BOT_TOKEN}`) return send(res, 401, { message: '401: Unauthorized', code: 0 });

    if (method === 'GET' && path === '/gateway/bot') return send(res, 200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    if (method === 'GET' && path === '/users/@me') return send(res, 200, botUser);
    if (method === 'PUT' && first === 'applications' && a === APPLICATION_ID && (b === 'commands' || (b === 'guilds' && d === 'commands'))) {
      const list = Array.isArray(body) ? (body as Json[]) : [];
      return send(res, 200, list.map((command) => ({ ...command, id: snowflake(), application_id: APPLICATION_ID, version: snowflake(), ...(b === 'guilds' ? { guild_id: c } : {}) })));
    }
    if (first === 'channels' && a) {
      const channel = channels.get(a);
      if (!channel) return send(res, 404, { message: 'Unknown Channel', code: 10003 });
      if (method === 'GET' && !b) return send(res, 200, channel);
      if (b === 'messages' && !c && method === 'POST') return send(res, 200, message(a, json));
      if (b === 'messages' && !c && method === 'GET') return send(res, 200, [...messages.values()].filter((m) => m.channel_id === a).reverse());
      if (b === 'messages' && c && !d) {
        const found = messages.get(c);
        if (!found || found.channel_id !== a) return send(res, 404, { message: 'Unknown Message', code: 10008 });
        if (method === 'GET') return send(res, 200, found);
        if (method === 'PATCH') {
          Object.assign(found, json, { edited_timestamp: new Date().toISOString() });
          return send(res, 200, found);
        }
      }
      if (b === 'messages' && c && d === 'threads' && method === 'POST') {
        const [status, result] = startThread(a, c, json);
        return send(res, status, result);
      }
    }
    if (first === 'interactions' && c === 'callback' && method === 'POST') {
      if (url.searchParams.get('with_response') === 'true') return send(res, 200, { interaction: { id: a, type: 2 }, resource: { type: json.type } });
      return send(res, 204);
    }
    const hook = first === 'webhooks' && a ? webhooks.get(a) : undefined;
    if (hook && b) {
      if (b !== hook.token) return send(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
      if (!c && method === 'POST') return send(res, 200, { ...message(hook.channelId, json), webhook_id: a });
    }
    if (first === 'webhooks' && a === APPLICATION_ID && b) {
      const channelId = tokenChannels.get(b);
      if (!channelId) return send(res, 404, { message: 'Unknown Webhook', code: 10015 });
      const interactionMessage = (): Json => ({ ...message(channelId, json), webhook_id: APPLICATION_ID, application_id: APPLICATION_ID });
      if (!c && method === 'POST') return send(res, 200, interactionMessage());
      if (c === 'messages' && d && !e) {
        if (method === 'PATCH' || method === 'GET') return send(res, 200, { ...interactionMessage(), id: d === '@original' ? snowflake() : d });
        if (method === 'DELETE') return send(res, 204);
      }
    }
    send(res, 404, { message: '404: Not Found', code: 0 });
  }

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    requests,
    gateway,
    channels,
    messages,
    interaction(input) {
      const id = snowflake();
      const token = `itoken-${randomBytes(12).toString('hex')}`;
      const channel = channels.get(input.channelId) ?? textChannel(input.channelId);
      tokenChannels.set(token, input.channelId);
      gateway.dispatch('INTERACTION_CREATE', {
        id, token, type: input.type ?? 2, application_id: APPLICATION_ID, version: 1, guild_id: GUILD_ID, channel_id: input.channelId, channel,
        member: { user: userObject(input.member.id), roles: input.member.roles ?? [], permissions: input.member.permissions, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null, communication_disabled_until: null },
        data: input.data, app_permissions: PERMISSIONS.member, locale: 'en-GB', guild_locale: 'en-GB', entitlements: [], authorizing_integration_owners: { 0: GUILD_ID }, context: 0, attachment_size_limit: 10_485_760,
      });
      return { id, token };
    },
    userMessage(input) {
      const id = snowflake();
      const channel = channels.get(input.channelId);
      gateway.dispatch('MESSAGE_CREATE', {
        id, channel_id: input.channelId, guild_id: GUILD_ID, author: userObject(input.authorId ?? '400000000000000001'), content: input.content,
        mentions: input.mentionBot ? [{ ...botUser, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }] : [],
        mention_roles: [], mention_everyone: false, timestamp: new Date().toISOString(), edited_timestamp: null, type: 0, embeds: [], attachments: [], components: [],
        pinned: false, tts: false, flags: 0, ...(channel ? { channel_type: channel.type } : {}),
      });
      return id;
    },
    addWebhook(channelId) {
      const id = snowflake();
      const token = randomBytes(51).toString('base64url').slice(0, 68);
      webhooks.set(id, { token, channelId });
      return { id, token, url: `https://discord.com/api/webhooks/${id}/${token}` };
    },
    async waitFor(find, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error('discord stand-in: timed out waiting');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
