/**
 * The full-text index (migration 0004's `message_fts`) and the snippet table.
 *
 * Invariants:
 * - `message_fts` is written here from `search_queue` (filled by migration
 *   0004's triggers), and deleted from only by those triggers. Its rowid is
 *   `messages.search_doc`, in date order,
 *   so `matchingDocs` is a rowid-descending FTS5 scan that stops after one
 *   chunk (no sort, no full result set).
 */
import type { Database } from 'better-sqlite3';
import { preparedStatements } from './prepared.ts';

const recipients = (column: string): string =>
  `coalesce((SELECT group_concat(coalesce(json_extract(j.value, '$.name'), '') || ' ' || coalesce(json_extract(j.value, '$.address'), ''), ' ')
    FROM json_each(CASE WHEN json_valid(m.${column}) THEN m.${column} ELSE '[]' END) j), '')`;

/** The latest value of one field of a note (LWW by HLC, as the fold reads it), as text. */
const noteField = (field: string): string =>
  `coalesce((SELECT json_extract(o.value, '$') FROM ops o WHERE o.entity = n.note_entity AND o.field = '${field}'
    AND o.actor = (SELECT f.actor FROM ops f WHERE f.entity = n.note_entity ORDER BY f.hlc LIMIT 1) ORDER BY o.hlc DESC LIMIT 1), '')`;

/**
 * The internal notes and call summaries anchored to a message (migration
 * 0011), deleted ones left out: one indexed lookup, empty for nearly every
 * message.
 */
const NOTES_TEXT = `coalesce((SELECT ' ' || group_concat(${noteField('markdown')} || ' ' || ${noteField('summary')}, ' ')
    FROM conversation_notes n WHERE n.message_id = m.message_id AND ${noteField('deleted')} <> 1), '')`;

/**
 * The index row of a message: subject, body (first 200,000 characters) with
 * the team's notes on it, sender (with whom a Reply-To names: a contact
 * form's customer) and recipients (names and addresses), and
 * the hidden `meta` column (`msg`, `acct<N>`, `att`) that filters match on
 * (search/fts-query.ts).
 */
const INDEX_ROW = `SELECT m.search_doc, m.subject, substr(coalesce(b.text, ''), 1, 200000) || ${NOTES_TEXT},
        m.from_name || ' ' || m.from_address || CASE WHEN m.reply_to_json = '[]' THEN '' ELSE ' ' || ${recipients('reply_to_json')} END,
        ${recipients('to_json')} || ' ' || ${recipients('cc_json')},
        'msg acct' || m.account_id || CASE WHEN m.has_attachments <> 0 THEN ' att' ELSE '' END`;

const sql = {
  indexQueued: `INSERT OR REPLACE INTO message_fts (rowid, subject, body, sender, recipients, meta)
      ${INDEX_ROW} FROM search_queue q JOIN messages m ON m.id = q.message_id LEFT JOIN message_bodies b ON b.message_id = m.id`,
  // Only rows whose body is stored: a header-only row would be indexed again when its body arrives.
  indexComplete: `INSERT OR REPLACE INTO message_fts (rowid, subject, body, sender, recipients, meta)
      ${INDEX_ROW} FROM messages m JOIN search_queue q ON q.message_id = m.id LEFT JOIN message_bodies b ON b.message_id = m.id
      WHERE m.id IN (SELECT value FROM json_each(?)) AND m.has_body = 1`,
  unqueueComplete: 'DELETE FROM search_queue WHERE message_id IN (SELECT m.id FROM messages m WHERE m.id IN (SELECT value FROM json_each(?)) AND m.has_body = 1)',
  countQueued: 'SELECT count(*) AS n FROM search_queue',
  clearQueue: 'DELETE FROM search_queue',
  anyQueued: 'SELECT EXISTS (SELECT 1 FROM search_queue) AS x',
  // CAST: JS numbers arrive as REAL, and FTS5 silently ignores a rowid constraint that is not an INTEGER.
  matching: `SELECT rowid AS doc FROM message_fts WHERE message_fts MATCH ? AND rowid < CAST(? AS INTEGER) AND rowid >= CAST(? AS INTEGER)
      ORDER BY rowid DESC LIMIT ?`,
  docMatches: 'SELECT 1 AS x FROM message_fts WHERE message_fts MATCH ? AND rowid = CAST(? AS INTEGER)',
  messagesOfDocs: 'SELECT search_doc AS doc, id, conversation_id FROM messages WHERE search_doc IN (SELECT value FROM json_each(?))',
  conversationDocs: 'SELECT search_doc AS doc FROM messages WHERE conversation_id = ? AND search_doc >= ? AND search_doc < ? ORDER BY search_doc DESC',
  noteTexts: `SELECT m.id, ${NOTES_TEXT} AS text FROM messages m WHERE m.id IN (SELECT value FROM json_each(?))`,
  texts: `SELECT m.id, m.subject, m.snippet, coalesce(substr(b.text, 1, 200000), '') AS text
      FROM messages m LEFT JOIN message_bodies b ON b.message_id = m.id WHERE m.id IN (SELECT value FROM json_each(?))`,
} satisfies Record<string, string>;

