/**
 * A sync batch's new rows in one statement per table, not one per row.
 *
 * Why: the header phase stores 2,000 rows per transaction on the thread that
 * also answers the agent, and a per-row statement paid for binding seventeen
 * named values and a statement step on top of the B-tree work. One INSERT
 * over `json_each` leaves only the B-tree work (triggers still fire per row).
 * docs/decisions.md, "Where the header phase's time goes", thirteenth pass.
 *
 * Same rows, same triggers, same constraints as messages.repo.ts
 * `insertMessage` / `insertLocation`; callers pick this for whole batches.
 */
import type { Database } from 'better-sqlite3';
import type { LocationKey, NewMessage } from './messages.repo.ts';
import { preparedStatements } from './prepared.ts';

const sql = {
  // RETURNING order is unspecified in SQLite: rows are matched back by their dedupe key.
  messages: `INSERT INTO messages (account_id, message_id, dedupe_key, subject, from_name, from_address, to_json, cc_json,
      in_reply_to, references_json, date, snippet, has_attachments, seen, size, has_body, conversation_id)
    SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7,
      j.value ->> 8, j.value ->> 9, j.value ->> 10, j.value ->> 11, j.value ->> 12, j.value ->> 13, j.value ->> 14, j.value ->> 15, j.value ->> 16
    FROM json_each(?) j ORDER BY j.key
    RETURNING id, account_id, dedupe_key`,
  // `WHERE true`: SQLite's parser needs it between a SELECT and an upsert clause.
  locations: `INSERT INTO message_locations (message_id, folder_id, uidvalidity, uid, flags_json)
    SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4
    FROM json_each(?) j WHERE true ORDER BY j.key
    ON CONFLICT (folder_id, uidvalidity, uid) DO NOTHING`,
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
