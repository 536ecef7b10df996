/**
 * Triage actions on conversations (`triage.apply`), the multi-selection they
 * act on, and undo of the last one (`triage.undo`).
 *
 * Invariants: an action shows at once (optimistic: the rows' state changes
 * and rows that leave the drawer go), and the change event core sends after
 * it re-reads the truth; a failed action restores what was on screen and says
 * so; only the newest action's undo token is kept, so z undoes exactly the
 * last thing the agent did.
 */
import type { DeskApi, TriageAction } from '../../src-preload/api.ts';
import { t } from '../i18n/i18n.ts';
import { describeError } from './describe-error.ts';
import type { DeskSlice } from './slice.ts';
import { myGroups } from './team-members.ts';
import { applyActionToState, inDrawer } from './triage-optimistic.ts';
import { searchMode, visibleConversations } from './visible-list.ts';

export interface UndoEntry {
  /** Changes with every action and its undo, so the toast restarts its timer. */
  id: number;
  token: string;
  /** What was applied and to how many conversations: the toast words it in the agent's language. */
  action: TriageAction;
  applied: number;
  /** The toast is showing (the token stays usable with z after it hides). */
  shown: boolean;
  /** Undone already: the toast says so, and z has nothing left to undo. */
  undone: boolean;
}

export interface TriageSlice {
  checkedIds: ReadonlySet<number>;
  /** Where Shift+j/k started extending from. */
  selectionAnchor: number | null;
  lastUndo: UndoEntry | null;
  toggleChecked(id?: number): void;
  /** Shift+j/k: moves the cursor and checks every row from the anchor to it. */
  extendSelection(delta: number): void;
  selectAllLoaded(): void;
  clearChecked(): void;
  /** What an action acts on: the checked rows, else the selected (or open) conversation. */
  triageTargets(): number[];
  applyTriage(action: TriageAction, ids?: number[]): Promise<boolean>;
  /** Follows the targeted conversations, or stops following them when the agent follows all of them already. */
  toggleFollow(): Promise<boolean>;
  undoLastTriage(): Promise<void>;
  hideUndo(): void;
}

