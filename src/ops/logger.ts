/**
 * Structured JSON logs (pino) to stderr, so stdout stays clean for the CLI's --json output.
 * Secrets never reach the logs: known secret fields are redacted, token-shaped strings and the
 * configured secret values are masked in the message, in every field at any depth, and in the
 * bindings of child loggers (feed, channel, command).
 */
import pino from 'pino';
import type { Logger } from '../core/ports.ts';

const REDACT_PATHS = [
  'token', '*.token', 'secret', '*.secret', 'password', '*.password', 'apiKey', '*.apiKey',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'secrets', '*.secrets', 'databaseUrl', '*.databaseUrl',
];

/** Slack/Discord/OpenAI token shapes, Slack and Discord webhook paths, and credentials inside URLs. */
const TOKEN_PATTERN =
  /\b(xox[abposr]-[\w-]+|xapp-[\w-]+|sk-[\w-]{16,}|[MN][\w-]{23,25}\.[\w-]{6}\.[\w-]{27,})\b|(?<=hooks\.slack\.com\/services\/)[\w/]+|(?<=\/api\/webhooks\/\d+\/)[\w-]+|(?<=:\/\/[^/\s:@]+:)[^@\s/]+(?=@)/g;

/** Configured secrets shorter than this are not masked by value (they would mask ordinary words). */
const SECRET_MIN_CHARS = 8;
/** Deeper than this, a log object is cut off rather than walked. */
const MASK_MAX_DEPTH = 6;
const REDACTED = '[redacted]';

export function maskSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, REDACTED);
}

/** Masks token shapes and, literally, each of `secrets` (e.g. the values of SLACK_SIGNING_SECRET, DATABASE_URL). */
export function createMasker(secrets: readonly string[] = []): (text: string) => string {
  const literals = [...new Set(secrets.filter((s) => s.length >= SECRET_MIN_CHARS))].sort((a, b) => b.length - a.length);
  return (text) => {
    let masked = maskSecrets(text);
    for (const secret of literals) if (masked.includes(secret)) masked = masked.split(secret).join(REDACTED);
    return masked;
  };
}

/**
 * A copy of a log object with every string masked, at any depth: a feed URL with a password or an
 * error text holding a token is caught wherever it sits. Errors keep only their type and message.
 */
export function maskDeep(value: unknown, mask: (text: string) => string = maskSecrets, depth = 0): unknown {
  if (typeof value === 'string') return mask(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: mask(value.message) };
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  if (depth >= MASK_MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((entry) => maskDeep(entry, mask, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = maskDeep(entry, mask, depth + 1);
  return out;
}

/** pino formats a child's bindings once, without the log formatter: mask them on the way in. */
function maskChildBindings(logger: pino.Logger, mask: (text: string) => string): pino.Logger {
  const child = logger.child.bind(logger);
  logger.child = ((bindings: pino.Bindings, options?: pino.ChildLoggerOptions) =>
    maskChildBindings(child(maskDeep(bindings, mask) as pino.Bindings, options), mask)) as unknown as typeof logger.child;
  return logger;
}

export interface LoggerOptions {
  level?: string;
  destination?: NodeJS.WritableStream;
  /** Secret values from the environment, masked wherever they appear. */
  secrets?: readonly string[];
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const mask = createMasker(options.secrets);
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { app: 'herald' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => maskDeep(object, mask) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? mask(arg) : arg)) as typeof args;
          method.apply(this, masked);
        },
      },
      serializers: { err: (error: unknown) => (error instanceof Error ? { type: error.name, message: mask(error.message) } : error) },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
  return maskChildBindings(logger, mask) as unknown as Logger;
}

/** A logger that drops everything, for tests and quiet CLI verbs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
