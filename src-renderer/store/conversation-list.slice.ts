/**
 * The conversation list of the chosen folder or triage drawer and account
 * filter (keyset pages from `conversations.list` or `triage.list`) and the
 * keyboard selection. Drawer rows carry their triage state (`rowTriage`).
 *
 * Invariants: the list only ever holds what one query returned, in core's
 * order (newest first, or a drawer oldest first) and without duplicates; an answer that arrives after
 * the scope or folder changed is dropped (`generation`); refreshes triggered
 * by bursts of change events run one at a time and coalesce.
 */
import type { ConversationSummary, DeskApi, DeskError, DrawerOrder, MessageListParams, Result, TriageState } from '../../src-preload/api.ts';
import { t } from '../i18n/i18n.ts';
import { AppendOnlyMap, appendUnique, withEntries } from './append-only.ts';
import { describeError } from './describe-error.ts';
import { coalesce } from './coalesce.ts';
import type { DeskSlice } from './slice.ts';
import { visibleConversations } from './visible-list.ts';

export const PAGE_SIZE = 100;
const MAX_LIMIT = 500;

export type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

const ORDER_KEY = 'switchboard.drawerOrder';

/** The agent's last choice, on this desktop: some work their queue newest first, others in turn. */
function initialDrawerOrder(): DrawerOrder {
  try {
    return window.localStorage.getItem(ORDER_KEY) === 'oldest' ? 'oldest' : 'newest';
  } catch {
    return 'newest';
  }
}

export interface ConversationListSlice {
  conversations: ConversationSummary[];
  nextCursor: string | null;
  listStatus: ListStatus;
  listError: DeskError | null;
  loadingMore: boolean;
  selectedConversationId: number | null;
  /** Triage state of the rows a drawer listed (folder lists have none), by conversation id. */
  rowTriage: ReadonlyMap<number, TriageState>;
  /** How drawers list (folders and searches keep their own order). */
  drawerOrder: DrawerOrder;
  /** Remembers the order and lists the drawer again from its top. */
  setDrawerOrder(order: DrawerOrder): void;
  /** First page for the current scope and folder; forgets what was loaded before. */
  loadConversations(): Promise<void>;
  loadMoreConversations(): Promise<void>;
  /** Re-reads what is loaded (after a change event), keeping selection and scroll. */
  refreshConversations(): Promise<void>;
  selectConversation(id: number | null): void;
  moveSelection(delta: number): void;
  openSelected(): void;
}

/**
 * Drawer rows share one empty tags and presence array instead of two fresh ones
 * each: at 100,000 rows that is 200,000 fewer heap objects for every major GC
 * (the pauses that made the only long tasks left while scrolling). Frozen, so
 * a mutation would throw rather than leak into every row.
 */
const NO_STRINGS: string[] = Object.freeze([]) as unknown as string[];
const NO_PRESENCE: TriageState['presence'] = Object.freeze([]) as unknown as TriageState['presence'];

function compactTriage(triage: TriageState): TriageState {
  if (triage.tags.length > 0 && triage.presence.length > 0) return triage;
  return { ...triage, tags: triage.tags.length > 0 ? triage.tags : NO_STRINGS, presence: triage.presence.length > 0 ? triage.presence : NO_PRESENCE };
}

interface ListPage {
  items: ConversationSummary[];
  triage: [number, TriageState][];
  nextCursor: string | null;
}

