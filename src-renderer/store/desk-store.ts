/**
 * One bound zustand store built from slices (zustand's slices guide).
 * The store gets `DeskApi` injected rather than importing a transport, so
 * the same store runs in Electron, in a browser tab and against a fake.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DeskApi, DeskEvent } from '../../src-preload/api.ts';
import type { ConnectionMonitor } from '../api/connection-status.ts';
import { createAccountsSlice } from './accounts.slice.ts';
import { createAppSlice } from './app.slice.ts';
import { createContactsSlice } from './contacts.slice.ts';
import { createConversationListSlice } from './conversation-list.slice.ts';
import { createFoldersSlice } from './folders.slice.ts';
import { createReadingSlice } from './reading.slice.ts';
import { createSearchSlice } from './search.slice.ts';
import type { DeskState } from './slice.ts';

export type { DeskState } from './slice.ts';
export type DeskStore = UseBoundStore<StoreApi<DeskState>>;

export function createDeskStore(api: DeskApi, monitor: ConnectionMonitor): DeskStore {
  return create<DeskState>()((...args) => ({
    ...createAppSlice(api, monitor.current())(...args),
    ...createAccountsSlice(api)(...args),
    ...createFoldersSlice(api)(...args),
    ...createConversationListSlice(api)(...args),
    ...createReadingSlice(api)(...args),
    ...createSearchSlice(api)(...args),
    ...createContactsSlice(api)(...args),
  }));
}

/** Does a change to these rows touch the conversation on screen? */
function touchesOpened(state: DeskState, event: Extract<DeskEvent, { type: 'changed' }>): boolean {
  const detail = state.opened?.detail;
  if (!detail || !event.ids) return state.opened !== null;
  const ids = new Set(event.ids);
  switch (event.table) {
    case 'conversations':
      return ids.has(detail.summary.id) || (detail.contact?.conversations.some((c) => ids.has(c.id)) ?? false);
    case 'messages':
      return detail.messages.some((m) => ids.has(m.id));
    case 'contacts':
      return detail.contact !== null && ids.has(detail.contact.id);
    default:
      return false;
  }
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
        switch (event.table) {
          case 'accounts':
            void state.loadAccounts();
            void state.loadAppInfo();
            void state.loadFolders();
            return;
          case 'folders':
            void state.refreshFolders();
            return;
          case 'messages':
          case 'conversations':
            // Unread counts live on the folders.
            if (event.table === 'messages') void state.refreshFolders();
            void state.refreshConversations();
            void state.refreshSearch();
            if (touchesOpened(state, event)) void state.reloadOpenedConversation();
            return;
          case 'contacts':
            if (touchesOpened(state, event)) void state.reloadOpenedConversation();
            return;
        }
    }
  });

  return () => {
    unsubscribeMonitor();
    unsubscribeEvents();
  };
}
