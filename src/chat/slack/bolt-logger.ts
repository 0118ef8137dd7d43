/**
 * Bolt and its clients log through Herald's logger. Bolt's messages are variadic strings and values;
 * they become one message string, and Errors keep their stack as `err`. Socket Mode logs whole
 * payloads at debug level; their response_url (a capability to post in the channel) is masked.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports.ts';

const RESPONSE_URL = /(https:\/\/hooks\.slack\.com\/)[^\s"'\\]+/g;

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return part.message;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

export function boltLogger(logger: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  let log = logger.child({ component: 'slack' });
  const emit = (method: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]): void => {
    const err = parts.find((p): p is Error => p instanceof Error);
    const message = parts.map(describe).join(' ').replace(RESPONSE_URL, '$1[redacted]');
    if (err) log[method]({ err }, message);
    else log[method](message);
  };
  return {
    debug: (...parts: unknown[]) => emit('debug', parts),
    info: (...parts: unknown[]) => emit('info', parts),
    warn: (...parts: unknown[]) => emit('warn', parts),
    error: (...parts: unknown[]) => emit('error', parts),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: (name: string) => {
      log = logger.child({ component: name });
    },
  };
}
