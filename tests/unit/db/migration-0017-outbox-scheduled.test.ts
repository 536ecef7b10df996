/**
 * Migration 0017: outbox items queued before it learn whether the agent
 * scheduled them, so a scheduled reply still waiting (or failed and retried)
 * is checked against its conversation when it goes out.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { getOutboxRow, insertOutboxItem } from '../../../src-main/core/db/outbox.repo.ts';

it('marks waiting scheduled items, and failed ones whose time lay beyond any undo window, as scheduled', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 16));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  // As the outbox before 0017 wrote them (the repository of today needs the new column).
  const insert = db.prepare(`INSERT INTO outbox (id, draft_id, account_id, message_id, subject, to_json, payload, state, send_at, created_at, updated_at)
    VALUES (?, ?, 1, ?, 's', '[]', '{}', ?, ?, 1000, 1000)`);
  insert.run(1, 1, 'waiting@x.test', 'scheduled', 1000 + 86_400_000);
  insert.run(2, 2, 'retried@x.test', 'failed', 1000 + 3_600_000);
  insert.run(3, 3, 'undo@x.test', 'undo-window', 1000 + 10_000);
  insert.run(4, 4, 'undo-failed@x.test', 'failed', 1000 + 120_000);

  migrate(db, migrations);
  expect(db.prepare('SELECT id FROM outbox WHERE scheduled = 1 ORDER BY id').pluck().all()).toEqual([1, 2]);

  const item = { draftId: 9, accountId: 1, conversationId: null, subject: 's', to: [], payload: '{}', now: 5000 };
  const later = insertOutboxItem(db, { ...item, messageId: 'later@x.test', state: 'scheduled', sendAt: 10_000 });
  const now = insertOutboxItem(db, { ...item, messageId: 'now@x.test', state: 'undo-window', sendAt: 10_000 });
  expect(getOutboxRow(db, later)?.scheduled).toBe(1);
  expect(getOutboxRow(db, now)?.scheduled).toBe(0);
});
