/**
 * As-you-type search (`search.query`): the query, its results and warnings.
 *
 * Invariants: a query runs 120 ms after the last keystroke; only the answer
 * to the newest query may write (`generation`), so a slow answer to "inv"
 * never replaces the results for "invoice"; clearing the query drops any
 * answer still in flight.
 */
import type { DeskApi, DeskError, SearchHit, Sentence } from '../../src-preload/api.ts';
import { t } from '../i18n/i18n.ts';
import { describeError } from './describe-error.ts';
import { coalesce } from './coalesce.ts';
import type { DeskSlice } from './slice.ts';
import { visibleConversations } from './visible-list.ts';

export const SEARCH_DEBOUNCE_MS = 120;
const SEARCH_PAGE = 50;

export type SearchStatus = 'idle' | 'searching' | 'ready' | 'error';

export interface SearchSlice {
  searchQuery: string;
  searchHits: SearchHit[];
  searchCursor: string | null;
  searchStatus: SearchStatus;
  searchError: DeskError | null;
  /** What the query asked for that core did not understand, as core said it (said on render, in the agent's language). */
  searchWarnings: Sentence[];
  searchLoadingMore: boolean;
  setSearchQuery(query: string): void;
  clearSearch(): void;
  loadMoreSearch(): Promise<void>;
  /** Runs the current query again (after a change event), keeping what is shown until it answers. */
  refreshSearch(): Promise<void>;
}

function uniqueHits(hits: SearchHit[]): SearchHit[] {
  const seen = new Set<number>();
  return hits.filter((h) => (seen.has(h.conversation.id) ? false : (seen.add(h.conversation.id), true)));
}

export function createSearchSlice(api: DeskApi): DeskSlice<SearchSlice> {
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  return (set, get) => {
    async function run(query: string, quiet: boolean): Promise<void> {
      const mine = ++generation;
      if (!quiet) set({ searchStatus: 'searching' });
      const result = await api.call('search.query', { query, accountId: get().scopeAccountId, cursor: null, limit: SEARCH_PAGE });
      if (mine !== generation) return;
      if (!result.ok) {
        set({ searchStatus: 'error', searchError: result.error, ...(quiet ? {} : { searchHits: [], searchCursor: null, searchWarnings: [] }) });
        return;
      }
      set({
        searchHits: uniqueHits(result.value.items),
        searchCursor: result.value.nextCursor,
        searchWarnings: result.value.warnings,
        searchStatus: 'ready',
        searchError: null,
        searchLoadingMore: false,
      });
      const visible = visibleConversations(get());
      const selected = get().selectedConversationId;
      if (!visible.some((c) => c.id === selected)) set({ selectedConversationId: visible[0]?.id ?? null });
    }

    const refresh = coalesce(async () => {
      const query = get().searchQuery.trim();
      if (query === '' || timer) return; // A keystroke is about to run a fresh query anyway.
      await run(query, true);
    });

    return {
      searchQuery: '',
      searchHits: [],
      searchCursor: null,
      searchStatus: 'idle',
      searchError: null,
      searchWarnings: [],
      searchLoadingMore: false,

      setSearchQuery(query) {
        set({ searchQuery: query });
        if (timer) clearTimeout(timer);
        timer = null;
        if (query.trim() === '') {
          get().clearSearch();
          return;
        }
        set({ searchStatus: 'searching' });
        timer = setTimeout(() => {
          timer = null;
          void run(query.trim(), false);
        }, SEARCH_DEBOUNCE_MS);
      },

      clearSearch() {
        if (timer) clearTimeout(timer);
        timer = null;
        generation += 1;
        set({ searchQuery: '', searchHits: [], searchCursor: null, searchStatus: 'idle', searchError: null, searchWarnings: [], searchLoadingMore: false });
        const state = get();
        const backTo = state.opened?.id ?? state.selectedConversationId;
        if (!state.conversations.some((c) => c.id === backTo)) set({ selectedConversationId: state.conversations[0]?.id ?? null });
        else set({ selectedConversationId: backTo });
      },

      async loadMoreSearch() {
        const { searchCursor, searchLoadingMore, searchStatus, searchQuery } = get();
        if (!searchCursor || searchLoadingMore || searchStatus !== 'ready') return;
        const mine = generation;
        set({ searchLoadingMore: true });
        const result = await api.call('search.query', { query: searchQuery.trim(), accountId: get().scopeAccountId, cursor: searchCursor, limit: SEARCH_PAGE });
        if (mine !== generation) return;
        set({ searchLoadingMore: false });
        if (get().searchCursor !== searchCursor) return;
        if (!result.ok) {
          get().showNotice(t('search.loadMoreFailed', { reason: describeError(result.error) }));
          return;
        }
        set((state) => ({ searchHits: uniqueHits([...state.searchHits, ...result.value.items]), searchCursor: result.value.nextCursor }));
      },

      refreshSearch: refresh,
    };
  };
}
