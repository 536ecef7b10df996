/**
 * Migration 0021: the end of an inspection (what the server's headers say
 * about received mail) queues its conversation for a refold, and a cache
 * that already holds out-of-offices, or mail still to be read, folds them
 * again by the new rule.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { enqueueInspection, finishInspection } from '../../../src-main/core/db/audit.repo.ts';

function cache(upTo: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, upTo));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  for (const c of [1, 2, 3, 4]) {
    db.prepare(`INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, customer_address, customer_name, last_message_at, message_count)
      VALUES (?, 1, ?, ?, 'Lamp', 'ann@shop.example', 'Ann', 0, 1)`).run(c, `m${c}@shop.example`, `TICKT${c}`);
    db.prepare(`INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_address, date, conversation_id)
      VALUES (?, 1, ?, ?, 'Lamp', 'ann@shop.example', 1000, ?)`).run(c, `m${c}@shop.example`, `k${c}`, c);
  }
  db.prepare('DELETE FROM triage_dirty').run();
  return db;
}

const queued = (db: Database.Database): number[] => db.prepare('SELECT conversation_id FROM triage_dirty ORDER BY conversation_id').pluck().all() as number[];

describe('migration 0021 (what the inspector reads refolds)', () => {
  it('queues the conversation when an inspection ends, with a fact or given up, once', () => {
    const db = cache(migrations.length);
    enqueueInspection(db, 1);
    enqueueInspection(db, 2);
    expect(queued(db)).toEqual([]);
    finishInspection(db, 1, 'auto-reply');
    finishInspection(db, 2, null);
    expect(queued(db)).toEqual([1, 2]);
    db.prepare('DELETE FROM triage_dirty').run();
    // The inspector reading the same mail again and finding it plain after all.
    finishInspection(db, 1, 'plain');
    expect(queued(db)).toEqual([1]);
    // A message deleted for good takes its task along without failing.
    enqueueInspection(db, 3);
    db.prepare('DELETE FROM messages WHERE id = 3').run();
    expect(queued(db)).toEqual([1]);
  });

  it('folds again the conversations of an older cache that hold out-of-offices or mail still to be read', () => {
    const db = cache(20);
    db.prepare("INSERT INTO mail_facts (message_id, kind) VALUES (1, 'auto-reply'), (2, 'bounce'), (4, 'plain')").run();
    db.prepare('INSERT INTO mail_inspect_queue (message_id) VALUES (3)').run();
    migrate(db, migrations);
    expect(queued(db)).toEqual([1, 3]);
  });
});
