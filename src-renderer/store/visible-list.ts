/**
 * What the middle column shows: search results while a query is typed,
 * otherwise the folder's conversations. Keyboard selection, opening and
 * triage all walk this one list, so j/k behave the same in both.
 */
import type { ConversationSummary } from '../../src-preload/api.ts';
import type { DeskState } from './slice.ts';

export function searchMode(state: DeskState): boolean {
  return state.searchQuery.trim() !== '';
}

/** Not memoised: call it in handlers, and in components only through `useVisibleConversations`. */
export function visibleConversations(state: DeskState): ConversationSummary[] {
  return searchMode(state) ? state.searchHits.map((hit) => hit.conversation) : state.conversations;
}

export function findConversation(state: DeskState, id: number): ConversationSummary | undefined {
  return state.conversations.find((c) => c.id === id) ?? state.searchHits.find((h) => h.conversation.id === id)?.conversation;
}

/** Applies `change` to a conversation wherever the list or the results hold it. */
export function patchConversation(
  state: DeskState,
  id: number,
  change: (c: ConversationSummary) => ConversationSummary,
): Pick<DeskState, 'conversations' | 'searchHits'> {
  return {
    conversations: state.conversations.map((c) => (c.id === id ? change(c) : c)),
    searchHits: state.searchHits.map((h) => (h.conversation.id === id ? { ...h, conversation: change(h.conversation) } : h)),
  };
}
