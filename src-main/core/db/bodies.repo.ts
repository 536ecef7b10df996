/**
 * Bodies and attachments that follow a message's headers (headers-first sync).
 *
 * Invariants:
 * - `messages.has_body = 0` exactly while no `message_bodies` row exists for
 *   a message stored from its headers; `storeFetchedBody` inserts the body,
 *   its attachment rows and flips the flag in one statement group (the caller
 *   runs it inside the batch's transaction).
 * - The backlog is read one folder at a time (INBOX first), newest first
 *   through the partial index `messages_body_backlog`, keyset-paginated,
 *   never OFFSET. One folder at a time because every change of the selected
 *   mailbox is a SELECT, whose cost grows with the mailbox.
 * - A location is used to fetch only when it is the server's (uid > 0) under
 *   the folder's current UIDVALIDITY; placeholders of queued moves are not.
 * - `has_attachments` is rewritten only when it changes: the full-text index
 *   re-indexes a message on that column (migration 0004's triggers), and the
 *   body insert has already done so once.
 */
import type { Address } from '../../../src-preload/api.ts';
import type { Database, Statement } from 'better-sqlite3';
import type { NewAttachment } from './messages.repo.ts';

export interface FetchLocation {
  messageId: number;
  date: number;
  /** The whole message's size as the server announced it. */
  size: number;
  folderId: number;
  path: string;
  uidvalidity: number;
  uid: number;
}

export interface FetchedBody {
  text: string;
  html: string | null;
  /**
   * The mail's Reply-To, parsed with the body. Headers-first sync stores it with the message row; this
   * fills a row listed before it did (migration 0015).
   */
  replyTo: Address[];
  snippet: string;
  hasAttachments: boolean;
  attachments: NewAttachment[];
}

export interface AttachmentRow {
  id: number;
  messageId: number;
  accountId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string | null;
}

interface LocationDbRow {
  message_id: number;
  date: number;
  size: number;
  folder_id: number;
  path: string;
  uidvalidity: number;
  uid: number;
}

interface AttachmentDbRow {
  id: number;
  message_id: number;
  account_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string | null;
}

// INDEXED BY: without it SQLite may walk the folder's whole primary key for every backlog
// message (quadratic; 40 s at 20,000 messages). From a message to its locations is one lookup.
const usableLocation = `JOIN message_locations l INDEXED BY message_locations_message ON l.message_id = m.id AND l.uid > 0
  JOIN folders f ON f.id = l.folder_id AND f.uidvalidity = l.uidvalidity`;

interface Statements {
  backlog: Statement<[number, number, number, number, number], LocationDbRow>;
  backlogFolders: Statement<[number], { folder_id: number }>;
  backlogCount: Statement<[number], { n: number }>;
  locationsOf: Statement<[number], LocationDbRow>;
  insertBody: Statement<[number, string, string | null, number]>;
  learnReplyTo: Statement<[string, number]>;
  markStale: Statement<[number]>;
  markFetched: Statement<[string, number]>;
  setHasAttachments: Statement<[number, number, number]>;
  insertAttachment: Statement<[number, string, string, number, string | null, string | null, number]>;
  attachment: Statement<[number], AttachmentDbRow>;
  attachmentsOf: Statement<[number], AttachmentDbRow>;
  setSha: Statement<[string, number]>;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    const attachmentColumns = 'a.id, a.message_id, m.account_id, a.filename, a.content_type, a.size, a.sha256';
    s = {
      backlog: db.prepare(
        `SELECT m.id AS message_id, m.date, m.size, l.folder_id, f.path, l.uidvalidity, l.uid
         FROM messages m ${usableLocation}
         WHERE +l.folder_id = ? AND m.account_id = ? AND m.has_body = 0 AND (m.date, m.id) < (?, ?)
         ORDER BY m.date DESC, m.id DESC LIMIT ?`,
      ),
      backlogFolders: db.prepare(
        `SELECT DISTINCT l.folder_id FROM messages m ${usableLocation}
         WHERE m.account_id = ? AND m.has_body = 0
         ORDER BY f.role = 'inbox' DESC, l.folder_id`,
      ),
      backlogCount: db.prepare('SELECT count(*) AS n FROM messages WHERE account_id = ? AND has_body = 0'),
      locationsOf: db.prepare(
        `SELECT m.id AS message_id, m.date, m.size, l.folder_id, f.path, l.uidvalidity, l.uid
         FROM messages m ${usableLocation} WHERE m.id = ?
         ORDER BY f.role = 'inbox' DESC, l.folder_id`,
      ),
      insertBody: db.prepare('INSERT OR IGNORE INTO message_bodies (message_id, text, html, fetched_at) VALUES (?, ?, ?, ?)'),
      learnReplyTo: db.prepare(`UPDATE messages SET reply_to_json = ? WHERE id = ? AND reply_to_json = '[]'`),
      // Its customer may now be the Reply-To: threading derives the conversation's header again (rethread.ts repairStale).
      markStale: db.prepare('INSERT OR IGNORE INTO conversation_stale (conversation_id) SELECT conversation_id FROM messages WHERE id = ? AND conversation_id IS NOT NULL'),
      markFetched: db.prepare('UPDATE messages SET has_body = 1, snippet = ? WHERE id = ?'),
      setHasAttachments: db.prepare('UPDATE messages SET has_attachments = ? WHERE id = ? AND has_attachments <> ?'),
      insertAttachment: db.prepare(
        'INSERT INTO attachments (message_id, filename, content_type, size, sha256, content_id, inline) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      attachment: db.prepare(`SELECT ${attachmentColumns} FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = ?`),
      attachmentsOf: db.prepare(`SELECT ${attachmentColumns} FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.message_id = ? ORDER BY a.id`),
      setSha: db.prepare('UPDATE attachments SET sha256 = ? WHERE id = ?'),
    };
    cache.set(db, s);
  }
  return s;
}

