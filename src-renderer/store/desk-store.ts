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
import { createActivitySlice } from './activity.slice.ts';
import { createNotificationsSlice } from './notifications.slice.ts';
import { createTeamSlice } from './team.slice.ts';
import { createTriageSlice } from './triage.slice.ts';
import { createTriageUiSlice } from './triage-ui.slice.ts';
// Replying (issue 6): composer, outbox, settings.
import { createComposerSlice } from './composer.slice.ts';
import { createComposerSettingsSlice } from './composer-settings.slice.ts';
import { bindComposeEvents, createOutboxSlice } from './outbox.slice.ts';
import { createDraftsSlice } from './drafts.slice.ts';
import { createRulesSlice } from './rules.slice.ts';
import { createReportSlice } from './report.slice.ts';
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
    ...createTeamSlice(api)(...args),
    ...createTriageSlice(api)(...args),
    ...createActivitySlice(api)(...args),
    ...createNotificationsSlice()(...args),
    ...createTriageUiSlice()(...args),
    ...createComposerSlice(api)(...args),
    ...createOutboxSlice(api)(...args),
    ...createDraftsSlice(api)(...args),
    ...createComposerSettingsSlice(api)(...args),
    ...createRulesSlice(api)(...args),
    ...createReportSlice(api)(...args),
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
    case 'triage':
    case 'activity':
      return ids.has(detail.summary.id);
    default:
      return false;
  }
}

/** Does the list on screen show triage state these rows changed? */
function touchesList(state: DeskState, event: Extract<DeskEvent, { type: 'changed' }>): boolean {
  if (state.folderChoice.kind === 'drawer') return true; // Membership may change: any row may come or go.
  if (!event.ids) return state.rowTriage.size > 0;
  return event.ids.some((id) => state.rowTriage.has(id));
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

  // The triage side (state, activity, presence) follows whichever conversation the reading pane shows.
  const unsubscribeOpened = store.subscribe((state, previous) => {
    const id = state.opened?.id ?? null;
    if (id !== (previous.opened?.id ?? null)) state.followOpened(id);
  });

  const unsubscribeCompose = bindComposeEvents(api, monitor, store);
  const unsubscribeEvents = api.onEvent((event) => {
    const state = store.getState();
    switch (event.type) {
      case 'accountHealth':
        state.applyHealth(event.accountId, event.health);
        return;
      case 'notify':
        state.pushNotification(event.notification);
        return;
      case 'teamHealth':
        state.applyTeamHealth(event.health);
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
            // Unread counts live on the folders; new mail moves conversations between drawers.
            if (event.table === 'messages') void state.refreshFolders();
            void state.refreshCounts();
            void state.refreshConversations();
            void state.refreshSearch();
            if (touchesOpened(state, event)) void state.reloadOpenedConversation();
            return;
          case 'contacts':
            if (touchesOpened(state, event)) void state.reloadOpenedConversation();
            return;
          case 'triage':
            void state.refreshCounts();
            if (touchesList(state, event)) void state.refreshConversations();
            // A search can filter by status, assignee or tag (and a smart folder is one): what matches may have changed.
            void state.refreshSearch();
            if (touchesOpened(state, event)) void state.reloadOpenedTriage();
            return;
          case 'activity':
            if (touchesOpened(state, event)) void state.reloadOpenedTriage();
            return;
          case 'rules':
            store.setState((s) => ({ rulesVersion: s.rulesVersion + 1 }));
            return;
          case 'team':
            // Names, colours, groups, tags and presence badges.
            void state.loadDirectory();
            if (state.folderChoice.kind === 'drawer') void state.refreshConversations();
            if (state.opened) void state.reloadOpenedTriage();
            return;
        }
    }
  });

  return () => {
    unsubscribeMonitor();
    unsubscribeEvents();
    unsubscribeOpened();
    unsubscribeCompose();
  };
}
