/**
 * "My drafts": replies and new mail this desktop has started and not sent
 * (`drafts.summaries`), and which conversations have one, for the list's
 * "Draft" mark. Drafts are this desktop's own, never team state.
 *
 * Invariant: mirrors core, re-read after `changed` 'drafts' events (a save, a
 * discard, a send, a draft given back) and 'conversations' events (a merge
 * or split moves drafts with their mail), never patched by guesswork.
 */
import type { DeskApi, DeskError, DraftSummary } from '../../src-preload/api.ts';
import { t } from '../i18n/i18n.ts';
import { coalesce } from './coalesce.ts';
import { describeError } from './describe-error.ts';
import type { DeskSlice } from './slice.ts';

export interface DraftsSlice {
  draftSummaries: DraftSummary[];
  /** Conversations with an unsent draft of this desktop's. */
  draftConversations: ReadonlySet<number>;
  draftsError: DeskError | null;
  draftsOpen: boolean;
  refreshDrafts(): Promise<void>;
  setDraftsOpen(open: boolean): void;
  /** Opens the draft where it is written: beside its conversation, or in the dock for new mail. */
  openDraftSummary(summary: DraftSummary): Promise<void>;
  discardDraftSummary(id: number): Promise<void>;
}

export function createDraftsSlice(api: DeskApi): DeskSlice<DraftsSlice> {
  return (set, get) => {
    const refreshOnce = async (): Promise<void> => {
      const result = await api.call('drafts.summaries', {});
      if (!result.ok) {
        set({ draftsError: result.error });
        return;
      }
      const conversations = new Set(result.value.flatMap((d) => (d.conversationId === null ? [] : [d.conversationId])));
      const before = get().draftConversations;
      // Re-read on every conversations change during a sync: keep the set (and the list's render) when nothing moved.
      const same = before.size === conversations.size && [...conversations].every((id) => before.has(id));
      set({ draftSummaries: result.value, draftConversations: same ? before : conversations, draftsError: null });
    };

    return {
      draftSummaries: [],
      draftConversations: new Set<number>(),
      draftsError: null,
      draftsOpen: false,

      refreshDrafts: coalesce(refreshOnce),

      setDraftsOpen(open) {
        set({ draftsOpen: open });
        if (open) void get().refreshDrafts();
      },

      async openDraftSummary(summary) {
        const result = await api.call('drafts.get', { id: summary.id });
        if (!result.ok) {
          get().showNotice(describeError(result.error));
          void get().refreshDrafts();
          return;
        }
        const draft = result.value;
        set({ draftsOpen: false });
        if (draft.conversationId !== null && get().opened?.id !== draft.conversationId) await get().openConversation(draft.conversationId);
        get().resumeDraft(draft, true);
      },

      async discardDraftSummary(id) {
        const result = await api.call('drafts.discard', { id });
        void get().refreshDrafts();
        if (!result.ok) {
          get().showNotice(describeError(result.error));
          return;
        }
        if (get().composer?.draft.id === id) set({ composer: null });
        get().showNotice(t('drafts.discarded'));
      },
    };
  };
}
