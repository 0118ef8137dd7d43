/**
 * A small semaphore per host, so Herald never has more than N requests open to one site.
 */

/** Gives the slot back; calling it twice is harmless. */
export type Release = () => void;

export interface HostLimiter {
  /** Waits for a free slot for `host`. Rejects with the signal's reason if it aborts while waiting. */
  acquire(host: string, signal?: AbortSignal): Promise<Release>;
  /** Requests currently holding a slot for `host` (for tests and metrics). */
  active(host: string): number;
}

interface Waiter {
  grant: () => void;
}

interface HostSlots {
  active: number;
  queue: Waiter[];
}

export function createHostLimiter(perHost: number): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError(`perHost must be a positive integer, got ${perHost}`);
  const hosts = new Map<string, HostSlots>();

  const releaseFor = (key: string, slots: HostSlots): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slots.queue.shift();
      if (next) {
        next.grant(); // the slot passes straight to the next waiter
        return;
      }
      slots.active -= 1;
      if (slots.active === 0) hosts.delete(key);
    };
  };

  return {
    acquire(host, signal) {
      const key = host.toLowerCase();
      if (signal?.aborted) return Promise.reject(signal.reason);
      let slots = hosts.get(key);
      if (!slots) {
        slots = { active: 0, queue: [] };
        hosts.set(key, slots);
      }
      const held = slots;
      if (held.active < perHost) {
        held.active += 1;
        return Promise.resolve(releaseFor(key, held));
      }
      return new Promise<Release>((resolve, reject) => {
        const onAbort = (): void => {
          const index = held.queue.indexOf(waiter);
          if (index >= 0) held.queue.splice(index, 1);
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(releaseFor(key, held));
          },
        };
        held.queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    active(host) {
      return hosts.get(host.toLowerCase())?.active ?? 0;
    },
  };
}
