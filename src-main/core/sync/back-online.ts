/**
 * "This account's server answers again": the moment work that waited for a
 * connection (replies in the outbox, acknowledgements, mail to inspect)
 * should be tried at once, instead of at its next timed try up to minutes
 * later. Read from the sync's health events: a change from offline (or an
 * error) to connected or syncing.
 */
import type { EventBus } from '../events.ts';

const UP = new Set(['connected', 'syncing']);

/** Calls `back(accountId)` each time an account comes back; returns the unsubscribe. */
export function onBackOnline(events: EventBus, back: (accountId: number) => void): () => void {
  const down = new Set<number>();
  return events.subscribe((e) => {
    if (e.type !== 'accountHealth') return;
    if (!UP.has(e.health.state)) {
      if (e.health.state === 'offline' || e.health.state === 'error') down.add(e.accountId);
      return;
    }
    if (down.delete(e.accountId)) back(e.accountId);
  });
}
