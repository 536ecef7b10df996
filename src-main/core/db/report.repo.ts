/**
 * The rows a team report is made of (triage/team-report.ts): every message of
 * the conversations that had mail in the period, and the status ops that
 * resolved a conversation in it. Conversations in spam or the trash are
 * marked, not dropped, so the report decides what counts in one place.
 */
import type { Database, Statement } from 'better-sqlite3';
import { fromCustomerSql } from './customer-mail.sql.ts';

export interface ReportMessageRow {
  conversation_id: number;
  date: number;
  from_name: string;
  message_id: string | null;
  /** 1: written by a customer (customer-mail.sql.ts), 0: by the team. */
  customer: number;
  /** What the inspector read in the server's headers, if it did. */
  fact: 'auto-reply' | 'bounce' | 'plain' | null;
  /** 1 when the conversation is now spam, purged or in the trash. */
  hidden: number;
}

export interface ResolvedOpRow {
  hlc: string;
  actor: string;
  conversation_id: number;
  hidden: number;
}

interface Statements {
  messages: Statement<Record<string, unknown>, ReportMessageRow>;
  resolved: Statement<Record<string, unknown>, ResolvedOpRow>;
}

const HIDDEN = (conversation: string): string =>
  `coalesce((SELECT s.view IN ('spam', 'purged', 'trash') FROM conversation_state s WHERE s.conversation_id = ${conversation}), 0)`;

const cache = new WeakMap<Database, Statements>();

function stmts(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      // The touched conversations by the date index, then each one's members by the conversation index.
      messages: db.prepare(`WITH touched AS (
          SELECT DISTINCT conversation_id AS id FROM messages
          WHERE date >= @from AND date < @to AND conversation_id IS NOT NULL AND (@account IS NULL OR account_id = @account))
        SELECT m.conversation_id, m.date, m.from_name, m.message_id, ${fromCustomerSql('m', 'a')} AS customer,
          (SELECT f.kind FROM mail_facts f WHERE f.message_id = m.id) AS fact, ${HIDDEN('m.conversation_id')} AS hidden
        FROM touched t JOIN messages m ON m.conversation_id = t.id JOIN accounts a ON a.id = m.account_id`),
      // HLCs begin with their ISO time, so the period is a range of the primary key.
      resolved: db.prepare(`SELECT DISTINCT o.hlc, o.actor, m.conversation_id, ${HIDDEN('m.conversation_id')} AS hidden
        FROM ops o CROSS JOIN accounts a CROSS JOIN thread_nodes n ON n.account_id = a.id AND n.node = substr(o.entity, 5)
        JOIN thread_messages t ON t.message_id = n.message_id AND t.thread_id = n.node
        JOIN messages m ON m.id = n.message_id
        WHERE o.hlc >= @fromHlc AND o.hlc < @toHlc AND o.field = 'status' AND o.value IN ('"done"', '"closed"')
          AND o.entity LIKE 'msg:%' AND m.conversation_id IS NOT NULL AND (@account IS NULL OR m.account_id = @account)`),
    };
    cache.set(db, s);
  }
  return s;
}

export function reportMessages(db: Database, accountId: number | null, from: number, to: number): ReportMessageRow[] {
  return stmts(db).messages.all({ account: accountId, from, to });
}

export function resolvingOps(db: Database, accountId: number | null, from: number, to: number): ResolvedOpRow[] {
  return stmts(db).resolved.all({ account: accountId, fromHlc: new Date(from).toISOString(), toHlc: new Date(to).toISOString() });
}
