/**
 * What the agent does to messages — read/unread, archive, junk, trash — made
 * at once in the cache (optimistic) and queued for the server in the same
 * transaction (db/writeback.repo.ts), so a change is never shown without
 * being on its way, and survives being offline and restarts.
 *
 * Rules:
 * - Read/unread sets \Seen on every copy of the message on the server.
 * - A move goes to the account's folder with that role; when the server has
 *   none yet, to a folder of the usual name ("Archive", "Junk", "Trash"),
 *   which the replay creates.
 * - Moving to trash what is already only in the trash deletes it for good.
 * - Demo accounts have no server: their changes are final at once.
 */
import type { Database } from 'better-sqlite3';
import type { MoveTarget } from '../../../src-preload/api.ts';
import { getFolderByPath, getFolderByRole, upsertFolder } from '../db/folders.repo.ts';
import { messageOwners, setSeen } from '../db/messages.repo.ts';
import { applyLocally, enqueueExpunge, enqueueFlags, enqueueMove, serverLocationsOf } from '../db/writeback.repo.ts';
import { defaultPathForRole } from '../sync/folder-roles.ts';

export interface ActionResult {
  /** Messages whose listing changed. */
  changed: number[];
  /** Accounts with new ops in their write-back queue. */
  queuedFor: number[];
}

export function markRead(db: Database, ids: readonly number[], read: boolean, now: number): ActionResult {
  return db.transaction(() => {
    const owners = messageOwners(db, ids);
    const changed = owners.map((o) => o.id);
    setSeen(db, changed, read);
    const queuedFor = new Set<number>();
    for (const o of owners) {
      if (o.kind !== 'imap') continue;
      enqueueFlags(db, o.accountId, o.id, read ? { add: ['\\Seen'], remove: [] } : { add: [], remove: ['\\Seen'] }, now);
      queuedFor.add(o.accountId);
    }
    return { changed, queuedFor: [...queuedFor] };
  })();
}

function targetFolderId(db: Database, accountId: number, to: MoveTarget): number {
  const byRole = getFolderByRole(db, accountId, to);
  if (byRole) return byRole.id;
  const path = defaultPathForRole[to];
  return (getFolderByPath(db, accountId, path) ?? upsertFolder(db, accountId, path, to)).id;
}

function onlyInFolder(db: Database, messageId: number, folderId: number): boolean {
  const locations = serverLocationsOf(db, messageId).filter((l) => l.hiddenByOp === null);
  return locations.length > 0 && locations.every((l) => l.folderId === folderId);
}

export function moveMessages(db: Database, ids: readonly number[], to: MoveTarget, now: number): ActionResult {
  return db.transaction(() => {
    const changed: number[] = [];
    const queuedFor = new Set<number>();
    for (const o of messageOwners(db, ids)) {
      const folderId = targetFolderId(db, o.accountId, to);
      const purge = to === 'trash' && onlyInFolder(db, o.id, folderId);
      const opId = purge ? enqueueExpunge(db, o.accountId, o.id, now) : enqueueMove(db, o.accountId, o.id, folderId, now);
      if (opId === null) continue;
      changed.push(o.id);
      if (o.kind === 'imap') queuedFor.add(o.accountId);
      else applyLocally(db, opId);
    }
    return { changed, queuedFor: [...queuedFor] };
  })();
}
