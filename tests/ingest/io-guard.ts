/**
 * Test helpers proving that parsing does no I/O: a guard that fails any socket connect, DNS
 * lookup or file open/read made while it is active, and a loopback "trap" server that counts
 * requests (an external DTD or entity pointed at it must never be fetched).
 */
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { vi, type MockInstance } from 'vitest';

export interface IoGuard {
  /** Every blocked call, as "fs.readFileSync /etc/passwd". */
  readonly attempts: string[];
  restore(): void;
}

/** Block and record network and file access until restore(). Install it only around the parse. */
export function guardIo(): IoGuard {
  const attempts: string[] = [];
  const block = (name: string) => (...args: unknown[]): never => {
    attempts.push(`${name} ${String(args[0]).slice(0, 120)}`);
    throw new Error(`I/O during parse: ${name}`);
  };
  const spies: MockInstance[] = [
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(block('net.connect')),
    vi.spyOn(dns, 'lookup').mockImplementation(block('dns.lookup')),
    vi.spyOn(dns.promises, 'lookup').mockImplementation(block('dns.promises.lookup')),
    vi.spyOn(fs, 'readFileSync').mockImplementation(block('fs.readFileSync')),
    vi.spyOn(fs, 'readFile').mockImplementation(block('fs.readFile')),
    vi.spyOn(fs, 'openSync').mockImplementation(block('fs.openSync')),
    vi.spyOn(fs, 'open').mockImplementation(block('fs.open')),
    vi.spyOn(fs, 'createReadStream').mockImplementation(block('fs.createReadStream')),
    vi.spyOn(fs.promises, 'readFile').mockImplementation(block('fs.promises.readFile')),
    vi.spyOn(fs.promises, 'open').mockImplementation(block('fs.promises.open')),
  ];
  return {
    attempts,
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** Run `fn` with I/O blocked; returns its outcome (value or error) and the blocked attempts. */
export async function withoutIo<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; attempts: string[] }> {
  const guard = guardIo();
  try {
    return { value: await fn(), attempts: guard.attempts };
  } catch (error) {
    return { error, attempts: guard.attempts };
  } finally {
    guard.restore();
  }
}

export interface TrapServer {
  url: string;
  readonly hits: number;
  close(): Promise<void>;
}

/** A loopback HTTP server that serves a hostile DTD and counts every request it receives. */
export async function startTrapServer(): Promise<TrapServer> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/xml-dtd' });
    res.end('<!ENTITY leak "TRAP-SERVER-WAS-FETCHED">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return hits;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
