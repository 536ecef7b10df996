/**
 * The mail audits (migration 0007): outgoing events as an append-only log,
 * and what became of received mail, computed when asked from the messages,
 * their conversations and the facts the inspector read from the server.
 * Both lists are keyset-paged by row id (ids grow with time).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AuditOutcome } from '../../../src-preload/api.ts';
import { fromCustomerSql } from './customer-mail.sql.ts';

export interface OutgoingAuditDbRow {
  id: number;
  at: number;
  account_id: number;
  outbox_id: number | null;
  message_id: string;
  to_json: string;
  subject: string;
  outcome: AuditOutcome;
  smtp_response: string | null;
  reason: string | null;
  bounce_json: string | null;
  conversation_id: number | null;
}

export interface NewOutgoingAudit {
  at: number;
  accountId: number;
  outboxId: number | null;
  messageId: string;
  to: string[];
  subject: string;
  outcome: AuditOutcome;
  smtpResponse: string | null;
  reason: string | null;
  bounce: { reportMessageId: number; recipients: string[]; diagnostic: string } | null;
  conversationId: number | null;
}

export interface IncomingDbRow {
  id: number;
  date: number;
  account_id: number;
  message_id: string | null;
  from_name: string;
  from_address: string;
  subject: string;
  conversation_id: number | null;
  ticket: string | null;
  root_message_id: string | null;
  fact: 'auto-reply' | 'bounce' | 'plain' | null;
  in_junk: number;
  duplicate: number;
}

export interface InspectTask {
  message_id: number;
  attempts: number;
  account_id: number;
  path: string | null;
  uidvalidity: number | null;
  uid: number | null;
}

export interface CandidateRow {
  id: number;
  account_id: number;
  from_address: string;
  subject: string;
}

export type MailFact = 'auto-reply' | 'bounce' | 'plain';

interface Statements {
  insertOutgoing: Statement;
  outgoingPage: Statement<[number, number], OutgoingAuditDbRow>;
  lastOutgoing: Statement<[string], OutgoingAuditDbRow>;
  incomingPage: Statement<[number, number], IncomingDbRow>;
  candidates: Statement<[string], CandidateRow>;
  enqueue: Statement<[number]>;
  tasks: Statement<[number], InspectTask>;
  dequeue: Statement<[number]>;
  bumpAttempt: Statement<[number]>;
  putFact: Statement<[number, MailFact]>;
  factsOf: Statement<[string], { message_id: number; kind: MailFact }>;
}

const cache = new WeakMap<Database, Statements>();

function stmts(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insertOutgoing: db.prepare(`INSERT INTO audit_outgoing (at, account_id, outbox_id, message_id, to_json, subject, outcome, smtp_response, reason, bounce_json, conversation_id)
        VALUES (@at, @accountId, @outboxId, @messageId, @to, @subject, @outcome, @smtpResponse, @reason, @bounce, @conversationId)`),
      outgoingPage: db.prepare<[number, number], OutgoingAuditDbRow>('SELECT * FROM audit_outgoing WHERE id < ? ORDER BY id DESC LIMIT ?'),
      lastOutgoing: db.prepare<[string], OutgoingAuditDbRow>("SELECT * FROM audit_outgoing WHERE message_id = ? AND outcome <> 'bounced' ORDER BY id DESC LIMIT 1"),
      incomingPage: db.prepare<[number, number], IncomingDbRow>(`SELECT m.id, m.date, m.account_id, m.message_id, m.from_name, m.from_address, m.subject,
          m.conversation_id, c.ticket, c.root_message_id,
          (SELECT kind FROM mail_facts f WHERE f.message_id = m.id) AS fact,
          EXISTS (SELECT 1 FROM message_locations l JOIN folders fo ON fo.id = l.folder_id WHERE l.message_id = m.id AND fo.role = 'junk') AS in_junk,
          (m.message_id IS NOT NULL AND EXISTS (SELECT 1 FROM messages d WHERE d.message_id = m.message_id AND d.account_id = m.account_id AND d.id < m.id)) AS duplicate
        FROM messages m JOIN accounts a ON a.id = m.account_id LEFT JOIN conversations c ON c.id = m.conversation_id
        WHERE m.id < ? AND ${fromCustomerSql('m', 'a')}
        ORDER BY m.id DESC LIMIT ?`),
      candidates: db.prepare<[string], CandidateRow>(`SELECT m.id, m.account_id, m.from_address, m.subject FROM messages m JOIN accounts a ON a.id = m.account_id
        WHERE m.id IN (SELECT value FROM json_each(?)) AND a.kind = 'imap' AND ${fromCustomerSql('m', 'a')}`),
      enqueue: db.prepare<[number]>('INSERT OR IGNORE INTO mail_inspect_queue (message_id) VALUES (?)'),
      tasks: db.prepare<[number], InspectTask>(`SELECT q.message_id, q.attempts, m.account_id, f.path, l.uidvalidity, l.uid
        FROM mail_inspect_queue q JOIN messages m ON m.id = q.message_id
        LEFT JOIN message_locations l ON l.rowid = (SELECT l2.rowid FROM message_locations l2 WHERE l2.message_id = q.message_id AND l2.uidvalidity > 0 AND l2.hidden_by_op IS NULL LIMIT 1)
        LEFT JOIN folders f ON f.id = l.folder_id
        ORDER BY q.message_id LIMIT ?`),
      dequeue: db.prepare<[number]>('DELETE FROM mail_inspect_queue WHERE message_id = ?'),
      bumpAttempt: db.prepare<[number]>('UPDATE mail_inspect_queue SET attempts = attempts + 1 WHERE message_id = ?'),
      factsOf: db.prepare<[string], { message_id: number; kind: MailFact }>('SELECT message_id, kind FROM mail_facts WHERE message_id IN (SELECT value FROM json_each(?))'),
      putFact: db.prepare<[number, MailFact]>('INSERT INTO mail_facts (message_id, kind) VALUES (?, ?) ON CONFLICT (message_id) DO UPDATE SET kind = excluded.kind'),
    };
    cache.set(db, s);
  }
  return s;
}

export function insertOutgoingAudit(db: Database, a: NewOutgoingAudit): number {
  const info = stmts(db).insertOutgoing.run({
    at: a.at,
    accountId: a.accountId,
    outboxId: a.outboxId,
    messageId: a.messageId,
    to: JSON.stringify(a.to),
    subject: a.subject,
    outcome: a.outcome,
    smtpResponse: a.smtpResponse,
    reason: a.reason,
    bounce: a.bounce ? JSON.stringify(a.bounce) : null,
    conversationId: a.conversationId,
  });
  return Number(info.lastInsertRowid);
}

/** Newest first, rows with an id below `beforeId`. */
export function outgoingAuditPage(db: Database, beforeId: number, limit: number): OutgoingAuditDbRow[] {
  return stmts(db).outgoingPage.all(beforeId, limit);
}

