import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { claimForSending, cancelOutboxItem, dueRows, insertOutboxItem, nextWakeAt } from '../../../src-main/core/db/outbox.repo.ts';

function fresh(upTo = migrations.length) {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, upTo));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'A', 'a@x.test', 0)").run();
  return db;
}

// Raw SQL: the repository prepares statements for columns of later migrations.
const draft = (db: Database.Database, conversationId: number | null) =>
  db.prepare("INSERT INTO drafts (account_id, conversation_id, mode, created_at, saved_at) VALUES (1, ?, 'reply', 0, 0)").run(conversationId);

describe('migration 0007 (compose)', () => {
  it('allows one open draft per conversation and mode, until 0018 lets merged conversations keep both', () => {
    const db = fresh(17);
    draft(db, 7);
    expect(() => draft(db, 7)).toThrow(/UNIQUE/);
    db.prepare("UPDATE drafts SET state = 'sent'").run();
    expect(() => draft(db, 7)).not.toThrow();
    expect(() => (draft(db, null), draft(db, null))).not.toThrow();
    migrate(db, migrations);
    expect(() => draft(db, 7)).not.toThrow();
  });

  it('keeps Message-IDs unique and lets a claim and a cancel not both win', () => {
    const db = fresh();
    const base = { draftId: 1, accountId: 1, conversationId: null, subject: 's', to: [], payload: '{}', state: 'undo-window' as const, sendAt: 100, now: 0 };
    const id = insertOutboxItem(db, { ...base, messageId: 'a@x.test' });
    expect(() => insertOutboxItem(db, { ...base, messageId: 'a@x.test' })).toThrow(/UNIQUE/);
    expect(nextWakeAt(db)).toBe(100);
    expect(dueRows(db, 99)).toEqual([]);
    expect(dueRows(db, 100).map((r) => r.id)).toEqual([id]);
    expect(claimForSending(db, id, false, 100)).toBe(true);
    expect(cancelOutboxItem(db, id, 101)).toBe(false);
    expect(claimForSending(db, id, false, 102)).toBe(false);
  });

  it('serves the dispatcher and the audit pages from indexes', () => {
    const db = fresh();
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    expect(plan("SELECT * FROM outbox WHERE state IN ('undo-window', 'scheduled', 'sending', 'failed') ORDER BY send_at, id")).toMatch(/USING INDEX outbox_pending/);
    expect(plan("SELECT * FROM drafts WHERE state = 'open' ORDER BY saved_at DESC, id DESC LIMIT 5")).toMatch(/USING INDEX drafts_open/);
    expect(plan('SELECT * FROM audit_outgoing WHERE id < ? ORDER BY id DESC LIMIT 5', 10)).toMatch(/USING INTEGER PRIMARY KEY/);
  });
});
