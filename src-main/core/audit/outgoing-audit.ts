/**
 * The outgoing audit: one row per event of a mail we send (queued, sent,
 * failed, cancelled, bounced), with the server's answer verbatim and the
 * reason in plain words; read newest first, keyset-paged by row id.
 *
 * The reason is written once, in core's English, and stays so: the audit is
 * the record of what happened, read next to core.log and the server's own
 * answer, and handed to IT or a provider as it is. What the agent must act on
 * (the "To send" drawer, notifications) says the same by key, in their language.
 */
import type { Database } from 'better-sqlite3';
import type { AuditOutcome, OutgoingAuditRow, Page } from '../../../src-preload/api.ts';
import type { OutgoingAuditDbRow } from '../db/audit.repo.ts';
import { insertOutgoingAudit, outgoingAuditPage } from '../db/audit.repo.ts';
import type { OutboxDbRow } from '../db/outbox.repo.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';

export function auditOutboxEvent(db: Database, row: OutboxDbRow, outcome: AuditOutcome, at: number, smtpResponse: string | null, reason: string | null): void {
  let to: string[] = [];
  try {
    to = (JSON.parse(row.to_json) as Array<{ address: string }>).map((a) => a.address);
  } catch {
    // an unreadable list is audited as empty rather than lost
  }
  insertOutgoingAudit(db, {
    at,
    accountId: row.account_id,
    outboxId: row.id,
    messageId: row.message_id,
    to,
    subject: row.subject,
    outcome,
    smtpResponse,
    reason,
    bounce: null,
    conversationId: row.conversation_id,
  });
}

function toRow(r: OutgoingAuditDbRow): OutgoingAuditRow {
  const parse = <T>(json: string | null, fallback: T): T => {
    if (json === null) return fallback;
    try {
      return JSON.parse(json) as T;
    } catch {
      return fallback;
    }
  };
  return {
    id: r.id,
    at: r.at,
    accountId: r.account_id,
    messageId: r.message_id,
    to: parse<string[]>(r.to_json, []),
    subject: r.subject,
    outcome: r.outcome,
    smtpResponse: r.smtp_response,
    reason: r.reason,
    bounce: parse<OutgoingAuditRow['bounce']>(r.bounce_json, null),
    conversationId: r.conversation_id,
  };
}

/** Cursors are the last row id of the previous page, as a decimal string. */
export function decodeIdCursor(cursor: string | null): number {
  if (cursor === null) return Number.MAX_SAFE_INTEGER;
  if (!/^[1-9][0-9]{0,15}$/.test(cursor)) throw new DeskFailure('bad-request', sentence('listPositionStale'));
  return Number(cursor);
}

export function outgoingAudit(db: Database, cursor: string | null, limit: number): Page<OutgoingAuditRow> {
  const rows = outgoingAuditPage(db, decodeIdCursor(cursor), limit + 1);
  const items = rows.slice(0, limit).map(toRow);
  return { items, nextCursor: rows.length > limit && items.length > 0 ? String(items[items.length - 1]?.id) : null };
}