export function createConversationListSlice(api: DeskApi): DeskSlice<ConversationListSlice> {
  let generation = 0;

  return (set, get) => {
    async function fetchPage(cursor: string | null, limit: number): Promise<Result<ListPage>> {
      const { scopeAccountId, folderChoice, drawerOrder } = get();
      if (folderChoice.kind === 'drawer') {
        const result = await api.call('triage.list', { drawer: folderChoice.drawer, accountId: scopeAccountId, cursor, limit, order: drawerOrder });
        if (!result.ok) return result;
        const rows = result.value.items;
        return {
          ok: true,
          value: { items: rows.map((r) => r.conversation), triage: rows.map((r) => [r.conversation.id, compactTriage(r.triage)]), nextCursor: result.value.nextCursor },
        };
      }
      const base = { accountId: scopeAccountId, cursor, limit };
      const params: MessageListParams = folderChoice.kind === 'role'
        ? { ...base, folder: folderChoice.role }
        : { ...base, folder: 'other', folderId: folderChoice.folderId };
      const result = await api.call('conversations.list', params);
      if (!result.ok) return result;
      return { ok: true, value: { items: result.value.items, triage: [], nextCursor: result.value.nextCursor } };
    }

    async function refreshOnce(): Promise<void> {
      const mine = generation;
      const want = Math.max(PAGE_SIZE, get().conversations.length);
      const collected: ConversationSummary[] = [];
      const triage: [number, TriageState][] = [];
      let cursor: string | null = null;
      do {
        const result: Result<ListPage> = await fetchPage(cursor, Math.min(MAX_LIMIT, want - collected.length));
        if (mine !== generation) return;
        if (!result.ok) {
          // Keep showing what we have; a failed background refresh is not worth a blank list.
          if (get().listStatus !== 'ready') set({ listStatus: 'error', listError: result.error });
          return;
        }
        collected.push(...result.value.items);
        triage.push(...result.value.triage);
        cursor = result.value.nextCursor;
      } while (cursor !== null && collected.length < want);

      const items = appendUnique([], collected);
      const before = get();
      set({ conversations: items, rowTriage: AppendOnlyMap.from(triage), nextCursor: cursor, listStatus: 'ready', listError: null });
      const selected = before.selectedConversationId;
      if (selected !== null && !visibleConversations(get()).some((c) => c.id === selected)) {
        // The selected row went away: stay at the same place in the list.
        const oldIndex = visibleConversations(before).findIndex((c) => c.id === selected);
        const now = visibleConversations(get());
        set({ selectedConversationId: now[Math.min(Math.max(oldIndex, 0), now.length - 1)]?.id ?? null });
      }
    }

    const refresh = coalesce(refreshOnce);

    return {
      conversations: [],
      nextCursor: null,
      listStatus: 'idle',
      listError: null,
      loadingMore: false,
      selectedConversationId: null,
      rowTriage: AppendOnlyMap.from([]),
      drawerOrder: initialDrawerOrder(),

      setDrawerOrder(order) {
        if (order === get().drawerOrder) return;
        set({ drawerOrder: order });
        try {
          window.localStorage.setItem(ORDER_KEY, order);
        } catch {
          // Remembering the choice is a nicety; storage may be disabled.
        }
        // Cursors belong to the order they were read in: start again from the top.
        if (get().folderChoice.kind === 'drawer') void get().loadConversations();
      },

      async loadConversations() {
        const mine = ++generation;
        set({ listStatus: 'loading', listError: null, loadingMore: false });
        const result = await fetchPage(null, PAGE_SIZE);
        if (mine !== generation) return;
        if (!result.ok) {
          set({ listStatus: 'error', listError: result.error, conversations: [], rowTriage: new Map(), nextCursor: null });
          return;
        }
        const items = appendUnique([], result.value.items);
        set({ conversations: items, rowTriage: AppendOnlyMap.from(result.value.triage), nextCursor: result.value.nextCursor, listStatus: 'ready' });
        const visible = visibleConversations(get());
        const selected = get().selectedConversationId;
        if (!visible.some((c) => c.id === selected)) set({ selectedConversationId: visible[0]?.id ?? null });
      },

      async loadMoreConversations() {
        const { nextCursor, loadingMore, listStatus } = get();
        if (!nextCursor || loadingMore || listStatus !== 'ready') return;
        const mine = generation;
        set({ loadingMore: true });
        const result = await fetchPage(nextCursor, PAGE_SIZE);
        if (mine !== generation) return;
        set({ loadingMore: false });
        // A refresh may have replaced the list meanwhile; this page no longer fits onto it.
        if (get().nextCursor !== nextCursor) return;
        if (!result.ok) {
          get().showNotice(t('list.loadMoreFailed', { reason: describeError(result.error) }));
          return;
        }
        // O(page), not O(list): at 100k rows a page arrives every few screens of scrolling.
        set((state) => ({
          conversations: appendUnique(state.conversations, result.value.items),
          rowTriage: withEntries(state.rowTriage, result.value.triage),
          nextCursor: result.value.nextCursor,
        }));
      },

      refreshConversations() {
        if (get().listStatus === 'idle' || get().listStatus === 'loading') return get().loadConversations();
        return refresh();
      },

      selectConversation(id) {
        set({ selectedConversationId: id });
      },

      moveSelection(delta) {
        const state = get();
        const items = visibleConversations(state);
        if (items.length === 0) return;
        const index = items.findIndex((c) => c.id === state.selectedConversationId);
        const nextIndex = index < 0 ? 0 : Math.min(items.length - 1, Math.max(0, index + delta));
        const nextId = items[nextIndex]?.id ?? null;
        // While reading, j/k walk the conversations themselves (as in every reading-pane client); otherwise they only move the cursor.
        if (state.opened && nextId !== null && nextId !== state.selectedConversationId) void state.openConversation(nextId);
        else set({ selectedConversationId: nextId });
        if (nextIndex >= items.length - 5) {
          if (state.searchQuery.trim() !== '') void state.loadMoreSearch();
          else void state.loadMoreConversations();
        }
      },

      openSelected() {
        const id = get().selectedConversationId;
        if (id !== null) void get().openConversation(id);
      },
    };
  };
}
