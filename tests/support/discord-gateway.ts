/**
 * A loopback Discord gateway (v10, JSON, no compression) for the real discord.js client:
 * HELLO on connect, IDENTIFY → READY then one GUILD_CREATE per guild, heartbeat ACK, RESUME →
 * RESUMED (replaying nothing), and dispatch of any event to the live sessions.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export const GATEWAY_PATH = '/gateway';

export interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

interface Session {
  id: string;
  socket: WebSocket;
  seq: number;
  live: boolean;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** READY's data (user, application), without session fields. */
  ready: () => Record<string, unknown>;
  /** GUILD_CREATE payloads sent after READY. */
  guilds: () => Record<string, unknown>[];
}

export class DiscordGatewayStandIn {
  readonly frames: GatewayFrame[] = [];
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  readonly #options: GatewayOptions;
  #url = '';

  constructor(server: Server, options: GatewayOptions) {
    this.#options = options;
    this.#wss = new WebSocketServer({ server, path: GATEWAY_PATH });
    this.#wss.on('connection', (socket) => this.#connect(socket));
  }

  set url(url: string) {
    this.#url = url;
  }

  /** Frames of one op code the client sent (2 IDENTIFY, 6 RESUME, 1 HEARTBEAT). */
  sent(op: number): GatewayFrame[] {
    return this.frames.filter((f) => f.op === op);
  }

  get liveSessions(): number {
    return [...this.#sessions.values()].filter((s) => s.live).length;
  }

  /** Send a dispatch (op 0) to every identified or resumed session. */
  dispatch(t: string, d: unknown): void {
    for (const session of this.#sessions.values()) if (session.live) this.#send(session, { op: 0, t, d, s: ++session.seq });
  }

  /** Cut every connection with a close code (4000 and 1001 are resumable for discord.js). */
  drop(code = 4000): void {
    for (const session of this.#sessions.values()) {
      session.live = false;
      session.socket.close(code, 'stand-in drop');
    }
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #send(session: Session, frame: GatewayFrame): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(frame));
  }

  #connect(socket: WebSocket): void {
    let session: Session = { id: '', socket, seq: 0, live: false };
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#options.heartbeatIntervalMs }, s: null, t: null }));
    socket.on('message', (raw) => {
      let frame: GatewayFrame;
      try {
        frame = JSON.parse(String(raw)) as GatewayFrame;
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.frames.push(frame);
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11, s: null, t: null }));
      else if (frame.op === 2) session = this.#identify(socket);
      else if (frame.op === 6) session = this.#resume(socket, frame.d as { session_id?: string; seq?: number }) ?? session;
    });
  }

  #identify(socket: WebSocket): Session {
    const session: Session = { id: randomUUID().replace(/-/g, ''), socket, seq: 0, live: true };
    this.#sessions.set(session.id, session);
    this.#send(session, { op: 0, t: 'READY', s: ++session.seq, d: { v: 10, ...this.#options.ready(), session_id: session.id, resume_gateway_url: this.#url, shard: [0, 1] } });
    for (const guild of this.#options.guilds()) this.#send(session, { op: 0, t: 'GUILD_CREATE', s: ++session.seq, d: guild });
    return session;
  }

  #resume(socket: WebSocket, data: { session_id?: string; seq?: number }): Session | undefined {
    const old = data.session_id ? this.#sessions.get(data.session_id) : undefined;
    if (!old) {
      socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return undefined;
    }
    old.socket = socket;
    old.live = true;
    this.#send(old, { op: 0, t: 'RESUMED', s: ++old.seq, d: {} });
    return old;
  }
}
