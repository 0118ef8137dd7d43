/**
 * Slack Web API failures → ChatDeliveryError, so the deliver stage can tell a full channel
 * (`ratelimited`), a hiccup (5xx, network) and a channel Herald can no longer post to apart.
 */
import { webApi } from '@slack/bolt';
import { ChatDeliveryError } from '../../core/errors.ts';

const PLATFORM = 'slack';

/** The channel is gone, Herald was removed, or its token lost a right: no retry will help. */
const CHANNEL_UNAVAILABLE = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived', 'account_inactive', 'invalid_auth', 'not_authed',
  'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'access_denied', 'team_access_not_granted', 'ekm_access_denied',
  'restricted_action', 'restricted_action_read_only_channel', 'restricted_action_thread_only_channel', 'restricted_action_non_threadable_channel',
  'org_login_required', 'team_not_found', 'enterprise_is_restricted',
]);

/** Slack's own trouble, worth another try. */
const SLACK_TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Any error from a delivery call, classified; ChatDeliveryErrors pass through unchanged. */
export function slackDeliveryError(error: unknown): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) return new ChatDeliveryError(PLATFORM, 'rate-limited', 'ratelimited', { status: 429, retryAfterMs: error.retryAfter * 1000, cause: error });
  if (error instanceof webApi.WebAPIHTTPError) {
    const kind = error.statusCode >= 500 || error.statusCode === 408 ? 'transient' : 'rejected';
    return new ChatDeliveryError(PLATFORM, kind, `HTTP ${error.statusCode}`, { status: error.statusCode, cause: error });
  }
  if (error instanceof webApi.WebAPIRequestError) return new ChatDeliveryError(PLATFORM, 'transient', error.original.message || 'network error', { cause: error });
  if (error instanceof webApi.WebAPIPlatformError) {
    const reason = String(error.data.error ?? 'unknown_error');
    if (reason === 'ratelimited') return new ChatDeliveryError(PLATFORM, 'rate-limited', reason, { cause: error });
    const kind = CHANNEL_UNAVAILABLE.has(reason) ? 'permanent' : SLACK_TRANSIENT.has(reason) ? 'transient' : 'rejected';
    return new ChatDeliveryError(PLATFORM, kind, reason, { cause: error });
  }
  return new ChatDeliveryError(PLATFORM, 'transient', error instanceof Error ? error.message : String(error), { cause: error });
}

/** Runs one Web API call, its failure classified. */
export async function slackCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw slackDeliveryError(error);
  }
}
