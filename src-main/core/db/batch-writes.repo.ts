/**
 * A sync batch's rows written in one statement per table, not one per row.
 *
 * Why: the header phase stores 2,000 rows per transaction on the thread that
 * also answers the agent, and a per-row statement paid for binding seventeen
 * named values and a statement step on top of the B-tree work. One INSERT
 * over `json_each` leaves only the B-tree work (triggers still fire per row).
 * docs/decisions.md, "Where the header phase's time goes", thirteenth pass.
 *
 * Same rows, same triggers, same constraints as messages.repo.ts
 * `insertMessage` / `insertLocation` and conversations.repo.ts
 * `insertConversation` / `setConversationTokens`; callers pick these for
 * whole batches. Only the aggregates of a joined row are updated: its
 * indexed header columns (root UNIQUE) are left alone, about half the cost.
 */
import type { Database } from 'better-sqlite3';
import type { ConversationAggregates, ConversationHeader } from './conversations.repo.ts';
import type { LocationKey, NewMessage } from './messages.repo.ts';
import { preparedStatements } from './prepared.ts';

const sql = {
  // RETURNING order is unspecified in SQLite: rows are matched back by their dedupe key.
  messages: `INSERT INTO messages (account_id, message_id, dedupe_key, subject, from_name, from_address, to_json, cc_json,
      in_reply_to, references_json, date, snippet, has_attachments, seen, size, has_body, conversation_id, reply_to_json)
    SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7,
      j.value ->> 8, j.value ->> 9, j.value ->> 10, j.value ->> 11, j.value ->> 12, j.value ->> 13, j.value ->> 14, j.value ->> 15, j.value ->> 16,
      j.value ->> 17
    FROM json_each(?) j ORDER BY j.key
    RETURNING id, account_id, dedupe_key`,
  // `WHERE true`: SQLite's parser needs it between a SELECT and an upsert clause.
  locations: `INSERT INTO message_locations (message_id, folder_id, uidvalidity, uid, flags_json)
    SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4
    FROM json_each(?) j WHERE true ORDER BY j.key
    ON CONFLICT (folder_id, uidvalidity, uid) DO NOTHING`,
  conversations: `INSERT INTO conversations (account_id, root_message_id, ticket, subject, customer_address, customer_name,
      last_message_at, message_count, unread_count, attachment_count, snippet)
    SELECT ?, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6,
      j.value ->> 7, j.value ->> 8, j.value ->> 9
    FROM json_each(?) j ORDER BY j.key
    RETURNING id, root_message_id`,
  tokens: `INSERT OR IGNORE INTO conversation_tokens (token, conversation_id) SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?) j`,
  aggregates: `UPDATE conversations SET last_message_at = j.value ->> 1, message_count = j.value ->> 2, unread_count = j.value ->> 3,
      attachment_count = j.value ->> 4, snippet = j.value ->> 5
    FROM json_each(?) j WHERE conversations.id = j.value ->> 0`,
};

const stmts = preparedStatements(sql);

const keyOf = (accountId: number, dedupeKey: string): string => `${accountId}\n${dedupeKey}`;

/**
 * Inserts messages that are not stored yet, with distinct dedupe keys per
 * account (the UNIQUE constraint fails the statement, and so the caller's
 * transaction, otherwise). Returns their row ids in `messages` order.
 */
export function insertMessages(db: Database, messages: readonly NewMessage[]): number[] {
  if (messages.length === 0) return [];
  const values = messages.map((m) => [
    m.accountId,
    m.messageId,
    m.dedupeKey,
    m.subject,
    m.from.name,
    m.from.address,
    JSON.stringify(m.to),
    JSON.stringify(m.cc),
    m.inReplyTo,
    JSON.stringify(m.references),
    m.date,
    m.snippet,
    m.hasAttachments ? 1 : 0,
    m.seen ? 1 : 0,
    m.size,
    m.hasBody === false ? 0 : 1,
    m.conversationId ?? null,
    JSON.stringify(m.replyTo),
  ]);
  const rows = stmts(db).messages.all(JSON.stringify(values)) as Array<{ id: number; account_id: number; dedupe_key: string }>;
  const ids = new Map(rows.map((r) => [keyOf(r.account_id, r.dedupe_key), r.id]));
  return messages.map((m) => {
    const id = ids.get(keyOf(m.accountId, m.dedupeKey));
    if (id === undefined) throw new Error('a message of the batch was not inserted');
    return id;
  });
}

export interface NewLocation {
  messageId: number;
  at: LocationKey;
  flags: readonly string[];
}

/** Records where messages live; a location already known is left as it is. Returns how many were added. */
export function insertLocations(db: Database, locations: readonly NewLocation[]): number {
  if (locations.length === 0) return 0;
  const values = locations.map((l) => [l.messageId, l.at.folderId, l.at.uidvalidity, l.at.uid, JSON.stringify(l.flags)]);
  return stmts(db).locations.run(JSON.stringify(values)).changes;
}

export interface NewConversation {
  header: ConversationHeader;
  aggregates: ConversationAggregates;
  tokens: readonly string[];
}

/**
 * Inserts conversations with their tokens; their roots are distinct and none
 * has a row yet (the UNIQUE root constraint fails the statement otherwise).
 * Returns their row ids in `conversations` order.
 */
export function insertConversations(db: Database, accountId: number, conversations: readonly NewConversation[]): number[] {
  if (conversations.length === 0) return [];
  const values = conversations.map(({ header: h, aggregates: a }) => [
    h.rootMessageId,
    h.ticket,
    h.subject,
    h.customer.address,
    h.customer.name,
    a.lastMessageAt,
    a.messageCount,
    a.unreadCount,
    a.attachmentCount,
    a.snippet,
  ]);
  const s = stmts(db);
  const rows = s.conversations.all(accountId, JSON.stringify(values)) as Array<{ id: number; root_message_id: string }>;
  const byRoot = new Map(rows.map((r) => [r.root_message_id, r.id]));
  const ids = conversations.map(({ header }) => {
    const id = byRoot.get(header.rootMessageId);
    if (id === undefined) throw new Error('a conversation of the batch was not inserted');
    return id;
  });
  const tokens = conversations.flatMap((c, i) => c.tokens.map((token) => [token, ids[i]]));
  if (tokens.length > 0) s.tokens.run(JSON.stringify(tokens));
  return ids;
}

/** New counts and latest message of rows whose header stays as stored (mail joining them). */
export function updateConversationsAggregates(db: Database, updates: ReadonlyArray<{ id: number; aggregates: ConversationAggregates }>): void {
  if (updates.length === 0) return;
  const values = updates.map(({ id, aggregates: a }) => [id, a.lastMessageAt, a.messageCount, a.unreadCount, a.attachmentCount, a.snippet]);
  stmts(db).aggregates.run(JSON.stringify(values));
}
