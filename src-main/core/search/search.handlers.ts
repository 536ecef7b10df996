/** search.query: see search.service.ts. */
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import './index-step.ts';
import { InvalidSearchCursorError, searchConversations } from './search.service.ts';

export type SearchHandlers = Pick<Handlers, 'search.query'>;

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
  };
}
