/**
 * The conversation open in the reading pane and what agents do to it:
 * read/unread, archive/junk (`messages.move`), split and merge.
 *
 * Invariants: only the answer for the conversation still open may write
 * (`opened.id` is checked after every await); reloads after change events
 * keep the pane as it is while they run (no flash of "loading") and
 * coalesce; triage is optimistic and rolled back with a notice on failure.
 */
import type { AttachmentData, ConversationDetail, MessageOriginal, ConversationSummary, DeskApi, DeskError, MoveBack, MoveParams, MoveResult, MoveTarget, Result } from '../../src-preload/api.ts';
import type { NoticeAction } from './app.slice.ts';
import { t } from '../i18n/i18n.ts';
import { describeError } from './describe-error.ts';
import { coalesce } from './coalesce.ts';
import type { DeskSlice } from './slice.ts';
import { findConversation, patchConversation, visibleConversations } from './visible-list.ts';

const MOVED = { inbox: 'triage.movedToInbox', archive: 'triage.archived', junk: 'triage.movedToJunk', trash: 'triage.movedToTrash' } as const;
const MOVED_MANY = { inbox: 'bulk.movedToInbox', archive: 'bulk.archived', junk: 'bulk.movedToJunk', trash: 'bulk.movedToTrash' } as const;

const TICKET = /^#?([A-Za-z0-9]{6})$/;

export interface OpenedConversation {
  id: number;
  status: 'loading' | 'ready' | 'error';
  detail: ConversationDetail | null;
  error: DeskError | null;
}

export interface ReadingSlice {
  opened: OpenedConversation | null;
  /** Bumped to print the open conversation (the reading view opens every message first). */
  printRequest: number;
  printOpenedConversation(): void;
  openConversation(id: number): Promise<void>;
  closeConversation(): void;
  retryOpenedConversation(): Promise<void>;
  /** Quietly re-reads the open conversation (after a change event). */
  reloadOpenedConversation(): Promise<void>;
  /** Marks every message of the conversation read, or its newest message unread. */
  setConversationRead(id: number, read: boolean): Promise<void>;
  toggleReadSelected(): void;
  /** Moves all messages of the conversation (archive, junk...) and walks on to the next one. */
  /**
   * Moves the conversation's mail on the server. To the trash from the
   * Trash folder itself (`forever`) it is deleted for good (core expunges
   * mail that is only in the trash); elsewhere a move to where the list
   * already is does nothing.
   */
  moveConversation(id: number, to: MoveTarget, options?: { forever?: boolean }): Promise<void>;
  /** Moves the checked conversations (or the selected one) in one request; never deletes for good. */
  moveChecked(to: MoveTarget): Promise<void>;
  /** Where the last move's messages came from, while z (or its notice's Undo) can still put them back. */
  moveUndo: MoveBack[] | null;
  /** A move is on its way to core: z waits for its answer and undoes it, rather than an older action. */
  moveInFlight: boolean;
  /** Puts the last move's messages back; once. */
  undoLastMove(): Promise<void>;
  /** Conversations to merge into: by ticket ("#K7F3Q2") or by search words. */
  lookupConversations(text: string, excludeId: number): Promise<Result<ConversationSummary[]>>;
  /** An attachment's bytes, for Open and Save. */
  getAttachment(id: number): Promise<Result<AttachmentData>>;
  /** The message as the mail server holds it ("Show original"). */
  getOriginal(id: number): Promise<Result<MessageOriginal>>;
  splitFromMessage(messageId: number): Promise<Result<{ conversationId: number }>>;
  /** Merges the open conversation into `targetId` and opens the result. */
  mergeOpenedInto(targetId: number): Promise<Result<{ conversationId: number }>>;
}

