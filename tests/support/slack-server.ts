/**
 * A loopback Slack for tests: Web API, response_url endpoints and Socket Mode, on 127.0.0.1 and a
 * random port, recording everything it receives. The real Bolt talks to it through
 * `clientOptions.slackApiUrl` (`apiUrl` below); apps.connections.open hands out a ws:// URL to the
 * Socket Mode endpoint of the same server.
 *
 * ```ts
 * const slack = await startSlackStandIn();
 * slack.users.set('U0ADMIN', { is_admin: true });
 * const adapter = createSlackAdapter({ botToken: 'xoxb-test', appToken: 'xapp-test', slackApiUrl: slack.apiUrl, ... });
 * await adapter.start();
 * const envelopeId = slack.pushSlashCommand({ command: '/who', text: 'Lukin', user_id: 'U0ADMIN', response_url: slack.responseUrl('r1') });
 * const ack = await slack.waitFor(() => slack.socket.acks.find((a) => a.envelopeId === envelopeId));
 * slack.callsTo('chat.postMessage');    // [{ method, token, body, at }]
 * slack.responses;                       // response_url POSTs: [{ id, body }]
 * await adapter.stop(); await slack.close();
 * ```
 *
 * Web API: auth.test, apps.connections.open (needs an xapp- token), chat.postMessage (assigns ts,
 * remembers the message), chat.update, users.info (from `users`), usergroups.users.list (from
 * `userGroups`), conversations.history (newest first, top-level messages only; `oldest`, `limit`
 * and `cursor` paging; metadata only with `include_all_metadata`, as Slack does). Others answer
 * `unknown_method`. Bodies are read as JSON or form data; form fields holding JSON (blocks,
 * metadata, ...) are parsed. `failNext(method, error)` makes the next call to a method answer
 * `{ ok: false, error }`.
 *
 * Faults and limits, for the deliver tests and the fan-out bench:
 * - `script(method, [...])` answers the next calls from a list: `{ status: 429, retryAfterS }`,
 *   `{ status: 500 }`, `{ error: 'channel_not_found' }` or `{ drop: true }` (the connection is cut
 *   after the message was stored, as when a response is lost);
 * - `removeChannel(id)`: chat.postMessage there answers `channel_not_found` from then on;
 * - `rateLimit: { intervalMs, toleranceMs }` enforces about one chat.postMessage per interval per
 *   channel (a generic cell rate algorithm with that much tolerance for jitter), answering HTTP 429
 *   with Retry-After when exceeded; `rateLimited` counts those answers.
 * - `clock` stamps message ts (default: a fixed base plus a sequence).
 * Response URLs are `POST /respond/:id`; `@original` arrives percent-encoded and is decoded.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SocketModeStandIn, type Envelope } from './slack-socket.ts';

export interface ApiCall {
  method: string;
  /** Bearer token the client sent. */
  token?: string;
  body: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface SlackUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  name?: string;
}

export type ScriptedAnswer = { status: 429; retryAfterS: number } | { status: 500 | 502 | 503 } | { error: string } | { drop: true };

export interface SlackStandInOptions {
  /** Enforce Slack's posting limit per channel. */
  rateLimit?: { intervalMs: number; toleranceMs: number };
  /** Time for message ts; default a fixed base plus a sequence. */
  clock?: () => Date;
}

