/**
 * The incoming audit: every received mail and what became of it, computed
 * when the page is asked for (from the message, its conversation, its
 * folders, the sender's contact and what the inspector read), so it can never
 * disagree with the cache. Precedence: a duplicate is only that; automatic
 * mail (bounce, auto-reply) before the sender's standing (blocked, spam);
 * otherwise it started a conversation or joined one.
 */
import type { Database } from 'better-sqlite3';
import type { IncomingAuditRow, IncomingDisposition, Page } from '../../../src-preload/api.ts';
import type { IncomingDbRow } from '../db/audit.repo.ts';
import { incomingAuditPage } from '../db/audit.repo.ts';
import { isAddressBlocked } from '../db/contacts.repo.ts';
import { decodeIdCursor } from './outgoing-audit.ts';

export function dispositionOf(r: IncomingDbRow, blocked: boolean): IncomingDisposition {
  if (r.duplicate) return 'duplicate';
  if (r.fact === 'bounce') return 'bounce';
  if (r.fact === 'auto-reply') return 'auto-reply';
  if (blocked) return 'blocked-contact';
  if (r.in_junk) return 'spam';
  if (r.conversation_id !== null && r.root_message_id !== null && r.root_message_id !== r.message_id) return 'added-to-conversation';
  return 'new-conversation';
}

export function incomingAudit(db: Database, cursor: string | null, limit: number): Page<IncomingAuditRow> {
  const rows = incomingAuditPage(db, decodeIdCursor(cursor), limit + 1);
  const items = rows.slice(0, limit).map(
    (r): IncomingAuditRow => ({
      id: r.id,
      at: r.date,
      accountId: r.account_id,
      messageId: r.message_id,
      from: r.from_name ? `${r.from_name} <${r.from_address}>` : r.from_address,
      subject: r.subject,
      disposition: dispositionOf(r, r.from_address !== '' && isAddressBlocked(db, r.from_address.trim().toLowerCase())),
      ticket: r.ticket,
      conversationId: r.conversation_id,
    }),
  );
  return { items, nextCursor: rows.length > limit && items.length > 0 ? String(items[items.length - 1]?.id) : null };
}
