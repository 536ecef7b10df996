/**
 * The message list (keyset pages from `messages.list`), the keyboard
 * selection in it, and the message open in the reading pane.
 *
 * Invariants: the list only ever holds what one query returned, in core's
 * order (newest first) and without duplicates; an answer that arrives after
 * the scope changed is dropped (`generation`); refreshes triggered by bursts
 * of change events run one at a time and coalesce.
 */
import type { DeskApi, DeskError, MessageDetail, MessageListParams, MessageSummary, Page, Result } from '../../src-preload/api.ts';
import { t } from '../i18n/i18n.ts';
import { describeError } from './describe-error.ts';
import type { DeskSlice } from './slice.ts';

export const PAGE_SIZE = 100;
const MAX_LIMIT = 500;

export type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface OpenedMessage {
  id: number;
  status: 'loading' | 'ready' | 'error';
  detail: MessageDetail | null;
  error: DeskError | null;
}

export interface MessagesSlice {
  messages: MessageSummary[];
  nextCursor: string | null;
  listStatus: ListStatus;
  listError: DeskError | null;
  loadingMore: boolean;
  selectedMessageId: number | null;
  opened: OpenedMessage | null;
  /** First page for the current scope; forgets what was loaded before. */
  loadMessages(): Promise<void>;
  loadMoreMessages(): Promise<void>;
  /** Re-reads what is loaded (after a change event), keeping selection and scroll. */
  refreshMessages(): Promise<void>;
  selectMessage(id: number | null): void;
  moveSelection(delta: number): void;
  openMessage(id: number): Promise<void>;
  openSelected(): void;
  closeMessage(): void;
  retryOpenedMessage(): Promise<void>;
  setRead(ids: number[], read: boolean): Promise<void>;
  toggleReadSelected(): void;
}

