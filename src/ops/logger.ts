/**
 * Structured JSON logs (pino) to stderr, so stdout stays clean for the CLI's --json output.
 * Secrets never reach the logs: known secret fields are redacted and token-shaped strings masked.
 */
import pino from 'pino';
import type { Logger } from '../core/ports.ts';

const REDACT_PATHS = [
  'token', '*.token', 'secret', '*.secret', 'password', '*.password', 'apiKey', '*.apiKey',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'secrets', '*.secrets', 'databaseUrl', '*.databaseUrl',
];

/** Slack/Discord/OpenAI token shapes and credentials inside URLs. */
const TOKEN_PATTERN = /\b(xox[abposr]-[\w-]+|xapp-[\w-]+|sk-[\w-]{16,}|[MN][\w-]{23,25}\.[\w-]{6}\.[\w-]{27,})\b|(?<=:\/\/[^/\s:@]+:)[^@\s/]+(?=@)/g;

export function maskSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, '[redacted]');
}

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'herald' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? maskSecrets(arg) : arg)) as typeof args;
          method.apply(this, masked);
        },
      },
      serializers: { err: (error: unknown) => (error instanceof Error ? { type: error.name, message: maskSecrets(error.message) } : error) },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  ) as unknown as Logger;
}

/** A logger that drops everything, for tests and quiet CLI verbs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
