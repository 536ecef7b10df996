/**
 * The write-back queue: the agent's changes to server state (flags, moves,
 * deletes), durable in SQLite so they survive being offline and restarts,
 * and what they do to the cache before the server has them.
 *
 * Invariants:
 * - Ops of an account are replayed strictly in `id` order; an op leaves the
 *   queue only in the transaction that records its effect on the cache
 *   (`completeOp`) or undoes its optimistic effect (`dropOp`).
 * - A queued move/delete hides the locations it moves away from
 *   (`hidden_by_op` = op id) instead of deleting them: they are still true on
 *   the server until the op is replayed, so the sync keeps seeing them as
 *   known and never adds them back. Lists ignore hidden locations.
 * - A queued move puts a placeholder location in the target folder
 *   (uidvalidity 0, uid = -op id) so the message is listed there at once; the
 *   replay replaces it with the real location when the server reports the new
 *   UID (UIDPLUS), or removes it and lets the target folder's sync find it.
 *   A later op that moves the message again hides the placeholder, and the
 *   real location inherits that hiding.
 */
import type { Database, Statement } from 'better-sqlite3';

export type WritebackKind = 'flags' | 'move' | 'expunge';

export interface FlagsPayload {
  add: string[];
  remove: string[];
}

export interface MovePayload {
  toFolderId: number;
}

export type WritebackOp =
  | { id: number; accountId: number; kind: 'flags'; messageId: number; payload: FlagsPayload; attempts: number }
  | { id: number; accountId: number; kind: 'move'; messageId: number; payload: MovePayload; attempts: number }
  | { id: number; accountId: number; kind: 'expunge'; messageId: number; payload: Record<string, never>; attempts: number };

/** A location of a message on the server, with its folder's path. */
export interface ServerLocation {
  messageId: number;
  folderId: number;
  path: string;
  uidvalidity: number;
  uid: number;
  flags: string[];
  hiddenByOp: number | null;
}

interface OpDbRow {
  id: number;
  account_id: number;
  kind: WritebackKind;
  message_id: number;
  payload: string;
  attempts: number;
}

interface LocationDbRow {
  message_id: number;
  folder_id: number;
  path: string;
  uidvalidity: number;
  uid: number;
  flags_json: string;
  hidden_by_op: number | null;
}

