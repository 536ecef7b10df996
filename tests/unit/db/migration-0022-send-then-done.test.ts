/**
 * Migration 0022: outbox rows carry the status their conversation takes once
 * sent. Rows queued before it take none, and nothing but "done" is stored.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';

describe('migration 0022 (send, then done)', () => {
  it('keeps waiting rows as they were and refuses a status it does not know', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 21));
    db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
    db.prepare("INSERT INTO drafts (id, account_id, conversation_id, mode, state, created_at, saved_at, written) VALUES (1, 1, NULL, 'reply', 'queued', 0, 0, 1)").run();
    db.prepare(`INSERT INTO outbox (id, draft_id, account_id, message_id, subject, to_json, payload, state, send_at, created_at, updated_at)
      VALUES (1, 1, 1, 'm@x.test', 's', '[]', '{}', 'scheduled', 9000, 0, 0)`).run();
    migrate(db, migrations);
    expect(db.prepare('SELECT then_status FROM outbox WHERE id = 1').pluck().get()).toBeNull();
    db.prepare("UPDATE outbox SET then_status = 'done' WHERE id = 1").run();
    expect(() => db.prepare("UPDATE outbox SET then_status = 'closed' WHERE id = 1").run()).toThrow(/CHECK/);
  });
});
