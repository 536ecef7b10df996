/**
 * Folders of an account and their sync cursor.
 *
 * Invariant kept with the sync engine: `synced_uid` means "every message of
 * this folder with a UID up to here (under the stored UIDVALIDITY) is stored".
 * It only moves forward inside the transaction that stored those messages, and
 * goes back to 0 only together with a UIDVALIDITY change.
 *
 * Folder counts for the sidebar (`listFolderSummaries`) count visible
 * locations: a message moved away by the agent leaves its folder's count at
 * once, before the server has done the move.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { FolderSummary, MessageFolderRole } from '../../../src-preload/api.ts';

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
  delimiter: string | null;
  specialUse: string | null;
}

/** A folder as the server lists it. */
export interface ListedFolder {
  path: string;
  role: FolderRole;
  delimiter: string | null;
  specialUse: string | null;
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
  delimiter: string | null;
  special_use: string | null;
}

interface SummaryDbRow {
  id: number;
  account_id: number;
  path: string;
  role: FolderRole;
  delimiter: string | null;
  total: number;
  unread: number;
}

interface Statements {
  upsert: Statement<[number, string, FolderRole], FolderDbRow>;
  byId: Statement<[number], FolderDbRow>;
  byRole: Statement<[number, FolderRole], FolderDbRow>;
  byPath: Statement<[number, string], FolderDbRow>;
  list: Statement<[number], FolderDbRow>;
  updateSync: Statement<[number | null, number | null, string | null, number, number]>;
  upsertListed: Statement<[number, string, FolderRole, string | null, string | null], FolderDbRow>;
  remove: Statement<[number]>;
  summariesAccount: Statement<[number], SummaryDbRow>;
  summariesAll: Statement<[], SummaryDbRow>;
  countStored: Statement<[number, number], { n: number }>;
}

const summaryQuery = (where: string): string => `
  SELECT f.id, f.account_id, f.path, f.role, f.delimiter,
    count(DISTINCT l.message_id) AS total,
    count(DISTINCT CASE WHEN m.seen = 0 THEN m.id END) AS unread
  FROM folders f
  LEFT JOIN message_locations l ON l.folder_id = f.id AND l.hidden_by_op IS NULL
  LEFT JOIN messages m ON m.id = l.message_id
  ${where}
  GROUP BY f.id
  ORDER BY f.account_id, CASE f.role WHEN 'inbox' THEN 0 WHEN 'drafts' THEN 1 WHEN 'sent' THEN 2 WHEN 'archive' THEN 3
    WHEN 'junk' THEN 4 WHEN 'trash' THEN 5 ELSE 6 END, f.path`;

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    const columns = 'id, account_id, path, role, uidvalidity, uidnext, highestmodseq, synced_uid, delimiter, special_use';
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
      upsertListed: db.prepare(
        `INSERT INTO folders (account_id, path, role, delimiter, special_use) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, path) DO UPDATE SET role = excluded.role, delimiter = excluded.delimiter, special_use = excluded.special_use
         RETURNING ${columns}`,
      ),
      remove: db.prepare('DELETE FROM folders WHERE id = ?'),
      summariesAccount: db.prepare(summaryQuery('WHERE f.account_id = ?')),
      summariesAll: db.prepare(summaryQuery('')),
      countStored: db.prepare('SELECT count(*) AS n FROM message_locations WHERE folder_id = ? AND uidvalidity = ?'),
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
    delimiter: row.delimiter,
    specialUse: row.special_use,
  };
}

/** The last segment of the path: "Archive/2026" → "2026", "INBOX" → "Inbox". */
export function folderName(path: string, delimiter: string | null): string {
  if (path.toUpperCase() === 'INBOX') return 'Inbox';
  if (!delimiter) return path;
  const parts = path.split(delimiter).filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? path;
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

/** Creates or updates a folder the server listed (role, delimiter, special-use); returns it with its sync state. */
export function upsertListedFolder(db: Database, accountId: number, folder: ListedFolder): FolderRow {
  const row = statements(db).upsertListed.get(accountId, folder.path, folder.role, folder.delimiter, folder.specialUse);
  if (!row) throw new Error(`Could not store folder ${folder.path}`);
  return toFolder(row);
}

/** A folder gone from the server; its locations go with it (cascade). */
export function deleteFolder(db: Database, folderId: number): void {
  statements(db).remove.run(folderId);
}

/** Stored locations of the folder under a UIDVALIDITY (for progress estimates). */
export function countStoredInFolder(db: Database, folderId: number, uidvalidity: number): number {
  return statements(db).countStored.get(folderId, uidvalidity)?.n ?? 0;
}

/** The sidebar's folders with their counts; standard roles first, then custom folders by path. */
export function listFolderSummaries(db: Database, accountId: number | null): FolderSummary[] {
  const rows = accountId === null ? statements(db).summariesAll.all() : statements(db).summariesAccount.all(accountId);
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    path: r.path,
    name: folderName(r.path, r.delimiter),
    role: r.role,
    total: r.total,
    unread: r.unread,
  }));
}
