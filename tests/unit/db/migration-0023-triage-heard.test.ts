/**
 * Migration 0023: an existing cache counts the mail its folds have seen as
 * heard, so the upgrade announces nothing old, and mail that arrived after
 * a conversation's last fold is still announced.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';

describe('migration 0023 (mail already heard)', () => {
  it('takes the mail of folded conversations up to their fold, and nothing of unfolded ones', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 22));
    db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
    for (const c of [1, 2]) {
      db.prepare(`INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, customer_address, customer_name, last_message_at, message_count)
        VALUES (?, 1, ?, ?, 'Lamp', 'ann@shop.example', 'Ann', 2000, 1)`).run(c, `m${c}@shop.example`, `TICKT${c}`);
    }
    const mail = (id: number, conversation: number, date: number) =>
      db.prepare("INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_address, date, conversation_id) VALUES (?, 1, ?, ?, 'Lamp', 'ann@shop.example', ?, ?)").run(id, `x${id}@shop.example`, `k${id}`, date, conversation);
    mail(1, 1, 1000);
    mail(2, 1, 2000);
    mail(3, 1, 3000);
    mail(4, 2, 1500);
    // Conversation 1 was folded when its newest mail was from 2000; conversation 2 never was.
    db.prepare("INSERT INTO conversation_state (conversation_id, account_id, last_message_at, status, view, active, mine, priority, tags_json, alert, alert_score, alert_reasons_json, overdue, unread) VALUES (1, 1, 2000, 'new', 'new', 1, 0, 'normal', '[]', 0, 0, '[]', 0, 1)").run();
    migrate(db, migrations);
    expect(db.prepare('SELECT message_id FROM triage_heard ORDER BY message_id').pluck().all()).toEqual([1, 2]);
    db.prepare('DELETE FROM messages WHERE id = 2').run();
    expect(db.prepare('SELECT message_id FROM triage_heard ORDER BY message_id').pluck().all()).toEqual([1]);
  });
});
