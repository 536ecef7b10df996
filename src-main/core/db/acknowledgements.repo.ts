/**
 * The acknowledgement queue (migration 0012): SQL for rules/rule-step.ts,
 * which queues, and rules/acknowledger.ts, which works the queue.
 */
import type { Database } from 'better-sqlite3';
import type { AcknowledgementReason } from '../../../src-preload/api.ts';
import { fromCustomerSql } from './customer-mail.sql.ts';
import { preparedStatements } from './prepared.ts';

export type AcknowledgementState = 'pending' | 'sent' | 'sent-elsewhere' | 'skipped' | 'failed';

export interface QueuedAcknowledgement {
  actionId: string;
  accountId: number;
  messageRowId: number;
  ruleId: string;
  templateId: string;
}

/** A pending acknowledgement with what sending it needs from the cache. */
export interface DueAcknowledgement {
  id: number;
  action_id: string;
  account_id: number;
  rule_id: string;
  template_id: string;
  attempts: number;
  created_at: number;
  message_row_id: number;
  message_id: string;
  subject: string;
  from_name: string;
  from_address: string;
  to_json: string;
  reply_to_json: string;
  date: number;
  references_json: string;
  in_reply_to: string | null;
  conversation_id: number | null;
  ticket: string | null;
  /** Folded status of the conversation, when folded yet. */
  status: string | null;
  /** Where the mail is on the server (its Inbox copy, else any), for reading its headers. */
  path: string | null;
  uidvalidity: number | null;
  uid: number | null;
}

export interface AcknowledgementRow {
  id: number;
  action_id: string;
  state: AcknowledgementState;
  recipient: string | null;
  reason: string | null;
  reason_code: AcknowledgementReason | null;
  attempts: number;
}

/** An acknowledgement of a conversation's mail that was not sent, for its timeline. */
export interface NotSentRow {
  id: number;
  rule_id: string;
  reason_code: AcknowledgementReason;
  settled_at: number;
}

const stmts = preparedStatements({
  queue: `INSERT OR IGNORE INTO acknowledgements (action_id, account_id, message_id, rule_id, template_id, next_at, created_at)
    VALUES (@actionId, @accountId, @messageRowId, @ruleId, @templateId, @now, @now)`,
  due: `SELECT a.id, a.action_id, a.account_id, a.rule_id, a.template_id, a.attempts, a.created_at,
      m.id AS message_row_id, m.message_id, m.subject, m.from_name, m.from_address, m.to_json, m.reply_to_json, m.date, m.references_json, m.in_reply_to,
      m.conversation_id, c.ticket, s.status, f.path, l.uidvalidity, l.uid
    FROM acknowledgements a JOIN messages m ON m.id = a.message_id
    LEFT JOIN conversations c ON c.id = m.conversation_id
    LEFT JOIN conversation_state s ON s.conversation_id = m.conversation_id
    LEFT JOIN message_locations l ON l.rowid = (
      SELECT l2.rowid FROM message_locations l2 JOIN folders f2 ON f2.id = l2.folder_id
      WHERE l2.message_id = m.id AND l2.uidvalidity > 0 AND l2.uid > 0 AND l2.hidden_by_op IS NULL
      ORDER BY f2.role = 'inbox' DESC LIMIT 1)
    LEFT JOIN folders f ON f.id = l.folder_id
    WHERE a.state = 'pending' AND a.next_at <= ?
    ORDER BY a.next_at, a.id LIMIT ?`,
  nextAt: `SELECT min(next_at) AS at FROM acknowledgements WHERE state = 'pending'`,
  // The team's mail in the conversation from the mail's date on (not a rule's acknowledgement, not a contact form sent
  // as our own address), or a reply of this desktop's on its way out.
  answered: `SELECT EXISTS (SELECT 1 FROM messages m JOIN accounts a ON a.id = m.account_id
        WHERE m.conversation_id = @conversationId AND m.date >= @since AND (m.message_id IS NULL OR m.message_id NOT LIKE 'sb-action.%')
          AND NOT ${fromCustomerSql('m', 'a')})
      OR EXISTS (SELECT 1 FROM outbox o WHERE o.conversation_id = @conversationId AND o.state IN ('undo-window', 'scheduled', 'sending', 'sent')) AS yes`,
  settle: `UPDATE acknowledgements SET state = @state, recipient = coalesce(@recipient, recipient), reason = @reason, reason_code = @code, settled_at = @now WHERE id = @id`,
  postpone: `UPDATE acknowledgements SET attempts = attempts + @counts, next_at = @nextAt, reason = @reason WHERE id = @id`,
  retryNow: `UPDATE acknowledgements SET next_at = ? WHERE account_id = ? AND state = 'pending' AND next_at > ?`,
  recent: `SELECT count(*) AS n FROM acknowledgements WHERE recipient = ? AND state IN ('sent', 'sent-elsewhere') AND settled_at >= ?`,
  byAction: `SELECT id, action_id, state, recipient, reason, reason_code, attempts FROM acknowledgements WHERE action_id = ?`,
  notSent: `SELECT a.id, a.rule_id, a.reason_code, a.settled_at FROM acknowledgements a JOIN messages m ON m.id = a.message_id
    WHERE m.conversation_id = ? AND a.state IN ('skipped', 'failed') AND a.reason_code IS NOT NULL AND a.settled_at IS NOT NULL ORDER BY a.id`,
});

