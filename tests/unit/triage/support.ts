/**
 * A throwaway cache for triage tests: the conversations test cache (real
 * migrations, one account with INBOX/Sent/Junk) plus a materializer, and
 * helpers to store threaded mail and read back what SQL holds.
 */
import type { Database } from 'better-sqlite3';
import { recordContactsOf } from '../../../src-main/core/contacts/customer-contacts.ts';
import { threadMessages } from '../../../src-main/core/conversations/rethread.ts';
import { conversationIdOfMessage } from '../../../src-main/core/db/conversations.repo.ts';
import { TriageMaterializer } from '../../../src-main/core/triage/refold.ts';
import { DESK, openTestCache, storeRow } from '../conversations/support/cache.ts';
import type { TestCache } from '../conversations/support/cache.ts';

export { DESK };

export interface TriageCache extends TestCache {
  materializer: TriageMaterializer;
  /** Stores and threads one message; returns its conversation id. */
  mail(id: string, at: number, fields?: { from?: string; fromName?: string; to?: string[]; replyTo?: string; inReplyTo?: string; text?: string; seen?: boolean; folder?: 'inbox' | 'sent' | 'junk' }): number;
  drain(limit?: number): ReturnType<TriageMaterializer['drain']>;
}

export function openTriageCache(): TriageCache {
  const cache = openTestCache();
  const materializer = new TriageMaterializer(cache.db, cache.actor.node);
  const t: TriageCache = {
    ...cache,
    materializer,
    mail(id, at, fields = {}) {
      const from = fields.from ?? 'alice@customer.example';
      const row = storeRow(t, {
        input: {
          messageId: id,
          inReplyTo: fields.inReplyTo ?? null,
          references: fields.inReplyTo ? [fields.inReplyTo] : [],
          subject: 'Order problem',
          from,
          to: fields.to ?? (from === DESK ? ['alice@customer.example'] : [DESK]),
          ...(fields.replyTo ? { replyTo: [fields.replyTo] } : {}),
          date: at,
        },
        dedupeKey: id,
        text: fields.text ?? `text of ${id}`,
        seen: fields.seen ?? false,
        fromName: fields.fromName ?? (from === DESK ? 'Support' : 'Alice Example'),
        ...(fields.folder ? { folder: fields.folder } : {}),
      });
      t.db.transaction(() => {
        threadMessages(t.db, [row]);
        recordContactsOf(t.db, [row]);
      })();
      const conversation = conversationIdOfMessage(t.db, row);
      if (conversation === null) throw new Error(`message ${id} was not threaded`);
      return conversation;
    },
    drain(limit = 10_000) {
      return materializer.drain(t.clock.now(), limit);
    },
  };
  return t;
}

/** Test-only SQL: the counts the triggers keep, and the same counts computed from scratch. */
export function countsTables(db: Database): { kept: unknown[]; computed: unknown[] } {
  const kept = db
    .prepare('SELECT account_id, view, assignee, overdue, alert, mine, unread, n FROM triage_counts WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7')
    .all();
  const computed = db
    .prepare(`SELECT account_id, view, coalesce(assignee, '') AS assignee, overdue, alert, mine, unread, count(*) AS n
      FROM conversation_state GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`)
    .all();
  return { kept, computed };
}

export function tagCountsTables(db: Database): { kept: unknown[]; computed: unknown[] } {
  return {
    kept: db.prepare('SELECT account_id, tag, unread, n FROM triage_tag_counts WHERE n > 0 ORDER BY 1, 2, 3').all(),
    computed: db.prepare('SELECT account_id, tag, unread, count(*) AS n FROM conversation_tags GROUP BY 1, 2, 3 ORDER BY 1, 2, 3').all(),
  };
}
