/**
 * The Socket Mode half of the Slack stand-in: a WebSocket endpoint that greets every connection with
 * `hello`, pushes `slash_commands` / `events_api` envelopes to the newest connection, and records the
 * acknowledgements the app sends back. Pings are answered by ws itself, and like Slack the stand-in
 * pings each connection (every 10 s): the Socket Mode client drops a connection whose server has
 * been silent for 30 s.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

export interface SocketAck {
  envelopeId: string;
  /** What the app put in the acknowledgement (a slash command may answer right there). */
  payload: Record<string, unknown> | undefined;
}

export interface Envelope {
  envelope_id: string;
  type: 'slash_commands' | 'events_api' | 'interactive';
  accepts_response_payload: boolean;
  payload: Record<string, unknown>;
  retry_attempt?: number;
  retry_reason?: string;
}

/** How often the stand-in pings each connection (the client gives up on a server silent for 30 s). */
const SERVER_PING_MS = 10_000;

export class SocketModeStandIn {
  readonly acks: SocketAck[] = [];
  /** Every envelope pushed, in order. */
  readonly pushed: Envelope[] = [];
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sockets = new Set<WebSocket>();
  readonly #onRecord: () => void;
  #connections = 0;

  constructor(onRecord: () => void) {
    this.#onRecord = onRecord;
  }

  /** Connections accepted so far (each one got a `hello`). */
  get connections(): number {
    return this.#connections;
  }

  get open(): number {
    return [...this.#sockets].filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      this.#sockets.add(ws);
      this.#connections += 1;
      const pinger = setInterval(() => {
        if (ws.readyState === WebSocket.OPEN) ws.ping();
      }, SERVER_PING_MS);
      pinger.unref();
      ws.on('close', () => {
        clearInterval(pinger);
        this.#sockets.delete(ws);
        this.#onRecord();
      });
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id) {
          const payload = message.payload && Object.keys(message.payload).length ? message.payload : undefined;
          this.acks.push({ envelopeId: message.envelope_id, payload });
          this.#onRecord();
        }
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: this.#sockets.size, debug_info: { host: 'stand-in', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0HERALD' } }));
      this.#onRecord();
    });
  }

  push(envelope: Envelope): void {
    const socket = [...this.#sockets].reverse().find((s) => s.readyState === WebSocket.OPEN);
    if (!socket) throw new Error('no Socket Mode connection to push to');
    this.pushed.push(envelope);
    socket.send(JSON.stringify(envelope));
  }

  /** Asks every client to reconnect, as Slack does when it recycles a connection. */
  sendDisconnect(reason = 'refresh_requested'): void {
    for (const socket of this.#sockets) socket.send(JSON.stringify({ type: 'disconnect', reason }));
  }

  /** Close each connection with a proper close handshake, so the client clears its own timers. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.#sockets].map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once('close', () => resolve());
            socket.close(1000, 'stand-in closing');
          }),
      ),
    );
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
