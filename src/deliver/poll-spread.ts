/**
 * Feed polling, spread out. Each feed has its own next poll time (ingest's poll policy: the
 * interval, the feed's TTL and Cache-Control, backoff after failures); a tick polls the feeds whose
 * time has come, most overdue first, but never more than a budget of about `feeds × tick /
 * interval`. A thousand feeds added together (or all due after a restart) therefore spread over one
 * interval instead of firing in the same minute, and stay spread, since each feed's next time
 * follows its own poll.
 */

export interface PollBudget {
  intervalMs: number;
  tickMs: number;
  /** A small install polls at least this many feeds a tick (so its first round is quick). */
  minPerTick: number;
}

/** Headroom over the even share, so a backlog drains within about one interval. */
const BUDGET_HEADROOM = 1.25;

/** Feeds one tick may poll. */
export function pollBudget(feedCount: number, budget: PollBudget): number {
  return Math.max(budget.minPerTick, Math.ceil((feedCount * budget.tickMs * BUDGET_HEADROOM) / budget.intervalMs));
}