export function createReadingSlice(api: DeskApi): DeskSlice<ReadingSlice> {
  return (set, get) => {
    /** The conversation's detail: the open one when it is that, else fetched. */
    async function detailOf(id: number): Promise<Result<ConversationDetail>> {
      const opened = get().opened;
      if (opened?.id === id && opened.detail) return { ok: true, value: opened.detail };
      return api.call('conversations.get', { id });
    }

    async function reloadOnce(): Promise<void> {
      const opened = get().opened;
      if (!opened || opened.status === 'loading') return;
      const result = await api.call('conversations.get', { id: opened.id });
      if (get().opened?.id !== opened.id) return;
      if (result.ok) {
        set({ opened: { id: opened.id, status: 'ready', detail: result.value, error: null } });
      } else if (result.error.code === 'not-found') {
        // Merged away or deleted elsewhere: nothing left to show.
        set({ opened: null });
      }
      // Other failures: keep what is on screen; the next event or a reopen tries again.
    }

    function markMessagesRead(detail: ConversationDetail): void {
      const unreadIds = detail.messages.filter((m) => m.unread).map((m) => m.id);
      const summary = findConversation(get(), detail.summary.id);
      if (unreadIds.length === 0 && !summary?.unread) return;
      void get().setConversationRead(detail.summary.id, true);
    }

    /**
     * A move just done: z and the notice's Undo now put it back, and no
     * longer an older triage action (which z would otherwise undo unseen).
     */
    let inFlight: Promise<unknown> | null = null;

    /** Sends a move; from now until its answer, z means this move (`undoLastMove` waits for it). */
    async function sendMove(params: MoveParams): Promise<Result<MoveResult>> {
      const call = api.call('messages.move', params);
      inFlight = call;
      set({ moveInFlight: true, moveUndo: null, lastUndo: null });
      try {
        return await call;
      } finally {
        if (inFlight === call) {
          inFlight = null;
          set({ moveInFlight: false });
        }
      }
    }

    function undoMove(moves: MoveBack[]): NoticeAction | undefined {
      set({ moveUndo: moves.length > 0 ? moves : null, lastUndo: null });
      if (moves.length === 0) return undefined;
      return { label: t('triage.undo'), key: 'z', run: () => void get().undoLastMove() };
    }

    return {
      opened: null,
      printRequest: 0,
      printOpenedConversation() {
        if (get().opened === null) get().showNotice(t('palette.openFirst'));
        else set((s) => ({ printRequest: s.printRequest + 1 }));
      },

      async openConversation(id) {
        set({ selectedConversationId: id, opened: { id, status: 'loading', detail: null, error: null } });
        const result = await api.call('conversations.get', { id });
        if (get().opened?.id !== id) return;
        set({
          opened: result.ok
            ? { id, status: 'ready', detail: result.value, error: null }
            : { id, status: 'error', detail: null, error: result.error },
        });
        if (result.ok) markMessagesRead(result.value);
      },

      closeConversation() {
        set({ opened: null });
      },

      async retryOpenedConversation() {
        const opened = get().opened;
        if (opened && opened.status === 'error') await get().openConversation(opened.id);
      },

      reloadOpenedConversation: coalesce(reloadOnce),

      async setConversationRead(id, read) {
        const detail = await detailOf(id);
        if (!detail.ok) {
          get().showNotice(t(read ? 'message.markReadFailed' : 'message.markUnreadFailed', { reason: describeError(detail.error) }));
          return;
        }
        const messages = detail.value.messages;
        const newest = messages[messages.length - 1];
        const ids = read ? messages.filter((m) => m.unread).map((m) => m.id) : newest ? [newest.id] : [];
        const previous = findConversation(get(), id)?.unread;
        // Optimistic: triage must feel instant; core confirms with a change event.
        set((state) => patchConversation(state, id, (c) => ({ ...c, unread: !read })));
        if (ids.length === 0) return;
        const touched = new Set(ids);
        set((state) => {
          const opened = state.opened;
          if (opened?.id !== id || !opened.detail) return {};
          const detailNow = { ...opened.detail, messages: opened.detail.messages.map((m) => (touched.has(m.id) ? { ...m, unread: !read } : m)) };
          return { opened: { ...opened, detail: detailNow } };
        });
        const result = await api.call('messages.setRead', { ids, read });
        if (result.ok) return;
        if (previous !== undefined) set((state) => patchConversation(state, id, (c) => ({ ...c, unread: previous })));
        get().showNotice(t(read ? 'message.markReadFailed' : 'message.markUnreadFailed', { reason: describeError(result.error) }));
      },

      toggleReadSelected() {
        const state = get();
        const id = state.selectedConversationId;
        if (id === null) return;
        const summary = findConversation(state, id);
        if (summary) void state.setConversationRead(id, summary.unread);
      },

      async moveConversation(id, to, options) {
        const choice = get().folderChoice;
        if (!options?.forever && choice.kind === 'role' && choice.role === to && get().searchQuery.trim() === '') return; // Already there.
        const detail = await detailOf(id);
        if (!detail.ok) {
          get().showNotice(t('triage.moveFailed', { reason: describeError(detail.error) }));
          return;
        }
        const before = get();
        const items = visibleConversations(before);
        const index = items.findIndex((c) => c.id === id);
        const next = items[index + 1] ?? items[index - 1] ?? null;
        const wasOpen = before.opened?.id === id;
        // Optimistic: the conversation leaves this folder at once; a change event brings the truth.
        set((state) => ({
          conversations: state.conversations.filter((c) => c.id !== id),
          searchHits: state.searchHits.filter((h) => h.conversation.id !== id),
          selectedConversationId: state.selectedConversationId === id ? (next?.id ?? null) : state.selectedConversationId,
          opened: wasOpen ? null : state.opened,
        }));
        if (wasOpen && next) void get().openConversation(next.id);
        const result = await sendMove({ ids: detail.value.messages.map((m) => m.id), to });
        if (result.ok) {
          // Deleting for good takes only what is in the Trash; mail of it elsewhere was moved there instead.
          const said = options?.forever ? (result.value.undo.length > 0 ? 'triage.deletedForeverPartly' : 'triage.deletedForever') : MOVED[to];
          get().showNotice(t(said, { ticket: detail.value.summary.ticket }), undoMove(result.value.undo));
          return;
        }
        get().showNotice(t('triage.moveFailed', { reason: describeError(result.error) }));
        void get().refreshConversations();
        if (get().searchQuery.trim() !== '') void get().refreshSearch();
      },

      moveUndo: null,
      moveInFlight: false,

      async undoLastMove() {
        if (inFlight) await inFlight.catch(() => undefined);
        const moves = get().moveUndo;
        if (!moves) return;
        set({ moveUndo: null });
        const back = await api.call('messages.moveBack', { moves });
        get().showNotice(back.ok ? t('triage.movedBack') : t('triage.moveFailed', { reason: describeError(back.error) }));
        void get().refreshConversations();
        if (get().searchQuery.trim() !== '') void get().refreshSearch();
      },

      async moveChecked(to) {
        const before = get();
        const choice = before.folderChoice;
        // Already there: and to the trash from the trash would delete for good, which asks first, one at a time.
        const inFolder = choice.kind === 'role' && before.searchQuery.trim() === '' ? choice.role : null;
        if (inFolder === to) {
          if (to === 'trash') before.showNotice(t('triage.alreadyInTrash'));
          return;
        }
        if (inFolder === 'sent' || inFolder === 'drafts') {
          before.showNotice(t('triage.sentStays'));
          return;
        }
        const ids = before.triageTargets();
        if (ids.length === 0) {
          before.showNotice(t('triage.nothingSelected'));
          return;
        }
        // One conversation: by ticket in the notice, and the next one opens if it was open.
        if (ids.length === 1 && ids[0] !== undefined) return get().moveConversation(ids[0], to);
        const leaving = new Set(ids);
        const items = visibleConversations(before);
        const lastIndex = Math.max(...items.map((c, i) => (leaving.has(c.id) ? i : -1)));
        const next = items.slice(lastIndex + 1).find((c) => !leaving.has(c.id)) ?? items.find((c) => !leaving.has(c.id)) ?? null;
        const keep = (id: number | null): boolean => id !== null && !leaving.has(id);
        // Optimistic, as for one conversation: the rows leave at once; a change event brings the truth.
        set((state) => ({
          conversations: state.conversations.filter((c) => !leaving.has(c.id)),
          searchHits: state.searchHits.filter((h) => !leaving.has(h.conversation.id)),
          checkedIds: new Set(),
          selectionAnchor: null,
          selectedConversationId: keep(state.selectedConversationId) ? state.selectedConversationId : (next?.id ?? null),
          opened: keep(state.opened?.id ?? null) ? state.opened : null,
        }));
        // As for one conversation: the one read leaves, the next one opens.
        const openLeft = before.opened !== null && leaving.has(before.opened.id);
        if (openLeft && next) void get().openConversation(next.id);
        const result = await sendMove({ conversationIds: ids, to });
        if (result.ok) {
          get().showNotice(t(MOVED_MANY[to], { count: ids.length }), undoMove(result.value.undo));
          return;
        }
        get().showNotice(t('triage.moveFailed', { reason: describeError(result.error) }));
        void get().refreshConversations();
        if (get().searchQuery.trim() !== '') void get().refreshSearch();
      },

      async lookupConversations(text, excludeId) {
        const ticket = TICKET.exec(text.trim())?.[1]?.toUpperCase() ?? null;
        const result = await api.call('search.query', { query: text.trim(), accountId: null, cursor: null, limit: 20 });
        const found: ConversationSummary[] = [];
        if (ticket) {
          // A ticket is exact: whatever list already holds it comes first.
          const state = get();
          const known = [...state.conversations, ...state.searchHits.map((h) => h.conversation), ...(state.opened?.detail?.contact?.conversations ?? [])];
          const hit = known.find((c) => c.ticket.toUpperCase() === ticket);
          if (hit) found.push(hit);
        }
        if (!result.ok) return found.length > 0 ? { ok: true, value: found } : result;
        for (const { conversation } of result.value.items) found.push(conversation);
        const seen = new Set<number>([excludeId]);
        return { ok: true, value: found.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true))) };
      },

      getAttachment(id) {
        return api.call('attachments.get', { id });
      },

      getOriginal(id) {
        return api.call('messages.original', { id });
      },

      async splitFromMessage(messageId) {
        const openedId = get().opened?.id;
        const result = await api.call('conversations.split', { messageId });
        if (!result.ok) return result;
        void get().refreshConversations();
        if (get().searchQuery.trim() !== '') void get().refreshSearch();
        if (get().opened?.id === openedId) void get().openConversation(result.value.conversationId);
        return result;
      },

      async mergeOpenedInto(targetId) {
        const opened = get().opened;
        if (!opened) return { ok: false, error: { code: 'not-found', message: 'No conversation is open.' } };
        const result = await api.call('conversations.merge', { targetId, sourceId: opened.id });
        if (!result.ok) return result;
        void get().refreshConversations();
        if (get().searchQuery.trim() !== '') void get().refreshSearch();
        void get().openConversation(result.value.conversationId);
        return result;
      },
    };
  };
}
