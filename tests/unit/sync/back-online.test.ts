import { expect, it } from 'vitest';
import type { HealthState } from '../../../src-preload/api.ts';
import { EventBus } from '../../../src-main/core/events.ts';
import { onBackOnline } from '../../../src-main/core/sync/back-online.ts';

it('says when an account that was offline or failing answers again, once per outage and per account', () => {
  const events = new EventBus();
  const back: number[] = [];
  const stop = onBackOnline(events, (id) => back.push(id));
  const health = (accountId: number, state: HealthState) => events.emit({ type: 'accountHealth', accountId, health: { state, progress: null, lastError: null, lastSyncAt: null } });
  health(1, 'connected');
  health(1, 'syncing');
  expect(back).toEqual([]);
  health(1, 'offline');
  health(2, 'error');
  health(1, 'offline');
  health(1, 'syncing');
  health(1, 'connected');
  health(2, 'connected');
  // A refused password is not a connection coming back: nothing waits on it that a retry would send.
  health(3, 'auth-failed');
  health(3, 'connected');
  expect(back).toEqual([1, 2]);
  stop();
  health(1, 'offline');
  health(1, 'connected');
  expect(back).toEqual([1, 2]);
});
