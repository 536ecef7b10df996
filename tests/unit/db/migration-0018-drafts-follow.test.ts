/**
 * Migration 0018: drafts and replies on their way out belong to the
 * conversation of the message they answer, wherever threading moves it;
 * those left behind by an earlier merge are found again.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { setMessageConversations } from '../../../src-main/core/db/conversations.repo.ts';
import { insertDraft, listOpenDrafts, openDraftFor, setDraftState } from '../../../src-main/core/db/drafts.repo.ts';
import { getOutboxRow, insertOutboxItem } from '../../../src-main/core/db/outbox.repo.ts';

function cache(upTo: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, upTo));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  const conversation = db.prepare(`INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, customer_address, customer_name, last_message_at, message_count)
    VALUES (?, 1, ?, ?, 'Lamp', 'ann@shop.example', 'Ann', 0, 1)`);
  const message = db.prepare(`INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_address, date, conversation_id)
    VALUES (?, 1, ?, ?, 'Lamp', 'ann@shop.example', ?, ?)`);
  for (const id of [1, 2]) {
    conversation.run(id, `m${id}@shop.example`, `TICKT${id}`);
    message.run(id, `m${id}@shop.example`, `k${id}`, id * 1000, id);
  }
  return db;
}

const draft = (conversationId: number, inReplyTo: number, now: number) => ({
  accountId: 1, conversationId, mode: 'reply' as const, inReplyTo, to: [], cc: [], bcc: [], subject: 'Re: Lamp', html: `<p>${now}</p>`, now,
});
const outboxItem = (draftId: number, conversationId: number, messageId: string, state: 'undo-window' | 'scheduled') => ({
  draftId, accountId: 1, conversationId, messageId, subject: 'Re: Lamp', to: [], payload: '{}', state, sendAt: 5000, now: 100,
});
const conversationOf = (db: Database.Database, table: 'drafts' | 'outbox', id: number) => db.prepare(`SELECT conversation_id FROM ${table} WHERE id = ?`).pluck().get(id);

describe('migration 0018 (drafts follow the message they answer)', () => {
  it('finds a draft and its queued reply that an earlier merge left under a deleted conversation', () => {
    const db = cache(17);
    // As the code before 0018 left them: message 2 was merged into conversation 1 and conversation 2 deleted.
    db.prepare("INSERT INTO drafts (id, account_id, conversation_id, mode, in_reply_to, state, created_at, saved_at) VALUES (1, 1, 2, 'reply', 2, 'open', 0, 0)").run();
    db.prepare("INSERT INTO drafts (id, account_id, conversation_id, mode, in_reply_to, state, created_at, saved_at) VALUES (2, 1, 2, 'forward', 2, 'queued', 0, 0)").run();
    db.prepare("INSERT INTO drafts (id, account_id, conversation_id, mode, in_reply_to, state, created_at, saved_at) VALUES (3, 1, 2, 'replyAll', 2, 'sent', 0, 0)").run();
    db.prepare(`INSERT INTO outbox (id, draft_id, account_id, conversation_id, message_id, subject, to_json, payload, state, send_at, created_at, updated_at)
      VALUES (1, 2, 1, 2, 'fwd@x.test', 's', '[]', '{}', 'scheduled', 9000, 0, 0), (2, 3, 1, 2, 'old@x.test', 's', '[]', '{}', 'sent', 0, 0, 0)`).run();
    db.prepare('UPDATE messages SET conversation_id = 1 WHERE id = 2').run();
    db.prepare('DELETE FROM conversations WHERE id = 2').run();

    migrate(db, migrations);
    expect([1, 2, 3].map((id) => conversationOf(db, 'drafts', id))).toEqual([1, 1, 2]);
    expect([1, 2].map((id) => conversationOf(db, 'outbox', id))).toEqual([1, 2]);
    expect(listOpenDrafts(db, 1).map((d) => d.id)).toEqual([1]);
  });

  it('moves an open draft and a waiting reply with their message; two replies meeting in one conversation both stay open', () => {
    const db = cache(migrations.length);
    const older = insertDraft(db, draft(1, 1, 100));
    const newer = insertDraft(db, draft(2, 2, 200));
    const queued = insertDraft(db, { ...draft(2, 2, 50), mode: 'forward' });
    setDraftState(db, queued, 'queued');
    const waiting = insertOutboxItem(db, outboxItem(queued, 2, 'w@x.test', 'scheduled'));

    setMessageConversations(db, [[2, 1]]);
    expect(conversationOf(db, 'drafts', newer)).toBe(1);
    expect(conversationOf(db, 'drafts', queued)).toBe(1);
    expect(getOutboxRow(db, waiting)?.conversation_id).toBe(1);
    expect(listOpenDrafts(db, 1).map((d) => d.id)).toEqual([newer, older]);
    expect(openDraftFor(db, 1, 'reply')?.id).toBe(newer);

    // A split takes the answered message, and the draft, to a conversation of its own again.
    setMessageConversations(db, [[2, 2]]);
    expect(conversationOf(db, 'drafts', newer)).toBe(2);
    expect(openDraftFor(db, 1, 'reply')?.id).toBe(older);
  });
});
