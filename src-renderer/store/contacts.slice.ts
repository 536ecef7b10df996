/**
 * The contact card beside the open conversation and what agents do to it:
 * tags, block, remote images, merge/unmerge, and the CSV attribute import.
 *
 * Invariant: the card shown is always the open conversation's contact. A
 * command's answer is applied at once when it is that card, and the
 * conversation is re-read afterwards, because a merge or unmerge can change
 * which contact the conversation belongs to.
 */
import type { ContactCard, CsvImportResult, DeskApi, Result } from '../../src-preload/api.ts';
import type { DeskSlice } from './slice.ts';

/** Someone to merge with, found through search (one entry per contact). */
export interface ContactCandidate {
  contactId: number;
  name: string;
  address: string;
}

const PANEL_KEY = 'switchboard.contactPanel';

function initialPanelOpen(): boolean {
  try {
    return window.localStorage.getItem(PANEL_KEY) !== 'closed';
  } catch {
    return true;
  }
}

export interface ContactsSlice {
  /** Beside the conversation (wide windows): the agent's lasting choice. */
  contactPanelOpen: boolean;
  setContactPanelOpen(open: boolean): void;
  /**
   * Over the conversation (narrow windows): the conversation it was opened
   * for. Not remembered: it would cover every conversation opened after.
   */
  contactPeekFor: number | null;
  setContactPeekFor(conversationId: number | null): void;
  setContactTags(id: number, tags: string[]): Promise<Result<ContactCard>>;
  setContactBlocked(id: number, blocked: boolean): Promise<Result<ContactCard>>;
  setContactRemoteImages(id: number, allowed: boolean): Promise<Result<ContactCard>>;
  /** Folds `sourceId` into `targetId` (the card on screen). */
  mergeContacts(targetId: number, sourceId: number): Promise<Result<ContactCard>>;
  unmergeAddress(id: number, address: string): Promise<Result<ContactCard>>;
  importContactsCsv(csv: string): Promise<Result<CsvImportResult>>;
  findContacts(text: string, excludeId: number): Promise<Result<ContactCandidate[]>>;
}

/** `from:` with the words quoted, so "Ana Lima" is one term and a stray quote cannot break the query. */
export function fromQuery(text: string): string {
  const clean = text.replace(/["\\]/g, ' ').trim();
  return /\s/.test(clean) ? `from:"${clean}"` : `from:${clean}`;
}

export function createContactsSlice(api: DeskApi): DeskSlice<ContactsSlice> {
  return (set, get) => {
    async function applied(call: Promise<Result<ContactCard>>): Promise<Result<ContactCard>> {
      const result = await call;
      if (!result.ok) return result;
      set((state) => {
        const opened = state.opened;
        if (!opened?.detail?.contact || opened.detail.contact.id !== result.value.id) return {};
        return { opened: { ...opened, detail: { ...opened.detail, contact: result.value } } };
      });
      void get().reloadOpenedConversation();
      return result;
    }

    return {
      contactPanelOpen: initialPanelOpen(),
      contactPeekFor: null,
      setContactPeekFor: (conversationId) => set({ contactPeekFor: conversationId }),

      setContactPanelOpen(open) {
        set({ contactPanelOpen: open });
        try {
          window.localStorage.setItem(PANEL_KEY, open ? 'open' : 'closed');
        } catch {
          // Remembering the choice is a nicety; storage may be disabled.
        }
      },

      setContactTags: (id, tags) => applied(api.call('contacts.setTags', { id, tags })),
      setContactBlocked: (id, blocked) => applied(api.call('contacts.setBlocked', { id, blocked })),
      setContactRemoteImages: (id, allowed) => applied(api.call('contacts.setRemoteImages', { id, allowed })),
      mergeContacts: (targetId, sourceId) => applied(api.call('contacts.merge', { targetId, sourceId })),
      unmergeAddress: (id, address) => applied(api.call('contacts.unmerge', { id, address })),

      async importContactsCsv(csv) {
        const result = await api.call('contacts.importCsv', { csv });
        if (result.ok) void get().reloadOpenedConversation();
        return result;
      },

      async findContacts(text, excludeId) {
        const result = await api.call('search.query', { query: fromQuery(text), accountId: null, cursor: null, limit: 50 });
        if (!result.ok) return result;
        const seen = new Set<number>([excludeId]);
        const candidates: ContactCandidate[] = [];
        for (const { conversation } of result.value.items) {
          const id = conversation.contactId;
          if (id === null || seen.has(id)) continue;
          seen.add(id);
          candidates.push({ contactId: id, name: conversation.customer.name, address: conversation.customer.address });
        }
        return { ok: true, value: candidates };
      },
    };
  };
}
