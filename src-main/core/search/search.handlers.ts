/** search.query: see search.service.ts. */
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import './index-step.ts';
import { InvalidSearchCursorError, searchConversations } from './search.service.ts';

export type SearchHandlers = Pick<Handlers, 'search.query' | 'search.counts'>;

/** A smart folder's count stops here: past it the sidebar says "99+", and counting costs one page per folder. */
export const SMART_COUNT_CAP = 99;

/** Searches slower than this are logged with their time (after Signal's slow-query log). */
const SLOW_MS = 100;

/** `freshTriage`: folds changed triage state first, so status: and assignee: see the last click. */
export function createSearchHandlers(deps: { db: Database; log: Logger; freshTriage?: () => void }): SearchHandlers {
  return {
    'search.query': (params) => {
      const started = performance.now();
      try {
        deps.freshTriage?.();
        return searchConversations(deps.db, params);
      } catch (err) {
        if (err instanceof InvalidSearchCursorError) throw new DeskFailure('bad-request', sentence('searchPositionStale'));
        throw err;
      } finally {
        const ms = performance.now() - started;
        if (ms > SLOW_MS) deps.log.warn('slow search', { ms: Math.round(ms), length: params.query.length });
      }
    },

    'search.counts': ({ queries, accountId }) => {
      deps.freshTriage?.();
      return queries.map((query) => {
        // One page past the cap: a search lists a conversation once per page, so its ids are the count.
        const page = searchConversations(deps.db, { query, accountId, cursor: null, limit: SMART_COUNT_CAP + 1 });
        const ids = new Set(page.items.map((hit) => hit.conversation.id));
        return { query, count: Math.min(ids.size, SMART_COUNT_CAP), more: ids.size > SMART_COUNT_CAP || page.nextCursor !== null };
      });
    },
  };
}
