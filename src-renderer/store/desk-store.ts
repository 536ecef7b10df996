/**
 * One bound zustand store built from slices (zustand's slices guide).
 * The store gets `DeskApi` injected rather than importing a transport, so
 * the same store runs in Electron, in a browser tab and against a fake.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DeskApi } from '../../src-preload/api.ts';
import type { ConnectionMonitor } from '../api/connection-status.ts';
import { createAccountsSlice } from './accounts.slice.ts';
import { createAppSlice } from './app.slice.ts';
import { createMessagesSlice } from './messages.slice.ts';
import type { DeskState } from './slice.ts';

export type { DeskState } from './slice.ts';
export type DeskStore = UseBoundStore<StoreApi<DeskState>>;

export function createDeskStore(api: DeskApi, monitor: ConnectionMonitor): DeskStore {
  return create<DeskState>()((...args) => ({
    ...createAppSlice(api, monitor.current())(...args),
    ...createAccountsSlice(api)(...args),
    ...createMessagesSlice(api)(...args),
  }));
}

/**
 * Keeps the store in step with core: change deltas refresh what they touch,
 * health events update one account, and every (re)opened link re-reads
 * everything (we may have missed events while it was down).
 */
export function bindDeskEvents(api: DeskApi, monitor: ConnectionMonitor, store: DeskStore): () => void {
  const unsubscribeMonitor = monitor.subscribe((status) => {
    store.getState().setConnection(status);
    if (status.state === 'open') void store.getState().resync();
  });
  if (monitor.current().state === 'open') void store.getState().resync();

  const unsubscribeEvents = api.onEvent((event) => {
    const state = store.getState();
    switch (event.type) {
      case 'accountHealth':
        state.applyHealth(event.accountId, event.health);
        return;
      case 'changed':
        if (event.table === 'accounts') {
          void state.loadAccounts();
          void state.loadAppInfo();
        } else {
          void state.refreshMessages();
        }
        return;
    }
  });

  return () => {
    unsubscribeMonitor();
    unsubscribeEvents();
  };
}
