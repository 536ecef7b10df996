/**
 * Migration 0025: conversation_state gains who follows each conversation,
 * empty for every row that existed (no follow op predates it).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';

describe('migration 0025 (followers)', () => {
  it('gives existing conversation states no followers', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 24));
    db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
    db.prepare(`INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, customer_address, customer_name, last_message_at, message_count)
      VALUES (1, 1, 'm1@shop.example', 'TICKT1', 'Lamp', 'ann@shop.example', 'Ann', 1000, 1)`).run();
    db.prepare("INSERT INTO conversation_state (conversation_id, account_id, last_message_at, status, view, active, mine, priority, tags_json, alert, alert_score, alert_reasons_json, overdue, unread) VALUES (1, 1, 1000, 'new', 'new', 1, 0, 'normal', '[]', 0, 0, '[]', 0, 1)").run();
    migrate(db, migrations);
    expect(db.prepare('SELECT followers_json FROM conversation_state').pluck().all()).toEqual(['[]']);
  });
});
