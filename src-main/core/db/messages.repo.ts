/**
 * Messages, their bodies and attachments, and where they live on the server.
 *
 * Invariants:
 * - One row per mail per account (UNIQUE account_id, dedupe_key); copies in
 *   several folders are several `message_locations` rows pointing at it.
 * - A message is listed in a folder (or role) only while it has a visible
 *   location there: `hidden_by_op` marks a location the agent moved away from
 *   whose move has not reached the server yet (migration 0003).
 * - A message with no location left is not deleted the moment its last
 *   location goes: a move made elsewhere or a UIDVALIDITY reset re-adopts the
 *   same row (same id). The sync deletes rows that stayed `unlocated` through
 *   a whole pass over every folder (`deleteStillUnlocated`).
 * - `messages.seen` is the agent's view; `message_locations.flags_json` is
 *   the server's. The sync changes `seen` only when the server's \Seen for a
 *   location changes, so a local read/unread is not undone by the next sync.
 * - Lists are keyset-paginated on (date DESC, id DESC) through the
 *   messages_account_date / messages_date indexes; never OFFSET.
 */
import type { Database, Statement } from 'better-sqlite3';
import { preparedStatements } from './prepared.ts';
import type { Address, AttachmentInfo, MessageDetail, MessageListParams, MessageSummary, Page } from '../../../src-preload/api.ts';

/* ------------------------------------------------------------------ row types */

interface SummaryDbRow {
  id: number;
  account_id: number;
  subject: string;
  from_name: string;
  from_address: string;
  date: number;
  snippet: string;
  seen: number;
  has_attachments: number;
}

interface DetailDbRow extends SummaryDbRow {
  message_id: string | null;
  to_json: string;
  cc_json: string;
  reply_to_json: string;
  text: string | null;
  html: string | null;
}

interface AttachmentDbRow {
  id: number;
  filename: string;
  content_type: string;
  size: number;
}

interface LocationDbRow {
  uid: number;
  message_id: number;
  flags_json: string;
}

export interface NewMessage {
  accountId: number;
  messageId: string | null;
  dedupeKey: string;
  subject: string;
  from: Address;
  to: Address[];
  cc: Address[];
  /** Where the sender asks to be answered; empty when the mail names no Reply-To. */
  replyTo: Address[];
  inReplyTo: string | null;
  references: string[];
  date: number;
  snippet: string;
  hasAttachments: boolean;
  seen: boolean;
  size: number;
  /** False for a row stored from its headers only (headers-first sync); the body follows. */
  hasBody?: boolean;
  /** A provisional conversation given before the insert (conversations/provisional.ts); threading gives the rest theirs after. */
  conversationId?: number | null;
}

export interface NewAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string | null;
  contentId: string | null;
  inline: boolean;
}

export interface LocationKey {
  folderId: number;
  uidvalidity: number;
  uid: number;
}

export interface StoredLocation {
  uid: number;
  messageId: number;
  flags: string[];
}

/* ------------------------------------------------------------------ statements */

const summaryColumns = 'm.id, m.account_id, m.subject, m.from_name, m.from_address, m.date, m.snippet, m.seen, m.has_attachments';
// INDEXED BY: from a message to its few locations, never a walk of a whole folder per message.
const inRole =
  'EXISTS (SELECT 1 FROM message_locations l INDEXED BY message_locations_message JOIN folders f ON f.id = l.folder_id WHERE l.message_id = m.id AND f.role = ? AND l.hidden_by_op IS NULL)';
const inFolder =
  'EXISTS (SELECT 1 FROM message_locations l INDEXED BY message_locations_message WHERE l.message_id = m.id AND l.folder_id = ? AND l.hidden_by_op IS NULL)';