export function createTriageSlice(api: DeskApi): DeskSlice<TriageSlice> {
  let undoId = 0;
  return (set, get) => ({
    checkedIds: new Set(),
    selectionAnchor: null,
    lastUndo: null,

    toggleChecked(id) {
      const target = id ?? get().selectedConversationId;
      if (target === null) return;
      set((state) => {
        const next = new Set(state.checkedIds);
        if (next.has(target)) next.delete(target);
        else next.add(target);
        return { checkedIds: next, selectionAnchor: target };
      });
    },

    extendSelection(delta) {
      const state = get();
      const items = visibleConversations(state);
      if (items.length === 0) return;
      const index = Math.max(0, items.findIndex((c) => c.id === state.selectedConversationId));
      const anchorId = state.selectionAnchor ?? items[index]?.id ?? null;
      const anchor = Math.max(0, items.findIndex((c) => c.id === anchorId));
      const to = Math.min(items.length - 1, Math.max(0, index + delta));
      const next = new Set(state.checkedIds);
      const range = (a: number, b: number): number[] => items.slice(Math.min(a, b), Math.max(a, b) + 1).map((c) => c.id);
      // The range from the anchor follows the cursor: moving back towards the anchor unchecks what it leaves.
      for (const id of range(anchor, index)) next.delete(id);
      for (const id of range(anchor, to)) next.add(id);
      set({ checkedIds: next, selectionAnchor: anchorId, selectedConversationId: items[to]?.id ?? null });
      if (to >= items.length - 5 && !searchMode(state)) void state.loadMoreConversations();
    },

    selectAllLoaded() {
      set((state) => ({ checkedIds: new Set(visibleConversations(state).map((c) => c.id)) }));
    },

    clearChecked() {
      if (get().checkedIds.size > 0) set({ checkedIds: new Set(), selectionAnchor: null });
    },

    triageTargets() {
      const state = get();
      const visible = new Set(visibleConversations(state).map((c) => c.id));
      const checked = [...state.checkedIds].filter((id) => visible.has(id));
      if (checked.length > 0) return checked;
      const one = state.selectedConversationId ?? state.opened?.id ?? null;
      return one === null ? [] : [one];
    },

    toggleFollow() {
      const state = get();
      const ids = state.triageTargets();
      const following = (id: number): boolean => (state.rowTriage.get(id) ?? (state.openedTriage?.id === id ? state.openedTriage.data?.triage : undefined))?.following ?? false;
      return get().applyTriage({ kind: 'follow', follow: !(ids.length > 0 && ids.every(following)) }, ids);
    },

    async applyTriage(action, ids = get().triageTargets()) {
      if (ids.length === 0) {
        get().showNotice(t('triage.nothingSelected'));
        return false;
      }
      const before = get();
      const viewer = { me: before.directory?.me?.ref ?? null, myGroups: myGroups(before.directory), now: Date.now() };
      const drawer = before.folderChoice.kind === 'drawer' && !searchMode(before) ? before.folderChoice.drawer : null;
      const rowTriage = new Map(before.rowTriage);
      const leaving = new Set<number>();
      const opened = before.openedTriage;
      for (const id of ids) {
        const current = rowTriage.get(id) ?? (opened?.id === id ? opened.data?.triage : undefined);
        if (!current) continue;
        const next = applyActionToState(current, action);
        if (rowTriage.has(id)) rowTriage.set(id, next);
        if (drawer !== null && rowTriage.has(id) && inDrawer(drawer, next, viewer) === false) leaving.add(id);
      }
      const items = visibleConversations(before);
      const selected = before.selectedConversationId;
      let nextSelected = selected;
      if (selected !== null && leaving.has(selected)) {
        const index = items.findIndex((c) => c.id === selected);
        const after = items.slice(index + 1).find((c) => !leaving.has(c.id));
        const earlier = items.slice(0, Math.max(0, index)).reverse().find((c) => !leaving.has(c.id));
        nextSelected = (after ?? earlier)?.id ?? null;
      }
      set({
        rowTriage,
        conversations: leaving.size > 0 ? before.conversations.filter((c) => !leaving.has(c.id)) : before.conversations,
        checkedIds: new Set(),
        selectionAnchor: null,
        selectedConversationId: nextSelected,
      });
      if (opened && ids.includes(opened.id) && opened.data) get().patchOpenedTriage(opened.id, (s) => applyActionToState(s, action));
      // The open conversation left this drawer: walk on to the next, as archiving does.
      if (before.opened && leaving.has(before.opened.id) && nextSelected !== null) void get().openConversation(nextSelected);

      const result = await api.call('triage.apply', { conversationIds: ids, action });
      if (!result.ok) {
        set({ rowTriage: before.rowTriage, conversations: before.conversations, selectedConversationId: selected });
        void get().refreshConversations();
        void get().reloadOpenedTriage();
        get().showNotice(t('triage.actionFailed', { reason: describeError(result.error) }));
        return false;
      }
      undoId += 1;
      // The newest action is what z undoes: a move before this one no longer.
      set({ lastUndo: { id: undoId, token: result.value.undoToken, action, applied: result.value.applied, shown: true, undone: false }, moveUndo: null });
      void get().refreshCounts();
      return true;
    },

    async undoLastTriage() {
      const undo = get().lastUndo;
      if (!undo || undo.undone) {
        get().showNotice(t('triage.nothingToUndo'));
        return;
      }
      // Marked at once, so a second z while core answers does not undo twice.
      set({ lastUndo: { ...undo, shown: false, undone: true } });
      const result = await api.call('triage.undo', { undoToken: undo.token });
      if (!result.ok) {
        get().showNotice(t('triage.undoFailed', { reason: describeError(result.error) }));
        return;
      }
      // The toast says what was undone, unless a newer action has taken its place meanwhile.
      undoId += 1;
      const shownId = undoId;
      set((state) => (state.lastUndo?.token === undo.token ? { lastUndo: { ...undo, id: shownId, shown: true, undone: true } } : {}));
      void get().refreshConversations();
      void get().refreshCounts();
      void get().reloadOpenedTriage();
    },

    hideUndo() {
      set((state) => (state.lastUndo ? { lastUndo: { ...state.lastUndo, shown: false } } : {}));
    },
  });
}
