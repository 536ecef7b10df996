/** folders.list: every synced folder of an account (or of all accounts) with its counts, for the sidebar. */
import type { Database } from 'better-sqlite3';
import { listFolderSummaries } from '../db/folders.repo.ts';
import type { Handlers } from '../rpc/router.ts';

export type FolderHandlers = Pick<Handlers, 'folders.list'>;

export function createFolderHandlers(deps: { db: Database }): FolderHandlers {
  return {
    'folders.list': ({ accountId }) => listFolderSummaries(deps.db, accountId),
  };
}