type Sql = Record<string, string>;
const sql = {
  listAccount: `SELECT ${summaryColumns} FROM messages m
    WHERE m.account_id = ? AND (m.date, m.id) < (?, ?) AND ${inRole}
    ORDER BY m.date DESC, m.id DESC LIMIT ?`,
  listAll: `SELECT ${summaryColumns} FROM messages m
    WHERE (m.date, m.id) < (?, ?) AND ${inRole}
    ORDER BY m.date DESC, m.id DESC LIMIT ?`,
  listFolder: `SELECT ${summaryColumns} FROM messages m
    WHERE m.account_id = (SELECT account_id FROM folders WHERE id = ?) AND (m.date, m.id) < (?, ?) AND ${inFolder}
    ORDER BY m.date DESC, m.id DESC LIMIT ?`,
  bodyState: 'SELECT account_id, has_body FROM messages WHERE id = ?',
  identity: `SELECT account_id, message_id, subject, (SELECT min(uid) FROM message_locations WHERE message_id = messages.id) AS uid
    FROM messages WHERE id = ?`,
  owners: `SELECT m.id, m.account_id, a.kind FROM messages m JOIN accounts a ON a.id = m.account_id
    WHERE m.id IN (SELECT value FROM json_each(?))`,
  detail: `SELECT ${summaryColumns}, m.message_id, m.to_json, m.cc_json, m.reply_to_json, b.text, b.html
    FROM messages m LEFT JOIN message_bodies b ON b.message_id = m.id WHERE m.id = ?`,
  attachments: 'SELECT id, filename, content_type, size FROM attachments WHERE message_id = ? ORDER BY id',
  setSeen: 'UPDATE messages SET seen = ? WHERE id IN (SELECT value FROM json_each(?))',
  countAccount: 'SELECT count(*) AS n FROM messages WHERE account_id = ?',
  countAll: 'SELECT count(*) AS n FROM messages',
  findByKey: 'SELECT id FROM messages WHERE account_id = ? AND dedupe_key = ?',
  insert: `INSERT INTO messages (account_id, message_id, dedupe_key, subject, from_name, from_address, to_json, cc_json,
      in_reply_to, references_json, date, snippet, has_attachments, seen, size, has_body, conversation_id, reply_to_json)
    VALUES (@accountId, @messageId, @dedupeKey, @subject, @fromName, @fromAddress, @toJson, @ccJson,
      @inReplyTo, @referencesJson, @date, @snippet, @hasAttachments, @seen, @size, @hasBody, @conversationId, @replyToJson)`,
  insertBody: 'INSERT OR IGNORE INTO message_bodies (message_id, text, html, fetched_at) VALUES (?, ?, ?, ?)',
  insertAttachment: `INSERT INTO attachments (message_id, filename, content_type, size, sha256, content_id, inline)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  insertLocation: `INSERT INTO message_locations (message_id, folder_id, uidvalidity, uid, flags_json)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (folder_id, uidvalidity, uid) DO NOTHING`,
  countLocations: 'SELECT count(*) AS n FROM message_locations WHERE message_id = ?',
  listLocations: 'SELECT uid, message_id, flags_json FROM message_locations WHERE folder_id = ? AND uidvalidity = ? ORDER BY uid',
  getLocation: 'SELECT uid, message_id, flags_json FROM message_locations WHERE folder_id = ? AND uidvalidity = ? AND uid = ?',
  updateLocationFlags: 'UPDATE message_locations SET flags_json = ? WHERE folder_id = ? AND uidvalidity = ? AND uid = ?',
  deleteLocation: 'DELETE FROM message_locations WHERE folder_id = ? AND uidvalidity = ? AND uid = ?',
  // uidvalidity 0 marks the placeholder of a move still in the write-back queue: not the server's.
  deleteOtherUidvalidity: 'DELETE FROM message_locations WHERE folder_id = ? AND uidvalidity <> ? AND uidvalidity <> 0',
  deleteOrphans: `DELETE FROM messages WHERE account_id = ?
    AND NOT EXISTS (SELECT 1 FROM message_locations l WHERE l.message_id = messages.id) RETURNING id`,
  listUnlocated: 'SELECT id FROM messages WHERE account_id = ? AND unlocated = 1',
  deleteIfUnlocated: 'DELETE FROM messages WHERE id = ? AND unlocated = 1',
} satisfies Sql;

const stmts = preparedStatements(sql);

/* ------------------------------------------------------------------ cursor */

export class InvalidCursorError extends Error {
  constructor() {
    super('The list cursor is not valid; load the list from the start.');
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(date: number, id: number): string {
  return Buffer.from(`${date}:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { date: number; id: number } {
  const match = /^(-?\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError();
  const date = Number(match[1]);
  const id = Number(match[2]);
  if (!Number.isSafeInteger(date) || !Number.isSafeInteger(id)) throw new InvalidCursorError();
  return { date, id };
}

/** The three list statements every folder-scoped list has (same parameter order). */
export interface FolderListStatements {
  listFolder: Statement;
  listAll: Statement;
  listAccount: Statement;
}

/** Sorts after every real (date, id): the cursor of the first page. */
export const MAX_KEY = Number.MAX_SAFE_INTEGER;

/**
 * One keyset page, newest first, for any folder-scoped list (messages,
 * conversations): clamps the limit, reads one row more than asked to know
 * whether a next page exists, and never uses OFFSET.
 */
export function folderListPage<Row extends { account_id: number }, T>(
  s: FolderListStatements,
  params: MessageListParams,
  map: (row: Row) => T,
  keyOf: (item: T) => { date: number; id: number },
): Page<T> {
  const limit = Math.min(500, Math.max(1, Math.trunc(params.limit) || 1));
  const after = params.cursor ? decodeCursor(params.cursor) : { date: MAX_KEY, id: MAX_KEY };
  const rows = (
    params.folderId !== undefined
      ? s.listFolder.all(params.folderId, after.date, after.id, params.folderId, limit + 1)
      : params.accountId === null
        ? s.listAll.all(after.date, after.id, params.folder, limit + 1)
        : s.listAccount.all(params.accountId, after.date, after.id, params.folder, limit + 1)
  ) as Row[];
  // A folder of another account than the one asked for lists nothing.
  if (params.folderId !== undefined && params.accountId !== null && rows.some((r) => r.account_id !== params.accountId)) {
    return { items: [], nextCursor: null };
  }
  const items = rows.slice(0, limit).map(map);
  const last = items[items.length - 1];
  const key = last ? keyOf(last) : null;
  return { items, nextCursor: rows.length > limit && key ? encodeCursor(key.date, key.id) : null };
}

/* ------------------------------------------------------------------ mapping */

function parseAddresses(json: string): Address[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((a: unknown) => {
      const o = a as { name?: unknown; address?: unknown };
      return typeof o?.address === 'string' ? [{ name: typeof o.name === 'string' ? o.name : '', address: o.address }] : [];
    });
  } catch {
    return [];
  }
}

function parseFlags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

function toSummary(row: SummaryDbRow): MessageSummary {
  return {
    id: row.id,
    accountId: row.account_id,
    subject: row.subject,
    from: { name: row.from_name, address: row.from_address },
    date: row.date,
    snippet: row.snippet,
    unread: row.seen === 0,
    hasAttachments: row.has_attachments !== 0,
  };
}

/* ------------------------------------------------------------------ queries for the UI */

export function listMessages(db: Database, params: MessageListParams): Page<MessageSummary> {
  return folderListPage<SummaryDbRow, MessageSummary>(stmts(db), params, toSummary, (m) => ({ date: m.date, id: m.id }));
}

/** SQLite's plan for the list query (for tests and slow-query diagnostics). */
export function explainListMessages(db: Database, accountId: number | null, folderId?: number): string[] {
  if (folderId !== undefined) {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql.listFolder}`).all(folderId, MAX_KEY, MAX_KEY, folderId, 1) as Array<{ detail: string }>).map((r) => r.detail);
  }
  const source = accountId === null ? sql.listAll : sql.listAccount;
  const args = accountId === null ? [MAX_KEY, MAX_KEY, 'inbox', 1] : [accountId, MAX_KEY, MAX_KEY, 'inbox', 1];
  return (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail);
}

export function getMessage(db: Database, id: number): MessageDetail | null {
  const row = stmts(db).detail.get(id) as DetailDbRow | undefined;
  if (!row) return null;
  const attachments = (stmts(db).attachments.all(id) as AttachmentDbRow[]).map(
    (a): AttachmentInfo => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size }),
  );
  return {
    ...toSummary(row),
    to: parseAddresses(row.to_json),
    cc: parseAddresses(row.cc_json),
    replyTo: parseAddresses(row.reply_to_json),
    messageId: row.message_id,
    text: row.text ?? '',
    html: row.html,
    attachments,
  };
}

/** Whether the message's body is stored, and its account; null when there is no such message. */
export function getBodyState(db: Database, id: number): { accountId: number; hasBody: boolean } | null {
  const row = stmts(db).bodyState.get(id) as { account_id: number; has_body: number } | undefined;
  return row ? { accountId: row.account_id, hasBody: row.has_body !== 0 } : null;
}

/** What names a message outside the cache: its account, Message-ID, subject and lowest UID (the demo's place). */
export function getMessageIdentity(db: Database, id: number): { accountId: number; messageId: string | null; subject: string; uid: number | null } | null {
  const row = stmts(db).identity.get(id) as { account_id: number; message_id: string | null; subject: string; uid: number | null } | undefined;
  return row ? { accountId: row.account_id, messageId: row.message_id, subject: row.subject, uid: row.uid } : null;
}

/** The account (and its kind) of each existing message among `ids`. */
export function messageOwners(db: Database, ids: readonly number[]): Array<{ id: number; accountId: number; kind: 'imap' | 'demo' }> {
  const rows = stmts(db).owners.all(JSON.stringify(ids)) as Array<{ id: number; account_id: number; kind: 'imap' | 'demo' }>;
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, kind: r.kind }));
}

export function setSeen(db: Database, ids: number[], seen: boolean): void {
  if (ids.length === 0) return;
  stmts(db).setSeen.run(seen ? 1 : 0, JSON.stringify(ids));
}

/** Messages stored for an account (null: all accounts). */
export function countMessages(db: Database, accountId: number | null): number {
  const row = (accountId === null ? stmts(db).countAll.get() : stmts(db).countAccount.get(accountId)) as { n: number };
  return row.n;
}

/* ------------------------------------------------------------------ storing (used by mail/ingest.ts) */

export function findMessageByDedupeKey(db: Database, accountId: number, dedupeKey: string): number | null {
  const row = stmts(db).findByKey.get(accountId, dedupeKey) as { id: number } | undefined;
  return row?.id ?? null;
}

export function insertMessage(db: Database, m: NewMessage): number {
  const result = stmts(db).insert.run({
    accountId: m.accountId,
    messageId: m.messageId,
    dedupeKey: m.dedupeKey,
    subject: m.subject,
    fromName: m.from.name,
    fromAddress: m.from.address,
    toJson: JSON.stringify(m.to),
    ccJson: JSON.stringify(m.cc),
    inReplyTo: m.inReplyTo,
    referencesJson: JSON.stringify(m.references),
    date: m.date,
    snippet: m.snippet,
    hasAttachments: m.hasAttachments ? 1 : 0,
    seen: m.seen ? 1 : 0,
    size: m.size,
    hasBody: m.hasBody === false ? 0 : 1,
    conversationId: m.conversationId ?? null,
    replyToJson: JSON.stringify(m.replyTo),
  });
  return Number(result.lastInsertRowid);
}

export function insertBody(db: Database, messageId: number, body: { text: string; html: string | null }, fetchedAt: number): void {
  stmts(db).insertBody.run(messageId, body.text, body.html, fetchedAt);
}

export function insertAttachment(db: Database, messageId: number, a: NewAttachment): number {
  const r = stmts(db).insertAttachment.run(messageId, a.filename, a.contentType, a.size, a.sha256, a.contentId, a.inline ? 1 : 0);
  return Number(r.lastInsertRowid);
}

/** Records where a message lives; returns false when that location was already known. */
export function insertLocation(db: Database, messageId: number, at: LocationKey, flags: string[]): boolean {
  return stmts(db).insertLocation.run(messageId, at.folderId, at.uidvalidity, at.uid, JSON.stringify(flags)).changes > 0;
}

export function countLocations(db: Database, messageId: number): number {
  return (stmts(db).countLocations.get(messageId) as { n: number }).n;
}

/* ------------------------------------------------------------------ mirroring the server (used by sync/) */

export function listLocations(db: Database, folderId: number, uidvalidity: number): StoredLocation[] {
  return (stmts(db).listLocations.all(folderId, uidvalidity) as LocationDbRow[]).map((r) => ({
    uid: r.uid,
    messageId: r.message_id,
    flags: parseFlags(r.flags_json),
  }));
}

export function getLocation(db: Database, at: LocationKey): StoredLocation | null {
  const r = stmts(db).getLocation.get(at.folderId, at.uidvalidity, at.uid) as LocationDbRow | undefined;
  return r ? { uid: r.uid, messageId: r.message_id, flags: parseFlags(r.flags_json) } : null;
}

export function updateLocationFlags(db: Database, at: LocationKey, flags: string[]): void {
  stmts(db).updateLocationFlags.run(JSON.stringify(flags), at.folderId, at.uidvalidity, at.uid);
}

export function deleteLocation(db: Database, at: LocationKey): void {
  stmts(db).deleteLocation.run(at.folderId, at.uidvalidity, at.uid);
}

/** After a UIDVALIDITY change every old UID of the folder is meaningless. */
export function deleteLocationsOfOtherUidvalidity(db: Database, folderId: number, uidvalidity: number): number {
  return stmts(db).deleteOtherUidvalidity.run(folderId, uidvalidity).changes;
}

/** Messages of the account that live in no folder right now (a move made elsewhere may be half seen). */
export function listUnlocated(db: Database, accountId: number): number[] {
  return (stmts(db).listUnlocated.all(accountId) as Array<{ id: number }>).map((r) => r.id);
}

/** Deletes those of `ids` that still live in no folder; returns the deleted ids. */
export function deleteStillUnlocated(db: Database, ids: readonly number[]): number[] {
  const s = stmts(db);
  return ids.filter((id) => s.deleteIfUnlocated.run(id).changes > 0);
}

/** Deletes messages that no longer live in any folder; returns their ids. */
export function deleteOrphanMessages(db: Database, accountId: number): number[] {
  return (stmts(db).deleteOrphans.all(accountId) as Array<{ id: number }>).map((r) => r.id);
}
