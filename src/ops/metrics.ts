/**
 * Prometheus metrics (prom-client), served at `/metrics` next to `/healthz`. One registry per
 * process; every part increments the named counters below rather than registering its own.
 *
 * | name                                  | type      | labels            | counts                                      |
 * |---------------------------------------|-----------|-------------------|---------------------------------------------|
 * | herald_polls_total                    | counter   | status            | feed polls: updated, not-modified, failed   |
 * | herald_poll_errors_total              | counter   | reason            | failed polls by FeedFetchError/ParseError reason |
 * | herald_items_total                    | counter   |                   | new items stored                            |
 * | herald_stories_total                  | counter   |                   | stories (re)indexed                         |
 * | herald_digests_delivered_total        | counter   | platform          | digests posted                              |
 * | herald_digests_late_total             | counter   | platform          | digests posted after their slot's grace     |
 * | herald_digests_failed_total           | counter   | platform          | digests that could not be posted            |
 * | herald_command_duration_seconds       | histogram | command, status   | slash command latency, run to reply         |
 * | herald_poll_round_duration_seconds    | histogram |                   | one poll round, claim to last release       |
 * | herald_process_* / herald_nodejs_*    | (default) |                   | prom-client's process metrics               |
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds; commands should answer within Slack's 3 s acknowledgement window. */
const COMMAND_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const ROUND_BUCKETS_S = [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300];

export interface HeraldMetrics {
  registry: Registry;
  polls: Counter<'status'>;
  pollErrors: Counter<'reason'>;
  items: Counter;
  stories: Counter;
  digestsDelivered: Counter<'platform'>;
  digestsLate: Counter<'platform'>;
  digestsFailed: Counter<'platform'>;
  commandDuration: Histogram<'command' | 'status'>;
  pollRoundDuration: Histogram;
}

/** A fresh set of metrics on its own registry (tests); the app uses {@link metrics}. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): HeraldMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'herald_' });
  const registers = [registry];
  return {
    registry,
    polls: new Counter({ name: 'herald_polls_total', help: 'Feed polls by outcome', labelNames: ['status'], registers }),
    pollErrors: new Counter({ name: 'herald_poll_errors_total', help: 'Failed feed polls by reason', labelNames: ['reason'], registers }),
    items: new Counter({ name: 'herald_items_total', help: 'New feed items stored', registers }),
    stories: new Counter({ name: 'herald_stories_total', help: 'Stories indexed or re-indexed', registers }),
    digestsDelivered: new Counter({ name: 'herald_digests_delivered_total', help: 'Digests posted', labelNames: ['platform'], registers }),
    digestsLate: new Counter({ name: 'herald_digests_late_total', help: 'Digests posted late', labelNames: ['platform'], registers }),
    digestsFailed: new Counter({ name: 'herald_digests_failed_total', help: 'Digests that could not be posted', labelNames: ['platform'], registers }),
    commandDuration: new Histogram({ name: 'herald_command_duration_seconds', help: 'Slash command latency', labelNames: ['command', 'status'], buckets: COMMAND_BUCKETS_S, registers }),
    pollRoundDuration: new Histogram({ name: 'herald_poll_round_duration_seconds', help: 'Duration of one poll round', buckets: ROUND_BUCKETS_S, registers }),
  };
}

/** The process's metrics. */
export const metrics: HeraldMetrics = createMetrics({ defaultMetrics: true });

/** What a poll outcome needs to be counted (PollOutcome fits). */
export interface CountablePoll {
  status: string;
  inserted: readonly unknown[];
  error?: { reason: string };
}

export function countPolls(outcomes: readonly CountablePoll[], target: HeraldMetrics = metrics): void {
  for (const outcome of outcomes) {
    target.polls.inc({ status: outcome.status });
    if (outcome.error) target.pollErrors.inc({ reason: outcome.error.reason });
    if (outcome.inserted.length) target.items.inc(outcome.inserted.length);
  }
}

/** Times `work` into the command latency histogram, labelled with the status it resolves to. */
export async function timeCommand<T extends { status: string }>(command: string, work: () => Promise<T>, target: HeraldMetrics = metrics): Promise<T> {
  const stop = target.commandDuration.startTimer({ command });
  try {
    const result = await work();
    stop({ status: result.status });
    return result;
  } catch (error) {
    stop({ status: 'error' });
    throw error;
  }
}