/** The newest non-bounce event of a mail we sent, by its Message-ID (without <>). */
export function lastOutgoingEvent(db: Database, messageId: string): OutgoingAuditDbRow | null {
  return stmts(db).lastOutgoing.get(messageId) ?? null;
}

/** Received mail (not from the mailbox itself), newest first, ids below `beforeId`. */
export function incomingAuditPage(db: Database, beforeId: number, limit: number): IncomingDbRow[] {
  return stmts(db).incomingPage.all(beforeId, limit);
}

/** Of the stored rows, those received by an IMAP account (candidates for inspection). */
export function receivedRows(db: Database, ids: readonly number[]): CandidateRow[] {
  return stmts(db).candidates.all(JSON.stringify(ids));
}

export function enqueueInspection(db: Database, messageId: number): void {
  stmts(db).enqueue.run(messageId);
}

export function inspectionTasks(db: Database, limit: number): InspectTask[] {
  return stmts(db).tasks.all(limit);
}

export function finishInspection(db: Database, messageId: number, fact: MailFact | null): void {
  db.transaction(() => {
    if (fact) stmts(db).putFact.run(messageId, fact);
    stmts(db).dequeue.run(messageId);
  })();
}

/** A fact known without inspecting (the mail's headers were read when it was listed). */
export function recordMailFact(db: Database, messageId: number, fact: MailFact): void {
  stmts(db).putFact.run(messageId, fact);
}

export function postponeInspection(db: Database, messageId: number): void {
  stmts(db).bumpAttempt.run(messageId);
}

/** What the inspector read about these messages (those not read have no entry). */
export function mailFacts(db: Database, messageIds: readonly number[]): Map<number, MailFact> {
  if (messageIds.length === 0) return new Map();
  return new Map(stmts(db).factsOf.all(JSON.stringify(messageIds)).map((r) => [r.message_id, r.kind]));
}
