/**
 * Shared bits for the fetcher suites: a small feed document, an error catcher, and a spy on every
 * outgoing TCP connection attempt (via node:diagnostics_channel, so nothing is mocked).
 */
import dc from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { FeedFetchError } from '../../src/core/errors.ts';

export const SMALL_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test feed</title><link>https://news.example.test/</link><description>d</description>
<item><title>First story</title><link>https://news.example.test/1</link><guid>urn:test:1</guid></item>
</channel></rss>
`;

/** Awaits `promise` and returns the FeedFetchError it rejects with; fails if it resolves or throws anything else. */
export async function fetchError(promise: Promise<unknown>): Promise<FeedFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FeedFetchError) return error;
    throw new Error(`expected FeedFetchError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the fetch to fail, but it succeeded');
}

export interface ConnectionSpy {
  /** Every `ip:port` this process tried to open a TCP connection to since the spy started. */
  attempts: string[];
  stop(): void;
}

/** Records every outgoing TCP connection attempt of this process. */
export function spyOnConnections(): ConnectionSpy {
  const attempts: string[] = [];
  const onSocket = (message: unknown): void => {
    const { socket } = message as { socket: Socket };
    socket.on('connectionAttempt', (ip: string, port: number) => attempts.push(`${ip}:${port}`));
  };
  dc.subscribe('net.client.socket', onSocket);
  return { attempts, stop: () => dc.unsubscribe('net.client.socket', onSocket) };
}