interface Statements {
  insert: Statement<[number, WritebackKind, number, string, number]>;
  pending: Statement<[number, number], OpDbRow>;
  count: Statement<[number], { n: number }>;
  accounts: Statement<[], { account_id: number }>;
  remove: Statement<[number]>;
  fail: Statement<[string, number]>;
  visible: Statement<[number], { folder_id: number; uidvalidity: number; uid: number; role: string }>;
  hide: Statement<[number, number, number, number, number]>;
  placeholder: Statement<[number, number, number, string]>;
  placeholderOf: Statement<[number], { folder_id: number; hidden_by_op: number | null; message_id: number }>;
  deletePlaceholder: Statement<[number]>;
  insertReal: Statement<[number, number, number, number, string, number | null]>;
  hiddenBy: Statement<[number], LocationDbRow>;
  realOf: Statement<[number], LocationDbRow>;
  unhide: Statement<[number]>;
  deleteHidden: Statement<[number]>;
  deleteLocation: Statement<[number, number, number]>;
  setFlags: Statement<[string, number, number, number]>;
  hasPlaceholders: Statement<[number], { n: number }>;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    const locationColumns = 'l.message_id, l.folder_id, f.path, l.uidvalidity, l.uid, l.flags_json, l.hidden_by_op';
    s = {
      insert: db.prepare('INSERT INTO writeback_ops (account_id, kind, message_id, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
      pending: db.prepare('SELECT id, account_id, kind, message_id, payload, attempts FROM writeback_ops WHERE account_id = ? ORDER BY id LIMIT ?'),
      count: db.prepare('SELECT count(*) AS n FROM writeback_ops WHERE account_id = ?'),
      accounts: db.prepare('SELECT DISTINCT account_id FROM writeback_ops'),
      remove: db.prepare('DELETE FROM writeback_ops WHERE id = ?'),
      fail: db.prepare('UPDATE writeback_ops SET attempts = attempts + 1, last_error = ? WHERE id = ?'),
      visible: db.prepare(
        `SELECT l.folder_id, l.uidvalidity, l.uid, f.role FROM message_locations l JOIN folders f ON f.id = l.folder_id
         WHERE l.message_id = ? AND l.hidden_by_op IS NULL`,
      ),
      hide: db.prepare('UPDATE message_locations SET hidden_by_op = ? WHERE message_id = ? AND folder_id = ? AND uidvalidity = ? AND uid = ?'),
      placeholder: db.prepare(
        `INSERT INTO message_locations (message_id, folder_id, uidvalidity, uid, flags_json) VALUES (?, ?, 0, ?, ?)
         ON CONFLICT (folder_id, uidvalidity, uid) DO NOTHING`,
      ),
      placeholderOf: db.prepare('SELECT folder_id, hidden_by_op, message_id FROM message_locations WHERE uidvalidity = 0 AND uid = -?'),
      deletePlaceholder: db.prepare('DELETE FROM message_locations WHERE uidvalidity = 0 AND uid = -?'),
      insertReal: db.prepare(
        `INSERT INTO message_locations (message_id, folder_id, uidvalidity, uid, flags_json, hidden_by_op) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (folder_id, uidvalidity, uid) DO NOTHING`,
      ),
      hiddenBy: db.prepare(
        `SELECT ${locationColumns} FROM message_locations l JOIN folders f ON f.id = l.folder_id
         WHERE l.hidden_by_op = ? AND l.uid > 0 ORDER BY l.folder_id, l.uid`,
      ),
      realOf: db.prepare(
        `SELECT ${locationColumns} FROM message_locations l JOIN folders f ON f.id = l.folder_id
         WHERE l.message_id = ? AND l.uid > 0 ORDER BY l.folder_id, l.uid`,
      ),
      unhide: db.prepare('UPDATE message_locations SET hidden_by_op = NULL WHERE hidden_by_op = ?'),
      deleteHidden: db.prepare('DELETE FROM message_locations WHERE hidden_by_op = ?'),
      deleteLocation: db.prepare('DELETE FROM message_locations WHERE folder_id = ? AND uidvalidity = ? AND uid = ?'),
      setFlags: db.prepare('UPDATE message_locations SET flags_json = ? WHERE folder_id = ? AND uidvalidity = ? AND uid = ?'),
      hasPlaceholders: db.prepare('SELECT count(*) AS n FROM message_locations WHERE folder_id = ? AND uidvalidity = 0'),
    };
    cache.set(db, s);
  }
  return s;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toOp(r: OpDbRow): WritebackOp | null {
  const p = parseJson(r.payload) as Record<string, unknown> | null;
  const base = { id: r.id, accountId: r.account_id, messageId: r.message_id, attempts: r.attempts };
  if (r.kind === 'flags') return { ...base, kind: 'flags', payload: { add: strings(p?.add), remove: strings(p?.remove) } };
  if (r.kind === 'move' && typeof p?.toFolderId === 'number') return { ...base, kind: 'move', payload: { toFolderId: p.toFolderId } };
  if (r.kind === 'expunge') return { ...base, kind: 'expunge', payload: {} };
  return null;
}

function toLocation(r: LocationDbRow): ServerLocation {
  const flags = strings(parseJson(r.flags_json));
  return { messageId: r.message_id, folderId: r.folder_id, path: r.path, uidvalidity: r.uidvalidity, uid: r.uid, flags, hiddenByOp: r.hidden_by_op };
}

/* ------------------------------------------------------------------ the queue */

export function enqueueFlags(db: Database, accountId: number, messageId: number, payload: FlagsPayload, now: number): number {
  return Number(statements(db).insert.run(accountId, 'flags', messageId, JSON.stringify(payload), now).lastInsertRowid);
}

/** A queued move: its op, and the folders the message was taken out of (where an undo puts it back). */
export interface QueuedMove {
  opId: number;
  fromFolderIds: number[];
}

/**
 * Queues a move of the message's visible locations outside `toFolderId`, hides
 * them and lists the message in the target at once; copies in a folder whose
 * role is in `keepRoles` stay where they are. Null when there is nothing to
 * move (already there, only kept copies, or nowhere).
 */
export function enqueueMove(db: Database, accountId: number, messageId: number, toFolderId: number, now: number, keepRoles: readonly string[] = []): QueuedMove | null {
  const s = statements(db);
  const visible = s.visible.all(messageId);
  const sources = visible.filter((l) => l.folder_id !== toFolderId && !keepRoles.includes(l.role));
  if (sources.length === 0) return null;
  const id = Number(s.insert.run(accountId, 'move', messageId, JSON.stringify({ toFolderId }), now).lastInsertRowid);
  for (const l of sources) s.hide.run(id, messageId, l.folder_id, l.uidvalidity, l.uid);
  if (!visible.some((l) => l.folder_id === toFolderId)) s.placeholder.run(messageId, toFolderId, -id, '[]');
  return { opId: id, fromFolderIds: [...new Set(sources.map((l) => l.folder_id))] };
}

/** Queues a permanent delete of the message's visible locations and hides them; null when there are none. */
export function enqueueExpunge(db: Database, accountId: number, messageId: number, now: number): number | null {
  const s = statements(db);
  const visible = s.visible.all(messageId);
  if (visible.length === 0) return null;
  const id = Number(s.insert.run(accountId, 'expunge', messageId, '{}', now).lastInsertRowid);
  for (const l of visible) s.hide.run(id, messageId, l.folder_id, l.uidvalidity, l.uid);
  return id;
}

/** The oldest pending ops of an account, in replay order. Rows that cannot be read are dropped. */
export function pendingOps(db: Database, accountId: number, limit = 500): WritebackOp[] {
  const out: WritebackOp[] = [];
  for (const r of statements(db).pending.all(accountId, limit)) {
    const op = toOp(r);
    if (op) out.push(op);
    else dropOp(db, r.id);
  }
  return out;
}

export function countPendingOps(db: Database, accountId: number): number {
  return statements(db).count.get(accountId)?.n ?? 0;
}

export function accountsWithPendingOps(db: Database): number[] {
  return statements(db).accounts.all().map((r) => r.account_id);
}

export function recordOpFailure(db: Database, opId: number, error: string): void {
  statements(db).fail.run(error.slice(0, 500), opId);
}

/** The op reached the server: it leaves the queue (its cache effects were recorded by the caller). */
export function completeOp(db: Database, opId: number): void {
  statements(db).remove.run(opId);
}

/** The op will never reach the server: undo what it did to the cache and forget it. */
export function dropOp(db: Database, opId: number): void {
  const s = statements(db);
  s.unhide.run(opId);
  s.deletePlaceholder.run(opId);
  s.remove.run(opId);
}

/**
 * For accounts without a server (the demo): the op's effect is final at once.
 * The moved-away locations go, the placeholder stays as the message's place.
 */
export function applyLocally(db: Database, opId: number): void {
  const s = statements(db);
  s.deleteHidden.run(opId);
  s.remove.run(opId);
}

/* ------------------------------------------------------------------ locations, for the replay */

/** The server locations an op moves or deletes (placeholders excluded). */
export function locationsHiddenBy(db: Database, opId: number): ServerLocation[] {
  return statements(db).hiddenBy.all(opId).map(toLocation);
}

/** Every server location of a message, hidden or not (flags apply to all copies). */
export function serverLocationsOf(db: Database, messageId: number): ServerLocation[] {
  return statements(db).realOf.all(messageId).map(toLocation);
}

/** The move `opId` reached the server: the source location is gone there. */
export function removeMovedLocation(db: Database, at: { folderId: number; uidvalidity: number; uid: number }): void {
  statements(db).deleteLocation.run(at.folderId, at.uidvalidity, at.uid);
}

/**
 * Replaces the placeholder of move `opId` with the real location the server
 * reported (or just removes it when the server did not say: the target
 * folder's sync will find the message by its dedupe key).
 */
export function settlePlaceholder(db: Database, opId: number, real: { uidvalidity: number; uid: number; flags: string[] } | null): void {
  const s = statements(db);
  const p = s.placeholderOf.get(opId);
  if (!p) return;
  s.deletePlaceholder.run(opId);
  if (real) s.insertReal.run(p.message_id, p.folder_id, real.uidvalidity, real.uid, JSON.stringify(real.flags), p.hidden_by_op);
}

export function setLocationFlags(db: Database, at: { folderId: number; uidvalidity: number; uid: number }, flags: string[]): void {
  statements(db).setFlags.run(JSON.stringify(flags), at.folderId, at.uidvalidity, at.uid);
}

/** A folder that only exists locally so far (target of a queued move) must not be dropped by the folder sync. */
export function folderHasPlaceholders(db: Database, folderId: number): boolean {
  return (statements(db).hasPlaceholders.get(folderId)?.n ?? 0) > 0;
}
