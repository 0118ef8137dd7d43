/**
 * Two kinds of error: `UserFacingError` is shown to the user (ephemeral, with a fix);
 * everything else is logged with context and the user sees a short apology with an id.
 */

export type FeedFetchReason =
  | 'invalid-url'
  | 'bad-scheme'
  | 'private-address'
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'bad-status'
  | 'rate-limited'
  | 'network';

/** A fetch that did not produce a usable body. */
export class FeedFetchError extends Error {
  override readonly name = 'FeedFetchError';
  readonly url: string;
  readonly reason: FeedFetchReason;
  readonly status?: number;
  /** When the server asked us to wait (429/503 Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(
    reason: FeedFetchReason,
    url: string,
    message: string,
    extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`${reason}: ${message} (${url})`, { cause: extra.cause });
    this.reason = reason;
    this.url = url;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
  }
}

export type FeedParseReason = 'empty' | 'not-a-feed' | 'malformed' | 'unsupported' | 'too-large';

/** A document that could not be read as a feed. */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  readonly reason: FeedParseReason;
  /** The feed's URL or file name, so every error names its source. */
  readonly source: string;

  constructor(reason: FeedParseReason, source: string, message: string, options: { cause?: unknown } = {}) {
    super(`${reason}: ${message} (${source})`, options);
    this.reason = reason;
    this.source = source;
  }
}

/** Invalid configuration; `problems` lists every issue by path, e.g. `feeds[3].url: must be http(s)`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: string[];

  constructor(source: string, problems: string[]) {
    super(`invalid config ${source}:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

/** A mistake the user can fix; the message says how. Shown privately (ephemeral). */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  /** A stable identifier for the kind of mistake, e.g. 'not-admin', 'bad-url'. */
  readonly identifier: string;

  constructor(identifier: string, message: string) {
    super(message);
    this.identifier = identifier;
  }
}

/** Short machine-readable code for any error, used by the CLI's `--json` error objects. */
export function errorCode(error: unknown): string {
  if (error instanceof FeedFetchError) return error.reason;
  if (error instanceof FeedParseError) return error.reason;
  if (error instanceof UserFacingError) return error.identifier;
  if (error instanceof ConfigError) return 'invalid-config';
  return 'internal';
}

/**
 * What went wrong posting to a chat platform, as the adapter classified it:
 * - `rate-limited`: try again after `retryAfterMs`;
 * - `transient`: 5xx, timeout or network; may succeed on a later try;
 * - `permanent`: the channel is gone, the bot was removed or lacks a permission; stop posting there;
 * - `rejected`: the platform refused this message (bad payload); retrying it cannot help.
 */
export type ChatFailureKind = 'rate-limited' | 'transient' | 'permanent' | 'rejected';

export class ChatDeliveryError extends Error {
  override readonly name = 'ChatDeliveryError';
  readonly platform: string;
  readonly kind: ChatFailureKind;
  /** The platform's own word for it: `channel_not_found`, `Missing Access (50001)`, `HTTP 503`, `ECONNRESET`. */
  readonly reason: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(platform: string, kind: ChatFailureKind, reason: string, extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(`${platform} ${kind}: ${reason}`, { cause: extra.cause });
    this.platform = platform;
    this.kind = kind;
    this.reason = reason;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
  }
}
