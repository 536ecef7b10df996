/**
 * The start and the end of a pass over every folder of an account.
 *
 * Start: the folder list with STATUS is mirrored into the cache; folders whose
 * STATUS shows nothing new since their last complete pass are left out (a
 * no-change resync selects nothing); the number of messages to fetch is
 * estimated for the progress bar; and the messages that live in no folder
 * right now are noted.
 *
 * End (only when every folder's pass completed): of those noted messages, the
 * ones still in no folder are deleted. A message that lost its last location
 * during this pass survives until the next one, which will have looked at
 * every folder after the loss: a move made elsewhere never deletes the row.
 */
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import { countStoredInFolder } from '../db/folders.repo.ts';
import { deleteStillUnlocated, listUnlocated } from '../db/messages.repo.ts';
import type { SyncTarget } from './folder-list.ts';
import { listServerFolders, reconcileFolders, unchangedSinceLastPass } from './folder-list.ts';

export interface FullPassPlan {
  todo: SyncTarget[];
  /** Messages on the server not yet stored, by the STATUS counts. */
  estimate: number;
  /** Of those, the most in one folder: a folder pass from DEFER_THREADING_AT on is a large one. */
  largest: number;
  foldersChanged: boolean;
  unlocatedBefore: number[];
}

export async function planFullPass(db: Database, accountId: number, client: ImapFlow, skipFolder?: (path: string) => boolean): Promise<FullPassPlan> {
  const unlocatedBefore = listUnlocated(db, accountId);
  const { targets, changed } = reconcileFolders(db, accountId, await listServerFolders(client, skipFolder));
  const stored = (t: SyncTarget): number => (t.folder.uidvalidity === null ? 0 : countStoredInFolder(db, t.folder.id, t.folder.uidvalidity));
  const todo = targets.filter((t) => !unchangedSinceLastPass(t.folder, t.status, () => stored(t)));
  const missing = todo.map((t) => {
    const known = t.status?.uidValidity === t.folder.uidvalidity ? stored(t) : 0;
    return Math.max(0, (t.status?.messages ?? 0) - known);
  });
  const estimate = missing.reduce((sum, n) => sum + n, 0);
  return { todo, estimate, largest: Math.max(0, ...missing), foldersChanged: changed, unlocatedBefore };
}

/** After a complete pass: deletes what stayed in no folder through all of it; returns their ids. */
export function finishFullPass(db: Database, plan: FullPassPlan): number[] {
  return deleteStillUnlocated(db, plan.unlocatedBefore);
}