function toLocation(r: LocationDbRow): FetchLocation {
  return { messageId: r.message_id, date: r.date, size: r.size, folderId: r.folder_id, path: r.path, uidvalidity: r.uidvalidity, uid: r.uid };
}

function toAttachment(r: AttachmentDbRow): AttachmentRow {
  return { id: r.id, messageId: r.message_id, accountId: r.account_id, filename: r.filename, contentType: r.content_type, size: r.size, sha256: r.sha256 };
}

/** SQLite's plan for the backlog query (tests assert it stays index lookups). */
export function explainBodyBacklog(db: Database): string[] {
  const source = (statements(db).backlog as unknown as { source: string }).source;
  return (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(1, 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 1) as Array<{ detail: string }>).map((r) => r.detail);
}

/** Folders holding messages whose body is missing, INBOX first. */
export function foldersWithBodyBacklog(db: Database, accountId: number): number[] {
  return statements(db).backlogFolders.all(accountId).map((r) => r.folder_id);
}

/**
 * The next messages of a folder whose body is missing, newest first,
 * strictly after the keyset position `after` (null: from the newest).
 */
export function bodyBacklog(db: Database, accountId: number, folderId: number, after: { date: number; id: number } | null, limit: number): FetchLocation[] {
  const key = after ?? { date: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
  const seen = new Set<number>();
  const out: FetchLocation[] = [];
  // The same mail twice in one folder (two UIDs) is fetched once.
  for (const r of statements(db).backlog.all(folderId, accountId, key.date, key.id, limit)) {
    if (seen.has(r.message_id)) continue;
    seen.add(r.message_id);
    out.push(toLocation(r));
  }
  return out;
}

export function countBodyBacklog(db: Database, accountId: number): number {
  return statements(db).backlogCount.get(accountId)?.n ?? 0;
}

/** Where a message can be fetched from, INBOX first; empty when nowhere on the server. */
export function fetchLocationsOf(db: Database, messageId: number): FetchLocation[] {
  return statements(db).locationsOf.all(messageId).map(toLocation);
}

/** Stores a fetched body once; returns false when the message already had one. */
export function storeFetchedBody(db: Database, messageId: number, body: FetchedBody, fetchedAt: number): boolean {
  const s = statements(db);
  if (s.insertBody.run(messageId, body.text, body.html, fetchedAt).changes === 0) return false;
  if (body.replyTo.length > 0 && s.learnReplyTo.run(JSON.stringify(body.replyTo), messageId).changes > 0) s.markStale.run(messageId);
  for (const a of body.attachments) {
    s.insertAttachment.run(messageId, a.filename, a.contentType, a.size, a.sha256, a.contentId, a.inline ? 1 : 0);
  }
  s.markFetched.run(body.snippet, messageId);
  const flag = body.hasAttachments ? 1 : 0;
  s.setHasAttachments.run(flag, messageId, flag);
  return true;
}

export function getAttachmentRow(db: Database, id: number): AttachmentRow | null {
  const r = statements(db).attachment.get(id);
  return r ? toAttachment(r) : null;
}

export function attachmentRowsOf(db: Database, messageId: number): AttachmentRow[] {
  return statements(db).attachmentsOf.all(messageId).map(toAttachment);
}

export function setAttachmentSha(db: Database, id: number, sha256: string): void {
  statements(db).setSha.run(sha256, id);
}