/** Queues acknowledgements (one per action: a mail stored twice is acknowledged once). Returns how many are new. */
export function queueAcknowledgements(db: Database, rows: readonly QueuedAcknowledgement[], now: number): number {
  let added = 0;
  for (const row of rows) added += stmts(db).queue.run({ ...row, now }).changes;
  return added;
}

export function dueAcknowledgements(db: Database, now: number, limit: number): DueAcknowledgement[] {
  return stmts(db).due.all(now, limit) as DueAcknowledgement[];
}

/** When the next pending acknowledgement is due; null when none is pending. */
export function nextAcknowledgementAt(db: Database): number | null {
  return (stmts(db).nextAt.get() as { at: number | null }).at;
}

export interface Settlement {
  state: Exclude<AcknowledgementState, 'pending'>;
  recipient: string | null;
  /** Why it was not sent: null when it was. */
  reason: { code: AcknowledgementReason; text: string } | null;
}

export function settleAcknowledgement(db: Database, id: number, s: Settlement, now: number): void {
  stmts(db).settle.run({ id, state: s.state, recipient: s.recipient === null ? null : s.recipient.toLowerCase(), reason: s.reason?.text ?? null, code: s.reason?.code ?? null, now });
}

/** Whether the team answered the conversation since `since` (epoch ms), or this desktop's answer is on its way. */
export function teamAnsweredSince(db: Database, conversationId: number, since: number): boolean {
  return (stmts(db).answered.get({ conversationId, since }) as { yes: number }).yes === 1;
}

/** The account's pending acknowledgements are due now (its server answers again); returns how many. */
export function retryPendingNow(db: Database, accountId: number, now: number): number {
  return stmts(db).retryNow.run(now, accountId, now).changes;
}

/** `failedAttempt`: false when it only waits for this desktop to catch up, which does not bring giving up nearer. */
export function postponeAcknowledgement(db: Database, id: number, nextAt: number, reason: string, failedAttempt = true): void {
  stmts(db).postpone.run({ id, nextAt, reason, counts: failedAttempt ? 1 : 0 });
}

/** How many acknowledgements went to this address (by anyone in the team, as far as this desktop knows) since then. */
export function acknowledgementsSentTo(db: Database, recipient: string, since: number): number {
  return (stmts(db).recent.get(recipient.toLowerCase(), since) as { n: number }).n;
}

export function acknowledgementOf(db: Database, actionId: string): AcknowledgementRow | null {
  return (stmts(db).byAction.get(actionId) as AcknowledgementRow | undefined) ?? null;
}

/** The conversation's acknowledgements that were not sent (skipped or failed here), oldest first. */
export function acknowledgementsNotSent(db: Database, conversationId: number): NotSentRow[] {
  return stmts(db).notSent.all(conversationId) as NotSentRow[];
}
