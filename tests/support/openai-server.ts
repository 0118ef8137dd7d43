/**
 * A loopback stand-in for an OpenAI-compatible `/v1/chat/completions` endpoint. It records every
 * request and answers from a script: bullets (grounded or not), raw content, an HTTP status,
 * garbage, or a hang until the client gives up.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedReply =
  | { kind: 'bullets'; bullets: string[] }
  | { kind: 'content'; content: string }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'garbage' }
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

export interface OpenAiStandIn {
  /** Base URL to hand to the client, e.g. http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  /** Replies for the next requests, in order; when empty, `fallbackReply` answers. */
  script(...replies: ScriptedReply[]): void;
  fallbackReply: ScriptedReply;
  close(): Promise<void>;
}

function completion(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-standin',
    object: 'chat.completion',
    created: 0,
    model: 'stand-in',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startOpenAiServer(): Promise<OpenAiStandIn> {
  const queue: ScriptedReply[] = [];
  const hanging = new Set<ServerResponse>();

  const standIn: OpenAiStandIn = {
    url: '',
    requests: [],
    script: (...replies) => queue.push(...replies),
    fallbackReply: { kind: 'status', status: 503, body: '{"error":{"message":"no scripted reply"}}' },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // recorded as raw text
      }
      standIn.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const reply = queue.shift() ?? standIn.fallbackReply;
      switch (reply.kind) {
        case 'bullets':
          res.writeHead(200, { 'content-type': 'application/json' }).end(completion(JSON.stringify({ bullets: reply.bullets })));
          return;
        case 'content':
          res.writeHead(200, { 'content-type': 'application/json' }).end(completion(reply.content));
          return;
        case 'status':
          res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? '{"error":{"message":"scripted"}}');
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [ {"message": oops');
          return;
        case 'hang':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
      }
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}
