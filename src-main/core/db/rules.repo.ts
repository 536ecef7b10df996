/** The mail automation rules act on: SQL for rules/rule-step.ts. */
import type { Database, Statement } from 'better-sqlite3';
import { fromCustomerSql } from './customer-mail.sql.ts';

export interface StartingMailRow {
  id: number;
  account_id: number;
  message_id: string;
  from_name: string;
  from_address: string;
  to_json: string;
  cc_json: string;
  reply_to_json: string;
  subject: string;
  date: number;
}

const cache = new WeakMap<Database, Statement<[string], StartingMailRow>>();

/**
 * Of these new rows, the mail that starts a conversation from outside: it
 * answers nothing (no In-Reply-To, no References), is not from the
 * mailbox's own address, and is in an Inbox of a real mailbox. Replies and
 * the team's own mail never trigger a rule, so a rule cannot re-route a
 * conversation an agent has taken when the customer writes again; the demo's
 * made-up mail never does either, so no team folder gets ops about it.
 */
export function startingCustomerMail(db: Database, ids: readonly number[]): StartingMailRow[] {
  let statement = cache.get(db);
  if (!statement) {
    statement = db.prepare<[string], StartingMailRow>(`SELECT m.id, m.account_id, m.message_id, m.from_name, m.from_address, m.to_json, m.cc_json, m.reply_to_json, m.subject, m.date
      FROM messages m JOIN accounts a ON a.id = m.account_id
      WHERE m.id IN (SELECT value FROM json_each(?))
        AND m.message_id IS NOT NULL AND m.in_reply_to IS NULL AND m.references_json = '[]'
        AND a.kind = 'imap' AND ${fromCustomerSql('m', 'a')}
        AND EXISTS (SELECT 1 FROM message_locations l JOIN folders f ON f.id = l.folder_id WHERE l.message_id = m.id AND f.role = 'inbox')
      ORDER BY m.id`);
    cache.set(db, statement);
  }
  return statement.all(JSON.stringify(ids));
}
