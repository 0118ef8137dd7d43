/**
 * CLI plumbing shared by the verbs: reading inputs, printing results and errors.
 * Bad input never produces a stack trace: errors become one line, or `{"error": {...}}` with --json.
 */
import { readFile } from 'node:fs/promises';
import { errorCode } from '../core/errors.ts';
import type { Fetcher } from '../core/ports.ts';

export interface Output {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Input {
  name: string;
  body: Buffer;
  contentType?: string;
  url?: string;
}

/** FILE, URL, or '-' for stdin. URLs go through the safe fetcher. */
export async function readInput(source: string, fetcher: Fetcher, accept?: string): Promise<Input> {
  if (source === '-') return { name: '(stdin)', body: await readStream(process.stdin) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    const result = await fetcher.fetch({ url: source, ...(accept ? { accept } : {}) });
    return { name: source, body: result.body, url: result.url, ...(result.contentType ? { contentType: result.contentType } : {}) };
  }
  return { name: source, body: await readFile(source) };
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path ?? ''}`.trim();
    if (code === 'EISDIR') return `is a directory: ${(error as NodeJS.ErrnoException).path ?? ''}`.trim();
    return error.message;
  }
  return String(error);
}

export function jsonError(error: unknown): { error: { code: string; message: string } } {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const code = errno === 'ENOENT' || errno === 'EISDIR' ? 'not-found' : error instanceof UsageError ? 'usage' : errorCode(error);
  return { error: { code, message: errorMessage(error) } };
}

export function printJson(io: Output, value: unknown): void {
  io.out.write(`${JSON.stringify(value)}\n`);
}
