/**
 * Folders of every account (`folders.list`) and which folder the list shows:
 * a role (Inbox, Sent, ... across the account filter) or one custom folder.
 *
 * Invariant: a custom folder choice always belongs to the account in scope
 * (or scope is "all"); when the scope moves elsewhere the choice falls back to
 * the Inbox, so the list never shows a folder the sidebar does not.
 */
import type { DeskApi, DeskError, DrawerId, FolderSummary, MessageFolderRole } from '../../src-preload/api.ts';
import { coalesce } from './coalesce.ts';
import type { DeskSlice } from './slice.ts';

/** What the list shows: a folder role, one custom folder, or a triage drawer (`triage.list`). */
export type FolderChoice =
  | { kind: 'role'; role: MessageFolderRole }
  | { kind: 'folder'; folderId: number }
  | { kind: 'drawer'; drawer: DrawerId };

/** The role folders the sidebar always offers, in the order agents expect them. */
export const ROLE_FOLDERS: MessageFolderRole[] = ['inbox', 'sent', 'archive', 'junk', 'trash'];

export interface FoldersSlice {
  folders: FolderSummary[];
  foldersError: DeskError | null;
  folderChoice: FolderChoice;
  loadFolders(): Promise<void>;
  /** Re-reads the folders (unread counts) after a change event; bursts collapse into one query. */
  refreshFolders(): Promise<void>;
  setFolderChoice(choice: FolderChoice): void;
}

export function sameFolderChoice(a: FolderChoice, b: FolderChoice): boolean {
  if (a.kind === 'role' && b.kind === 'role') return a.role === b.role;
  if (a.kind === 'folder' && b.kind === 'folder') return a.folderId === b.folderId;
  if (a.kind === 'drawer' && b.kind === 'drawer') return a.drawer === b.drawer;
  return false;
}

/** Folders of the account filter (all accounts when `accountId` is null). */
export function foldersInScope(folders: FolderSummary[], accountId: number | null): FolderSummary[] {
  return accountId === null ? folders : folders.filter((f) => f.accountId === accountId);
}

export function createFoldersSlice(api: DeskApi): DeskSlice<FoldersSlice> {
  let generation = 0;
  return (set, get) => ({
    refreshFolders: coalesce(() => get().loadFolders()),
    folders: [],
    foldersError: null,
    folderChoice: { kind: 'role', role: 'inbox' },

    async loadFolders() {
      const mine = ++generation;
      const result = await api.call('folders.list', { accountId: null });
      if (mine !== generation) return;
      if (!result.ok) {
        set({ foldersError: result.error });
        return;
      }
      const choice = get().folderChoice;
      const gone = choice.kind === 'folder' && !result.value.some((f) => f.id === choice.folderId);
      set({ folders: result.value, foldersError: null });
      if (gone) get().setFolderChoice({ kind: 'role', role: 'inbox' });
    },

    setFolderChoice(choice) {
      // A folder chosen while a search (or a smart folder) is on screen: the agent wants that folder now.
      if (get().searchQuery.trim() !== '') get().clearSearch();
      if (sameFolderChoice(get().folderChoice, choice)) return;
      // A multi-selection belongs to the list it was made in.
      set({ folderChoice: choice, checkedIds: new Set(), selectionAnchor: null });
      void get().loadConversations();
    },
  });
}