const stmts = preparedStatements(sql);

/**
 * Indexes every queued message (new, or its body stored or changed since) in
 * one statement, so FTS5 writes one segment per batch. Returns whether there
 * was anything to do.
 */
export function indexQueuedMessages(db: Database): boolean {
  const s = stmts(db);
  if ((s.anyQueued.get() as { x: number }).x === 0) return false;
  db.transaction(() => {
    s.indexQueued.run();
    s.clearQueue.run();
  })();
  return true;
}

/**
 * Indexes those of `messageIds` that are queued and whose body is stored, in
 * one statement (one FTS5 segment), and takes them off the queue. Header-only
 * rows stay queued: their body (body-sync.ts) or the next search indexes them,
 * so headers-first sync indexes every message once, not twice.
 */
export function indexCompleteMessages(db: Database, messageIds: readonly number[]): void {
  if (messageIds.length === 0) return;
  const s = stmts(db);
  const ids = JSON.stringify(messageIds);
  db.transaction(() => {
    s.indexComplete.run(ids);
    s.unqueueComplete.run(ids);
  })();
}

/** Messages waiting for the full-text index (the next search indexes them first). */
export function countQueuedForIndex(db: Database): number {
  return (stmts(db).countQueued.get() as { n: number }).n;
}

/** Docs matching `match` in [low, high), newest first. */
export function matchingDocs(db: Database, match: string, low: number, high: number, limit: number): number[] {
  return (stmts(db).matching.all(match, high, low, limit) as Array<{ doc: number }>).map((r) => r.doc);
}

export function docMatches(db: Database, match: string, doc: number): boolean {
  return stmts(db).docMatches.get(match, doc) !== undefined;
}

export interface DocMessage {
  id: number;
  conversation_id: number | null;
}

/** The messages behind a chunk of docs, in one lookup (usually one message per doc). */
export function messagesOfDocs(db: Database, docs: readonly number[]): Map<number, DocMessage[]> {
  const out = new Map<number, DocMessage[]>();
  if (docs.length === 0) return out;
  for (const row of stmts(db).messagesOfDocs.all(JSON.stringify(docs)) as Array<DocMessage & { doc: number }>) {
    const list = out.get(row.doc) ?? [];
    list.push({ id: row.id, conversation_id: row.conversation_id });
    out.set(row.doc, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.id - b.id);
  return out;
}

/** The conversation's docs in [low, high), newest first. */
export function conversationDocs(db: Database, conversationId: number, low: number, high: number): number[] {
  return (stmts(db).conversationDocs.all(conversationId, low, high) as Array<{ doc: number }>).map((r) => r.doc);
}

export interface MessageText {
  id: number;
  subject: string;
  snippet: string;
  text: string;
}

export function messageTexts(db: Database, ids: readonly number[]): MessageText[] {
  if (ids.length === 0) return [];
  return stmts(db).texts.all(JSON.stringify(ids)) as MessageText[];
}

/* ------------------------------------------------------------------ plans, for tests and diagnostics */

export function explainMatchingDocs(db: Database): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql.matching}`).all('x', 1, 0, 1) as Array<{ detail: string }>).map((r) => r.detail);
}

export function explainMessagesOfDoc(db: Database): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql.messagesOfDocs}`).all('[1]') as Array<{ detail: string }>).map((r) => r.detail);
}

/** The notes' text of each message that has any (as indexed with it): where a search found words the mail lacks. */
export function noteTexts(db: Database, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = stmts(db).noteTexts.all(JSON.stringify(ids)) as Array<{ id: number; text: string }>;
  return new Map(rows.filter((r) => r.text.trim() !== '').map((r) => [r.id, r.text.trim()]));
}
