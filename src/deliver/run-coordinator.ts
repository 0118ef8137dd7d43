/**
 * node-cron's run coordinator backed by Herald's job claims: a task scheduled with
 * `distributed: true` on every instance runs, for each of its slots, on the one instance that
 * claims `<task name>:<slot ISO time>` first. node-cron skips the slot on the others ('not-elected')
 * and, when the database cannot be reached, everywhere ('coordinator-error': fail closed).
 */
import cron, { type RunCoordinator } from 'node-cron';

/** What the coordinator needs from the app: App.claimJob fits. */
export interface SlotClaimer {
  claimJob(key: string, ttlMs: number): Promise<boolean>;
}

export function createRunCoordinator(claimer: SlotClaimer): RunCoordinator {
  return {
    // The claim outlives the run on purpose: an instance whose clock fires late must not re-run the slot.
    shouldRun: (key, ttlMs) => claimer.claimJob(`cron:${key}`, ttlMs),
  };
}

/** Makes every `distributed: true` task in this process use the job claims. */
export function installRunCoordinator(claimer: SlotClaimer): void {
  cron.setRunCoordinator(createRunCoordinator(claimer));
}
