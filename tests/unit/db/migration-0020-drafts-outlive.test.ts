/**
 * Migration 0020: a draft whose conversation is deleted (its last message
 * deleted for good) keeps everything but the link, and opens as mail of its
 * own; so does a reply waiting in the outbox.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { repairStaleConversations } from '../../../src-main/core/conversations/rethread.ts';
import { getDraft, insertDraft, saveDraft, writtenDrafts } from '../../../src-main/core/db/drafts.repo.ts';
import { getOutboxRow, insertOutboxItem } from '../../../src-main/core/db/outbox.repo.ts';

function cache(upTo: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, upTo));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  db.prepare(`INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, customer_address, customer_name, last_message_at, message_count)
    VALUES (1, 1, 'm1@shop.example', 'TICKT1', 'Lamp', 'ann@shop.example', 'Ann', 0, 1)`).run();
  db.prepare(`INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_address, date, conversation_id)
    VALUES (1, 1, 'm1@shop.example', 'k1', 'Lamp', 'ann@shop.example', 1000, 1)`).run();
  return db;
}

describe('migration 0020 (drafts outlive their conversation)', () => {
  it('detaches a draft and its waiting reply when the conversation’s last message is deleted for good', () => {
    const db = cache(migrations.length);
    const base = { accountId: 1, conversationId: 1, inReplyTo: 1, to: [{ name: 'Ann', address: 'ann@shop.example' }], cc: [], bcc: [], subject: 'Re: Lamp [#TICKT1]', html: '', now: 10 };
    const open = insertDraft(db, { ...base, mode: 'reply' });
    saveDraft(db, open, { to: base.to, cc: [], bcc: [], subject: base.subject, html: '<p>A new lamp is on its way.</p>' }, 20);
    const queued = insertDraft(db, { ...base, mode: 'forward' });
    db.prepare("UPDATE drafts SET state = 'queued' WHERE id = ?").run(queued);
    const waiting = insertOutboxItem(db, { draftId: queued, accountId: 1, conversationId: 1, messageId: 'w@x.test', subject: 's', to: [], payload: '{}', state: 'scheduled', sendAt: 9000, now: 10 });

    db.prepare('DELETE FROM messages WHERE id = 1').run();
    repairStaleConversations(db);
    expect(db.prepare('SELECT count(*) FROM conversations').pluck().get()).toBe(0);
    expect(getDraft(db, open)).toMatchObject({ conversationId: null, mode: 'reply', subject: 'Re: Lamp [#TICKT1]', html: '<p>A new lamp is on its way.</p>', to: base.to });
    expect(getDraft(db, queued)?.conversationId).toBeNull();
    expect(getOutboxRow(db, waiting)?.conversation_id).toBeNull();
    expect(writtenDrafts(db).map((d) => [d.id, d.conversationId])).toEqual([[open, null]]);
  });

  it('detaches drafts an earlier deletion left pointing at nothing, and leaves sent ones as they were', () => {
    const db = cache(19);
    db.prepare("INSERT INTO drafts (id, account_id, conversation_id, mode, state, created_at, saved_at, written) VALUES (1, 1, 99, 'reply', 'open', 0, 5, 1), (2, 1, 1, 'reply', 'open', 0, 5, 1), (3, 1, 99, 'reply', 'sent', 0, 5, 1)").run();
    migrate(db, migrations);
    expect(db.prepare('SELECT id, conversation_id FROM drafts ORDER BY id').all()).toEqual([
      { id: 1, conversation_id: null },
      { id: 2, conversation_id: 1 },
      { id: 3, conversation_id: 99 },
    ]);
  });
});