function uniqueById(items: MessageSummary[]): MessageSummary[] {
  const seen = new Set<number>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

export function createMessagesSlice(api: DeskApi): DeskSlice<MessagesSlice> {
  let generation = 0;
  let refreshRunning: Promise<void> | null = null;
  let refreshAgain = false;

  return (set, get) => {
    function listParams(cursor: string | null, limit: number): MessageListParams {
      return { accountId: get().scopeAccountId, folder: 'inbox', cursor, limit };
    }

    async function refreshOnce(): Promise<void> {
      const mine = generation;
      const state = get();
      const want = Math.max(PAGE_SIZE, state.messages.length);
      const collected: MessageSummary[] = [];
      let cursor: string | null = null;
      do {
        const result: Result<Page<MessageSummary>> = await api.call('messages.list', listParams(cursor, Math.min(MAX_LIMIT, want - collected.length)));
        if (mine !== generation) return;
        if (!result.ok) {
          // Keep showing what we have; a failed background refresh is not worth a blank list.
          if (get().listStatus !== 'ready') set({ listStatus: 'error', listError: result.error });
          return;
        }
        collected.push(...result.value.items);
        cursor = result.value.nextCursor;
      } while (cursor !== null && collected.length < want);

      const items = uniqueById(collected);
      const before = get();
      let selected = before.selectedMessageId;
      if (selected !== null && !items.some((m) => m.id === selected)) {
        // The selected row went away: stay at the same place in the list.
        const oldIndex = before.messages.findIndex((m) => m.id === selected);
        selected = items[Math.min(Math.max(oldIndex, 0), items.length - 1)]?.id ?? null;
      }
      set({ messages: items, nextCursor: cursor, listStatus: 'ready', listError: null, selectedMessageId: selected });
    }

    async function refreshLoop(): Promise<void> {
      do {
        refreshAgain = false;
        await refreshOnce();
      } while (refreshAgain);
    }

    return {
      messages: [],
      nextCursor: null,
      listStatus: 'idle',
      listError: null,
      loadingMore: false,
      selectedMessageId: null,
      opened: null,

      async loadMessages() {
        const mine = ++generation;
        set({ listStatus: 'loading', listError: null, loadingMore: false });
        const result = await api.call('messages.list', listParams(null, PAGE_SIZE));
        if (mine !== generation) return;
        if (!result.ok) {
          set({ listStatus: 'error', listError: result.error, messages: [], nextCursor: null });
          return;
        }
        const items = uniqueById(result.value.items);
        const selected = get().selectedMessageId;
        set({
          messages: items,
          nextCursor: result.value.nextCursor,
          listStatus: 'ready',
          selectedMessageId: items.some((m) => m.id === selected) ? selected : (items[0]?.id ?? null),
        });
      },

      async loadMoreMessages() {
        const { nextCursor, loadingMore, listStatus } = get();
        if (!nextCursor || loadingMore || listStatus !== 'ready') return;
        const mine = generation;
        set({ loadingMore: true });
        const result = await api.call('messages.list', listParams(nextCursor, PAGE_SIZE));
        if (mine !== generation) return;
        set({ loadingMore: false });
        // A refresh may have replaced the list meanwhile; this page no longer fits onto it.
        if (get().nextCursor !== nextCursor) return;
        if (!result.ok) {
          get().showNotice(t('list.loadMoreFailed', { reason: describeError(result.error) }));
          return;
        }
        set((state) => ({
          messages: uniqueById([...state.messages, ...result.value.items]),
          nextCursor: result.value.nextCursor,
        }));
      },

      refreshMessages() {
        if (get().listStatus === 'idle' || get().listStatus === 'loading') return get().loadMessages();
        if (refreshRunning) {
          refreshAgain = true;
          return refreshRunning;
        }
        refreshRunning = refreshLoop().finally(() => {
          refreshRunning = null;
        });
        return refreshRunning;
      },

      selectMessage(id) {
        set({ selectedMessageId: id });
      },

      moveSelection(delta) {
        const { messages, selectedMessageId, nextCursor } = get();
        if (messages.length === 0) return;
        const index = messages.findIndex((m) => m.id === selectedMessageId);
        const nextIndex = index < 0 ? 0 : Math.min(messages.length - 1, Math.max(0, index + delta));
        const nextId = messages[nextIndex]?.id ?? null;
        // While reading, j/k walk the mail itself (as in every reading-pane client); otherwise they only move the cursor.
        if (get().opened && nextId !== null && nextId !== selectedMessageId) void get().openMessage(nextId);
        else set({ selectedMessageId: nextId });
        if (nextCursor && nextIndex >= messages.length - 5) void get().loadMoreMessages();
      },

      async openMessage(id) {
        set({ selectedMessageId: id, opened: { id, status: 'loading', detail: null, error: null } });
        const summary = get().messages.find((m) => m.id === id);
        if (summary?.unread) void get().setRead([id], true);
        const result = await api.call('messages.get', { id });
        if (get().opened?.id !== id) return;
        set({
          opened: result.ok
            ? { id, status: 'ready', detail: result.value, error: null }
            : { id, status: 'error', detail: null, error: result.error },
        });
      },

      openSelected() {
        const id = get().selectedMessageId;
        if (id !== null) void get().openMessage(id);
      },

      closeMessage() {
        set({ opened: null });
      },

      async retryOpenedMessage() {
        const opened = get().opened;
        if (opened && opened.status === 'error') await get().openMessage(opened.id);
      },

      async setRead(ids, read) {
        const wanted = new Set(ids);
        const previous = new Map(get().messages.filter((m) => wanted.has(m.id)).map((m) => [m.id, m.unread]));
        // Optimistic: triage must feel instant; core confirms with a change event.
        set((state) => ({ messages: state.messages.map((m) => (wanted.has(m.id) ? { ...m, unread: !read } : m)) }));
        const result = await api.call('messages.setRead', { ids, read });
        if (result.ok) return;
        set((state) => ({
          messages: state.messages.map((m) => (previous.has(m.id) ? { ...m, unread: previous.get(m.id) ?? m.unread } : m)),
        }));
        get().showNotice(t(read ? 'message.markReadFailed' : 'message.markUnreadFailed', { reason: describeError(result.error) }));
      },

      toggleReadSelected() {
        const { messages, selectedMessageId } = get();
        const message = messages.find((m) => m.id === selectedMessageId);
        if (message) void get().setRead([message.id], message.unread);
      },
    };
  };
}
