/**
 * Who may run admin commands on Slack: a configured user id, a workspace admin or owner, or a member
 * of the configured user group. Answers are cached briefly so a burst of commands costs one lookup;
 * a failed lookup is logged, answered "not admin" (fail closed) and not cached.
 */
import type { Clock, Logger } from '../../core/ports.ts';

export interface SlackAdmins {
  /** Slack user ids (U…/W…) that are always admins for Herald. */
  userIds?: readonly string[];
  /** A user group (S…) whose members are admins for Herald. */
  userGroupId?: string;
}

/** The two Web API questions the check asks (users.info, usergroups.users.list). */
export interface AdminDirectory {
  isWorkspaceAdmin(userId: string): Promise<boolean>;
  groupMembers(groupId: string): Promise<readonly string[]>;
}

export const ADMIN_CACHE_MS = 60_000;
/** Past this many remembered users the cache starts over, so it cannot grow without bound. */
const MAX_CACHED_USERS = 10_000;

interface Cached<T> {
  until: number;
  value: Promise<T>;
}

export type AdminCheck = (userId: string) => Promise<boolean>;

export function createAdminCheck(options: { directory: AdminDirectory; admins: SlackAdmins; clock: Clock; logger: Logger; cacheMs?: number }): AdminCheck {
  const { directory, admins, clock, logger } = options;
  const cacheMs = options.cacheMs ?? ADMIN_CACHE_MS;
  const configured = new Set(admins.userIds ?? []);
  const users = new Map<string, Cached<boolean>>();
  let group: Cached<ReadonlySet<string>> | undefined;

  function remember<T>(load: () => Promise<T>, forget: () => void): Cached<T> {
    const value = load();
    // A failure is not remembered: the next command asks again.
    value.catch(forget);
    return { until: clock.now().getTime() + cacheMs, value };
  }

  function groupMembers(groupId: string): Promise<ReadonlySet<string>> {
    if (!group || group.until <= clock.now().getTime()) {
      const entry = remember(async () => new Set(await directory.groupMembers(groupId)), () => {
        if (group === entry) group = undefined;
      });
      group = entry;
    }
    return group.value;
  }

  async function lookUp(userId: string): Promise<boolean> {
    if (await directory.isWorkspaceAdmin(userId)) return true;
    return admins.userGroupId ? (await groupMembers(admins.userGroupId)).has(userId) : false;
  }

  return async (userId) => {
    if (configured.has(userId)) return true;
    let entry = users.get(userId);
    if (!entry || entry.until <= clock.now().getTime()) {
      const fresh = remember(() => lookUp(userId), () => {
        if (users.get(userId) === fresh) users.delete(userId);
      });
      if (users.size >= MAX_CACHED_USERS) users.clear();
      users.set(userId, fresh);
      entry = fresh;
    }
    try {
      return await entry.value;
    } catch (error) {
      logger.warn({ err: error, userId }, 'slack admin lookup failed; treating the user as not an admin');
      return false;
    }
  };
}
