/**
 * A loopback Discord: the REST API under /api/v10 and a gateway WebSocket on the same port, for the
 * real discord.js client (`rest: { api: standIn.apiUrl }`; the gateway URL comes from GET /gateway/bot).
 *
 * It records every request (path decoded, so `%40original` reads `@original`), keeps channels,
 * messages and threads, and lets a test dispatch INTERACTION_CREATE and MESSAGE_CREATE as Discord
 * would. A 204 carries no body and no JSON content type (discord.js would try to parse it).
 *
 * For the deliver tests and the fan-out bench:
 * - GET /channels/:id/messages pages with `limit`, `after` and `before`, newest first;
 * - a message posted with `nonce` and `enforce_nonce` whose nonce the channel already saw returns
 *   that message instead of a new one, as Discord does;
 * - `script(match, [...])` answers the next matching requests from a list: `{ status: 429,
 *   retryAfterS, global? }`, `{ status: 500 }`, `{ status: 403, code: 50013 }` or `{ drop: true }`
 *   (the message is stored, then the connection is cut, as when a response is lost);
 * - `globalRateLimit: { perSecond, toleranceMs }` enforces the bot-wide request limit (a generic cell
 *   rate algorithm allowing a second's worth of burst), answering 429 with `global: true`;
 *   `rateLimited` counts those answers;
 * - `clock` dates message snowflakes (default: the real time).
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
  /** Enforce Discord's global limit (50 a second) over every authenticated request. */
  globalRateLimit?: { perSecond: number; toleranceMs?: number };
  /** Time for message snowflakes; default the real time. */
  clock?: () => Date;
}

export type ScriptedAnswer = { status: 429; retryAfterS: number; global?: boolean } | { status: 500 | 502 | 503 } | { status: 403 | 404; code: number; message?: string } | { drop: true };

export interface RequestMatch {
  method: string;
  /** Matched against the decoded path after /api/v10. */
  path: RegExp;
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
  /** Answer the next requests matching `match` from this list, in order. */
  script(match: RequestMatch, answers: ScriptedAnswer[]): void;
  /** Messages stored in a channel, oldest first. */
  messagesIn(channelId: string): Json[];
  /** 429s answered by the global rate limit. */
  readonly rateLimited: number;
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
  const scripts: { match: RequestMatch; answers: ScriptedAnswer[] }[] = [];
  /** channel id → nonce → message id, for enforce_nonce. */
  const nonces = new Map<string, Map<string, string>>();
  let rateLimited = 0;
  let nextAllowed = 0;
  let idSequence = 0n;
  const messageId = (): string => {
    if (!options.clock) return snowflake();
    idSequence += 1n;
    return ((BigInt(options.clock().getTime() - EPOCH_MS) << 22n) | (idSequence & 0x3fffffn)).toString();
  };
  /** Milliseconds until a request would be allowed, or undefined when it may go now. */
  const overGlobalLimit = (): number | undefined => {
    const limit = options.globalRateLimit;
    if (!limit) return undefined;
    const interval = 1000 / limit.perSecond;
    const tolerance = limit.toleranceMs ?? 1000 - interval;
    const now = Date.now();
    const tat = Math.max(nextAllowed, now);
    if (tat - now > tolerance) return tat - now - tolerance;
    nextAllowed = tat + interval;
    return undefined;
  };
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

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    if (status === 204 || body === undefined) {
      res.writeHead(status === 200 ? 204 : status, headers).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
  }

  /** A channel's messages newest first, paged as Discord pages them. */
  function page(channelId: string, query: URLSearchParams): Json[] {
    const limit = Math.min(Number(query.get('limit') ?? 50) || 50, 100);
    const after = query.get('after');
    const before = query.get('before');
    let list = [...messages.values()].filter((m) => m.channel_id === channelId).sort((x, y) => (BigInt(String(x.id)) < BigInt(String(y.id)) ? -1 : 1));
    if (before) list = list.filter((m) => BigInt(String(m.id)) < BigInt(before));
    if (after) return list.filter((m) => BigInt(String(m.id)) > BigInt(after)).slice(0, limit).reverse();
    return list.slice(-limit).reverse();
  }

  /** enforce_nonce: the message this channel already made for the nonce, if any. */
  function postMessage(channelId: string, body: Json): Json {
    const nonce = typeof body.nonce === 'string' && body.enforce_nonce === true ? body.nonce : undefined;
    const seen = nonce ? nonces.get(channelId)?.get(nonce) : undefined;
    const existing = seen ? messages.get(seen) : undefined;
    if (existing) return existing;
    const created = message(channelId, body);
    if (nonce) nonces.set(channelId, (nonces.get(channelId) ?? new Map<string, string>()).set(nonce, String(created.id)));
    return created;
  }

  function message(channelId: string, body: Json, author: Json = botUser): Json {
    const channel = channels.get(channelId);
    const created: Json = {
      id: messageId(), channel_id: channelId, ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}), author, content: body.content ?? '', embeds: body.embeds ?? [],
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
    if (!tokenRoute) {
      const waitMs = overGlobalLimit();
      if (waitMs !== undefined) {
        rateLimited += 1;
        return send(res, 429, { message: 'You are being rate limited.', retry_after: waitMs / 1000, global: true, code: 0 }, { 'retry-after': String(Math.ceil(waitMs / 1000)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
      }
    }
    const scripted = scripts.find((s) => s.answers.length > 0 && s.match.method === method && s.match.path.test(path))?.answers.shift();
    if (scripted && 'status' in scripted) {
      if (scripted.status === 429) {
        const headers: Record<string, string> = { 'retry-after': String(scripted.retryAfterS), 'x-ratelimit-scope': scripted.global ? 'global' : 'user' };
        if (scripted.global) headers['x-ratelimit-global'] = 'true';
        return send(res, 429, { message: 'You are being rate limited.', retry_after: scripted.retryAfterS, global: scripted.global ?? false, code: 0 }, headers);
      }
      if ('code' in scripted) return send(res, scripted.status, { message: scripted.message ?? 'Missing Permissions', code: scripted.code });
      return send(res, scripted.status, { message: 'Internal Server Error', code: 0 });
    }
    if (scripted) {
      // The request is carried out, then the connection is cut before the answer.
      res.writeHead = (() => res) as unknown as typeof res.writeHead;
      res.end = (() => {
        req.socket.destroy();
        return res;
      }) as unknown as typeof res.end;
    }

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
      if (b === 'messages' && !c && method === 'POST') return send(res, 200, postMessage(a, json));
      if (b === 'messages' && !c && method === 'GET') return send(res, 200, page(a, url.searchParams));
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
    script: (match, answers) => void scripts.push({ match, answers: [...answers] }),
    messagesIn: (channelId) => [...messages.values()].filter((m) => m.channel_id === channelId).sort((x, y) => (BigInt(String(x.id)) < BigInt(String(y.id)) ? -1 : 1)),
    get rateLimited() {
      return rateLimited;
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
