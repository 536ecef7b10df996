/**
 * Folders of an account and their sync cursor.
 *
 * Invariant kept with the sync engine: `synced_uid` means "every message of
 * this folder with a UID up to here (under the stored UIDVALIDITY) is stored".
 * It only moves forward inside the transaction that stored those messages, and
 * goes back to 0 only together with a UIDVALIDITY change.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { MessageFolderRole } from '../../../src-preload/api.ts';

export type FolderRole = MessageFolderRole;

export interface FolderRow {
  id: number;
  accountId: number;
  path: string;
  role: FolderRole;
  uidvalidity: number | null;
  uidnext: number | null;
  highestmodseq: string | null;
  syncedUid: number;
}

export interface FolderSyncState {
  uidvalidity?: number | null;
  uidnext?: number | null;
  highestmodseq?: string | null;
  syncedUid?: number;
}

interface FolderDbRow {
  id: number;
  account_id: number;
  path: string;
  role: FolderRole;
  uidvalidity: number | null;
  uidnext: number | null;
  highestmodseq: string | null;
  synced_uid: number;
}

interface Statements {
  upsert: Statement<[number, string, FolderRole], FolderDbRow>;
  byId: Statement<[number], FolderDbRow>;
  byRole: Statement<[number, FolderRole], FolderDbRow>;
  byPath: Statement<[number, string], FolderDbRow>;
  list: Statement<[number], FolderDbRow>;
  updateSync: Statement<[number | null, number | null, string | null, number, number]>;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    const columns = 'id, account_id, path, role, uidvalidity, uidnext, highestmodseq, synced_uid';
    s = {
      upsert: db.prepare(
        `INSERT INTO folders (account_id, path, role) VALUES (?, ?, ?)
         ON CONFLICT (account_id, path) DO UPDATE SET role = excluded.role
         RETURNING ${columns}`,
      ),
      byId: db.prepare(`SELECT ${columns} FROM folders WHERE id = ?`),
      byRole: db.prepare(`SELECT ${columns} FROM folders WHERE account_id = ? AND role = ? ORDER BY id LIMIT 1`),
      byPath: db.prepare(`SELECT ${columns} FROM folders WHERE account_id = ? AND path = ?`),
      list: db.prepare(`SELECT ${columns} FROM folders WHERE account_id = ? ORDER BY path`),
      updateSync: db.prepare(
        'UPDATE folders SET uidvalidity = ?, uidnext = ?, highestmodseq = ?, synced_uid = ? WHERE id = ?',
      ),
    };
    cache.set(db, s);
  }
  return s;
}

function toFolder(row: FolderDbRow): FolderRow {
  return {
    id: row.id,
    accountId: row.account_id,
    path: row.path,
    role: row.role,
    uidvalidity: row.uidvalidity,
    uidnext: row.uidnext,
    highestmodseq: row.highestmodseq,
    syncedUid: row.synced_uid,
  };
}

/** Creates the folder, or updates its role; returns it with its sync state. */
export function upsertFolder(db: Database, accountId: number, path: string, role: FolderRole): FolderRow {
  const row = statements(db).upsert.get(accountId, path, role);
  if (!row) throw new Error(`Could not store folder ${path}`);
  return toFolder(row);
}

export function getFolder(db: Database, folderId: number): FolderRow | null {
  const row = statements(db).byId.get(folderId);
  return row ? toFolder(row) : null;
}

export function getFolderByRole(db: Database, accountId: number, role: FolderRole): FolderRow | null {
  const row = statements(db).byRole.get(accountId, role);
  return row ? toFolder(row) : null;
}

export function getFolderByPath(db: Database, accountId: number, path: string): FolderRow | null {
  const row = statements(db).byPath.get(accountId, path);
  return row ? toFolder(row) : null;
}

export function listFolders(db: Database, accountId: number): FolderRow[] {
  return statements(db).list.all(accountId).map(toFolder);
}

/** Updates the given fields of the sync state; the others keep their value. */
export function updateFolderSyncState(db: Database, folderId: number, state: FolderSyncState): FolderRow {
  const current = getFolder(db, folderId);
  if (!current) throw new Error(`No folder ${folderId}`);
  const next = {
    uidvalidity: state.uidvalidity !== undefined ? state.uidvalidity : current.uidvalidity,
    uidnext: state.uidnext !== undefined ? state.uidnext : current.uidnext,
    highestmodseq: state.highestmodseq !== undefined ? state.highestmodseq : current.highestmodseq,
    syncedUid: state.syncedUid !== undefined ? state.syncedUid : current.syncedUid,
  };
  statements(db).updateSync.run(next.uidvalidity, next.uidnext, next.highestmodseq, next.syncedUid, folderId);
  return { ...current, ...next };
}
