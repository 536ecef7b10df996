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
 * - Copies in Sent and Drafts never move with their conversation (STAYS).
 * - A move answers where each message came from, so it can be undone.
 * - Demo accounts have no server: their changes are final at once.
 */
import type { Database } from 'better-sqlite3';
import type { MoveTarget } from '../../../src-preload/api.ts';
import { getFolder, getFolderByPath, getFolderByRole, upsertFolder } from '../db/folders.repo.ts';
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

/** Where a moved message came from: moving it back there undoes the move. */
export interface MoveBack {
  id: number;
  folderId: number;
}

export interface MoveResult extends ActionResult {
  /** One entry per message moved (not per one deleted for good). */
  undo: MoveBack[];
}

/**
 * The team's replies in Sent, and drafts, stay where they are when their
 * conversation is archived, junked or deleted: Sent is the mailbox's record
 * of what the team said (other mail clients on it read it there), and
 * mail of our own must never teach the provider's spam filter.
 */
const STAYS = ['sent', 'drafts'] as const;

export function moveMessages(db: Database, ids: readonly number[], to: MoveTarget, now: number): MoveResult {
  return db.transaction(() => {
    const result: MoveResult = { changed: [], queuedFor: [], undo: [] };
    const queuedFor = new Set<number>();
    // Bulk moves pass thousands of messages of a few accounts: one folder lookup per account.
    const targets = new Map<number, number>();
    for (const o of messageOwners(db, ids)) {
      const folderId = targets.get(o.accountId) ?? targetFolderId(db, o.accountId, to);
      targets.set(o.accountId, folderId);
      const purge = to === 'trash' && onlyInFolder(db, o.id, folderId);
      let opId: number | null;
      if (purge) {
        opId = enqueueExpunge(db, o.accountId, o.id, now);
      } else {
        const queued = enqueueMove(db, o.accountId, o.id, folderId, now, STAYS);
        opId = queued?.opId ?? null;
        const from = queued?.fromFolderIds[0];
        if (from !== undefined) result.undo.push({ id: o.id, folderId: from });
      }
      if (opId === null) continue;
      result.changed.push(o.id);
      if (o.kind === 'imap') queuedFor.add(o.accountId);
      else applyLocally(db, opId);
    }
    result.queuedFor = [...queuedFor];
    return result;
  })();
}

/**
 * Puts moved messages back in the folders they came from (`moveMessages`'
 * `undo`). A folder of another account than the message's, or one gone
 * since, is skipped: the entries come from the renderer.
 */
export function moveMessagesBack(db: Database, moves: readonly MoveBack[], now: number): ActionResult {
  return db.transaction(() => {
    const changed: number[] = [];
    const queuedFor = new Set<number>();
    const owners = new Map(messageOwners(db, moves.map((m) => m.id)).map((o) => [o.id, o]));
    for (const move of moves) {
      const owner = owners.get(move.id);
      const folder = getFolder(db, move.folderId);
      if (!owner || !folder || folder.accountId !== owner.accountId) continue;
      const queued = enqueueMove(db, owner.accountId, owner.id, folder.id, now, STAYS);
      if (!queued) continue;
      changed.push(owner.id);
      if (owner.kind === 'imap') queuedFor.add(owner.accountId);
      else applyLocally(db, queued.opId);
    }
    return { changed, queuedFor: [...queuedFor] };
  })();
}
