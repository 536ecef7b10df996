/**
 * The "To send" drawer (`outbox.list`) and the undo toast that follows a send.
 *
 * Invariant: the drawer mirrors core's outbox: it is re-read after every
 * `changed` 'outbox' event and whenever the link reopens, never patched by
 * guesswork; cancelling an item gives its draft back to the composer, so an
 * undone mail is never lost.
 */
import type { DeskApi, DeskError, DeskEvent, Draft, OutboxItem, Result } from '../../src-preload/api.ts';
import type { ConnectionMonitor } from '../api/connection-status.ts';
import { t } from '../i18n/i18n.ts';
import { coalesce } from './coalesce.ts';
import { describeError } from './describe-error.ts';
import type { DeskStore } from './desk-store.ts';
import type { DeskSlice } from './slice.ts';

export interface OutboxSlice {
  outboxItems: OutboxItem[];
  outboxLoaded: boolean;
  outboxError: DeskError | null;
  outboxOpen: boolean;
  /** The mail just queued, while its undo window runs (the toast). */
  undoItem: OutboxItem | null;
  /** Bumped on `changed` 'outbox' events so the audit view can re-read. */
  outboxVersion: number;
  refreshOutbox(): Promise<void>;
  setOutboxOpen(open: boolean): void;
  showUndo(item: OutboxItem): void;
  dismissUndo(): void;
  /** Takes the item out of the outbox; `edit` opens its draft in the composer. */
  cancelOutboxItem(id: number, edit: boolean): Promise<Result<Draft>>;
}

export function createOutboxSlice(api: DeskApi): DeskSlice<OutboxSlice> {
  return (set, get) => {
    const refreshOnce = async (): Promise<void> => {
      const result = await api.call('outbox.list', {});
      if (!result.ok) {
        set({ outboxError: result.error });
        return;
      }
      set((state) => ({
        outboxItems: result.value,
        outboxLoaded: true,
        outboxError: null,
        // The toast goes once its mail has left the undo window (sent, failed, or cancelled elsewhere).
        undoItem: state.undoItem && result.value.some((i) => i.id === state.undoItem?.id && (i.state === 'undo-window' || i.state === 'scheduled')) ? state.undoItem : null,
      }));
    };

    return {
      outboxItems: [],
      outboxLoaded: false,
      outboxError: null,
      outboxOpen: false,
      undoItem: null,
      outboxVersion: 0,

      refreshOutbox: coalesce(refreshOnce),

      setOutboxOpen(open) {
        set({ outboxOpen: open });
        if (open) void get().refreshOutbox();
      },

      showUndo(item) {
        set({ undoItem: item });
      },

      dismissUndo() {
        set({ undoItem: null });
      },

      async cancelOutboxItem(id, edit) {
        const result = await api.call('outbox.cancel', { id });
        set((state) => ({ undoItem: state.undoItem?.id === id ? null : state.undoItem }));
        void get().refreshOutbox();
        if (!result.ok) {
          get().showNotice(t('outbox.cancelFailed', { reason: describeError(result.error) }));
          return result;
        }
        const draft = result.value;
        if (edit) {
          // The composer shows a reply beside its conversation: open that first.
          if (draft.conversationId !== null && get().opened?.id !== draft.conversationId) await get().openConversation(draft.conversationId);
          get().resumeDraft(draft, true);
          set({ outboxOpen: false });
        } else {
          get().showNotice(t('outbox.cancelledKept'));
        }
        return result;
      },
    };
  };
}

/**
 * Keeps replying in step with core: 'outbox' changes re-read the drawer
 * (and tell the audit view), 'templates' changes tell the template lists,
 * 'drafts' and 'conversations' changes re-read "My drafts" (a merge moves
 * drafts with their mail), and a reopened link re-reads both, since events
 * may have been missed while it was down.
 */
export function bindComposeEvents(api: DeskApi, monitor: ConnectionMonitor, store: DeskStore): () => void {
  const refreshBoth = (): void => {
    void store.getState().refreshOutbox();
    void store.getState().refreshDrafts();
  };
  const unsubscribeMonitor = monitor.subscribe((status) => {
    if (status.state === 'open') refreshBoth();
  });
  if (monitor.current().state === 'open') refreshBoth();
  const unsubscribeEvents = api.onEvent((event: DeskEvent) => {
    if (event.type !== 'changed') return;
    if (event.table === 'templates') store.setState((state) => ({ templatesVersion: state.templatesVersion + 1 }));
    if (event.table === 'drafts' || event.table === 'conversations') void store.getState().refreshDrafts();
    if (event.table !== 'outbox') return;
    store.setState((state) => ({ outboxVersion: state.outboxVersion + 1 }));
    void store.getState().refreshOutbox();
  });
  return () => {
    unsubscribeMonitor();
    unsubscribeEvents();
  };
}
