/**
 * What the composer and the outbox read from the mail cache: the headers of
 * the message replied to (its reply chain), a conversation's members in date
 * order, and whether a Message-ID we sent is already stored.
 */
import type { Database, Statement } from 'better-sqlite3';

export interface SourceMessageRow {
  id: number;
  account_id: number;
  message_id: string | null;
  subject: string;
  from_name: string;
  from_address: string;
  to_json: string;
  cc_json: string;
  reply_to_json: string;
  in_reply_to: string | null;
  references_json: string;
  date: number;
  snippet: string;
  conversation_id: number | null;
}

interface Statements {
  byId: Statement<[number], SourceMessageRow>;
  members: Statement<[number], SourceMessageRow>;
  byMessageId: Statement<[number, string], { id: number }>;
  writtenSince: Statement<[number, number], { from_name: string; from_address: string }>;
}

const cache = new WeakMap<Database, Statements>();
const columns = 'id, account_id, message_id, subject, from_name, from_address, to_json, cc_json, reply_to_json, in_reply_to, references_json, date, snippet, conversation_id';

function stmts(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      byId: db.prepare<[number], SourceMessageRow>(`SELECT ${columns} FROM messages WHERE id = ?`),
      members: db.prepare<[number], SourceMessageRow>(`SELECT ${columns} FROM messages WHERE conversation_id = ? ORDER BY date, id`),
      byMessageId: db.prepare<[number, string], { id: number }>('SELECT id FROM messages WHERE account_id = ? AND message_id = ? LIMIT 1'),
      // Not this desktop's own mail (every outbox item's Message-ID), a rule's acknowledgement (`sb-action.…`), or an
      // out-of-office or bounce the inspector recognised: none of those is someone having answered or asked again.
      writtenSince: db.prepare<[number, number], { from_name: string; from_address: string }>(`SELECT m.from_name, m.from_address FROM messages m
        WHERE m.conversation_id = ? AND m.date > ?
          AND (m.message_id IS NULL OR (m.message_id NOT LIKE 'sb-action.%' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.message_id)))
          AND NOT EXISTS (SELECT 1 FROM mail_facts f WHERE f.message_id = m.id AND f.kind IN ('auto-reply', 'bounce'))
        ORDER BY m.date, m.id`),
    };
    cache.set(db, s);
  }
  return s;
}

export function sourceMessage(db: Database, id: number): SourceMessageRow | null {
  return stmts(db).byId.get(id) ?? null;
}

/** Oldest first. */
export function conversationMessages(db: Database, conversationId: number): SourceMessageRow[] {
  return stmts(db).members.all(conversationId);
}

/** Who wrote in the conversation after `since` (epoch ms), oldest first: the customer, or a colleague from another desktop. */
export function writtenSince(db: Database, conversationId: number, since: number): Array<{ from_name: string; from_address: string }> {
  return stmts(db).writtenSince.all(conversationId, since);
}

/** The cache row of a Message-ID (without <>) in an account, or null. */
export function messageRowByMessageId(db: Database, accountId: number, messageId: string): number | null {
  return stmts(db).byMessageId.get(accountId, messageId)?.id ?? null;
}
