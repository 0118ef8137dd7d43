/**
 * The readiness checks behind `/healthz`: the database answers, and every chat adapter is connected.
 */
import type { ChatAdapter, Store } from '../core/ports.ts';
import type { HealthCheck } from './health-server.ts';

/** A feed id no feed has: the lookup is a primary-key probe, cheap however many feeds there are. */
const PROBE_FEED_ID = 'herald:health-check';

export function readinessChecks(store: Pick<Store, 'getFetchState'>, adapters: ReadonlyMap<string, Pick<ChatAdapter, 'isConnected'>>): HealthCheck[] {
  return [
    { name: 'database', check: async () => (await store.getFetchState(PROBE_FEED_ID), true) },
    ...[...adapters].map(([name, adapter]) => ({ name: `chat:${name}`, check: async () => adapter.isConnected?.() ?? true })),
  ];
}
