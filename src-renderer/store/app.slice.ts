/**
 * What the window knows about core itself: `AppInfo`, the state of the link,
 * which top-level screen is showing, and transient notices.
 */
import type { AppInfo, DeskApi, DeskError } from '../../src-preload/api.ts';
import type { ConnectionStatus } from '../api/connection-status.ts';
import type { DeskSlice } from './slice.ts';

/** `home` is first run or the workspace, whichever `hasWorkspace` says. */
export type AppView = 'home' | 'connect' | { kind: 'edit-account'; accountId: number };

export interface Notice {
  id: number;
  text: string;
  /** One thing to do about it (Undo after a move), shown as a button beside the text. */
  action?: NoticeAction;
}

export interface NoticeAction {
  label: string;
  /** The key that does the same, shown beside the label (z for Undo). */
  key?: string;
  run(): void;
}

export interface AppSlice {
  appInfo: AppInfo | null;
  appInfoError: DeskError | null;
  connection: ConnectionStatus;
  view: AppView;
  helpOpen: boolean;
  /** The drawers' column, over the list in a narrow window (app/layout.ts); beside it otherwise, whatever this says. */
  sidebarOpen: boolean;
  notice: Notice | null;
  loadAppInfo(): Promise<void>;
  setConnection(status: ConnectionStatus): void;
  setView(view: AppView): void;
  setHelpOpen(open: boolean): void;
  setSidebarOpen(open: boolean): void;
  showNotice(text: string, action?: NoticeAction): void;
  dismissNotice(): void;
  /** Re-reads everything on screen: at start and after the link comes back. */
  resync(): Promise<void>;
}

export function createAppSlice(api: DeskApi, initialConnection: ConnectionStatus): DeskSlice<AppSlice> {
  let noticeId = 0;
  return (set, get) => ({
    appInfo: null,
    appInfoError: null,
    connection: initialConnection,
    view: 'home',
    helpOpen: false,
    sidebarOpen: false,
    notice: null,

    async loadAppInfo() {
      const result = await api.call('app.info', {});
      if (result.ok) set({ appInfo: result.value, appInfoError: null });
      else set({ appInfoError: result.error });
    },

    setConnection(status) {
      set({ connection: status });
    },

    setView(view) {
      set({ view, helpOpen: false });
    },

    setHelpOpen(open) {
      set({ helpOpen: open });
    },

    setSidebarOpen(open) {
      set({ sidebarOpen: open });
    },

    showNotice(text, action) {
      noticeId += 1;
      set({ notice: action ? { id: noticeId, text, action } : { id: noticeId, text } });
    },

    dismissNotice() {
      set({ notice: null });
    },

    async resync() {
      // Accounts and conversations are read even before a workspace exists (cheap when empty), so a
      // workspace that appears later through change events finds them already loaded.
      await Promise.all([
        get().loadAppInfo(),
        get().loadAccounts(),
        get().loadFolders(),
        get().refreshConversations(),
        get().refreshSearch(),
        get().loadDirectory(),
        get().loadTeamHealth(),
        get().refreshCounts(),
        get().reloadOpenedTriage(),
        get().opened?.status === 'error' ? get().retryOpenedConversation() : get().reloadOpenedConversation(),
      ]);
    },
  });
}