export const TEAM_ID = 'T0HERALD';
export const BOT_USER_ID = 'U0HERALDBOT';

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) body[key] = JSON_FIELDS.has(key) && /^[[{]/.test(value) ? JSON.parse(value) : value;
  return body;
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    // A 204 carries no body, so no JSON content type either.
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

export interface SlackStandIn {
  url: string;
  /** For `clientOptions.slackApiUrl`. */
  apiUrl: string;
  calls: ApiCall[];
  responses: ResponseUrlPost[];
  socket: SocketModeStandIn;
  users: Map<string, SlackUser>;
  userGroups: Map<string, string[]>;
  callsTo(method: string): ApiCall[];
  responseUrl(id: string): string;
  failNext(method: string, error: string): void;
  /** Answer the next calls to `method` from this list, in order. */
  script(method: string, answers: ScriptedAnswer[]): void;
  removeChannel(channel: string): void;
  /** Messages stored in a channel (thread replies included), oldest first. */
  messagesIn(channel: string): Record<string, unknown>[];
  /** HTTP 429s answered by the rate limit. */
  readonly rateLimited: number;
  pushSlashCommand(payload: { command: string; text: string; user_id: string; response_url: string; channel_id?: string; user_name?: string }): string;
  pushEvent(event: Record<string, unknown>): string;
  /** A fresh, increasing message ts. */
  nextTs(): string;
  /** Resolves with the first defined value `pick` returns, re-checked on every recorded request. */
  waitFor<T>(pick: () => T | undefined): Promise<T>;
  close(): Promise<void>;
}

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const users = new Map<string, SlackUser>();
  const userGroups = new Map<string, string[]>();
  const failures = new Map<string, string>();
  const scripts = new Map<string, ScriptedAnswer[]>();
  const removed = new Set<string>();
  /** Theoretical arrival time per channel, for the rate limit. */
  const nextAllowed = new Map<string, number>();
  let rateLimited = 0;
  const history = new Map<string, Record<string, unknown>[]>();
  const waiters = new Set<() => void>();
  const changed = (): void => {
    for (const check of [...waiters]) check();
  };
  const socket = new SocketModeStandIn(changed);
  let sequence = 0;
  const nextTs = (): string => {
    sequence += 1;
    if (options.clock) return `${Math.floor(options.clock().getTime() / 1000)}.${String(sequence).padStart(6, '0')}`;
    return `${1_764_316_800 + sequence}.${String(sequence).padStart(6, '0')}`;
  };
  /** Generic cell rate algorithm: one post per interval per channel, `toleranceMs` early allowed. */
  const overLimit = (channel: string): number | undefined => {
    const limit = options.rateLimit;
    if (!limit) return undefined;
    const now = Date.now();
    const tat = Math.max(nextAllowed.get(channel) ?? now, now);
    if (tat - now > limit.toleranceMs) return tat - now - limit.toleranceMs;
    nextAllowed.set(channel, tat + limit.intervalMs);
    return undefined;
  };
  let base = '';

  function api(method: string, token: string | undefined, body: Record<string, unknown>): Record<string, unknown> {
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return { ok: false, error: failure };
    }
    if (method === 'apps.connections.open') {
      if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
      return { ok: true, url: `${base.replace('http:', 'ws:')}/link/?ticket=${randomUUID()}&app_id=A0HERALD` };
    }
    if (!token) return { ok: false, error: 'not_authed' };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://herald-test.slack.com/', team: 'Herald Test', user: 'herald', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: 'B0HERALD', is_enterprise_install: false };
      case 'chat.postMessage': {
        const channel = String(body.channel ?? '');
        if (!channel || removed.has(channel)) return { ok: false, error: 'channel_not_found' };
        if (!body.text && !body.blocks) return { ok: false, error: 'no_text' };
        const message = { ...body, type: 'message', ts: nextTs(), user: BOT_USER_ID, bot_id: 'B0HERALD' };
        history.set(channel, [message, ...(history.get(channel) ?? [])]);
        return { ok: true, channel, ts: message.ts, message };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'users.info': {
        const id = String(body.user ?? '');
        const user = users.get(id);
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id, team_id: TEAM_ID, name: user.name ?? id.toLowerCase(), is_admin: false, is_owner: false, is_primary_owner: false, ...user } };
      }
      case 'usergroups.users.list': {
        const members = userGroups.get(String(body.usergroup ?? ''));
        return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
      }
      case 'conversations.history': {
        const oldest = Number(body.oldest ?? 0);
        const limit = Math.min(Number(body.limit ?? 100) || 100, 1000);
        const start = Number(body.cursor ?? 0) || 0;
        const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
        const top = (history.get(String(body.channel ?? '')) ?? [])
          .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
          .filter((m) => Number(m.ts) > oldest)
          .map((m) => (withMetadata ? m : Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'metadata'))));
        const page = top.slice(start, start + limit);
        const more = start + limit < top.length;
        return { ok: true, messages: page, has_more: more, ...(more ? { response_metadata: { next_cursor: String(start + limit) } } : {}) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = await readBody(req);
    if (req.method === 'POST' && path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof body.token === 'string' ? body.token : undefined;
      calls.push({ method, ...(token ? { token } : {}), body });
      const scripted = scripts.get(method)?.shift();
      if (scripted && 'status' in scripted) {
        if (scripted.status === 429) send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(scripted.retryAfterS) });
        else send(res, scripted.status, { ok: false, error: 'internal_error' });
      } else if (scripted && 'error' in scripted) {
        send(res, 200, { ok: false, error: scripted.error });
      } else {
        const waitMs = method === 'chat.postMessage' && token ? overLimit(String(body.channel ?? '')) : undefined;
        if (waitMs !== undefined) {
          rateLimited += 1;
          send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) });
        } else {
          const answer = api(method, token, body);
          if (scripted) req.socket.destroy();
          else send(res, 200, answer);
        }
      }
      changed();
      return;
    }
    if (req.method === 'POST' && path.startsWith('/respond/')) {
      responses.push({ id: decodeURIComponent(path.slice('/respond/'.length)), body });
      send(res, 200, { ok: true });
      changed();
      return;
    }
    send(res, 404, { ok: false, error: 'not_found' });
  });
  server.on('upgrade', (req, duplex, head) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname.startsWith('/link')) socket.handleUpgrade(req, duplex, head);
    else duplex.destroy();
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const common = { token: 'verification-token-unused', team_id: TEAM_ID, api_app_id: 'A0HERALD' };
  return {
    url: base,
    apiUrl: `${base}/api/`,
    calls,
    responses,
    socket,
    users,
    userGroups,
    nextTs,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl: (id) => `${base}/respond/${encodeURIComponent(id)}`,
    failNext: (method, error) => void failures.set(method, error),
    script: (method, answers) => void scripts.set(method, [...(scripts.get(method) ?? []), ...answers]),
    removeChannel: (channel) => void removed.add(channel),
    messagesIn: (channel) => [...(history.get(channel) ?? [])].reverse(),
    get rateLimited() {
      return rateLimited;
    },
    pushSlashCommand(payload) {
      const envelope: Envelope = {
        envelope_id: randomUUID(),
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: { ...common, team_domain: 'herald-test', channel_id: 'C0NEWS', channel_name: 'news', user_name: payload.user_id.toLowerCase(), is_enterprise_install: 'false', trigger_id: `${sequence}.trigger`, ...payload },
      };
      socket.push(envelope);
      return envelope.envelope_id;
    },
    pushEvent(event) {
      const envelope: Envelope = {
        envelope_id: randomUUID(),
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: {
          ...common,
          type: 'event_callback',
          event_id: `Ev${randomUUID().slice(0, 8)}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
          event: { event_ts: event.ts, ...event },
        },
      };
      socket.push(envelope);
      return envelope.envelope_id;
    },
    waitFor<T>(pick: () => T | undefined): Promise<T> {
      return new Promise<T>((resolve) => {
        const check = (): void => {
          const value = pick();
          if (value === undefined) return;
          waiters.delete(check);
          resolve(value);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      await socket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
