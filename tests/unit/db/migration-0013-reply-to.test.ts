/**
 * Migration 0013: a body cached before it reads as naming no Reply-To (its
 * replies go to the sender, as they did), and a body stored after it keeps
 * the mail's Reply-To for the reply and the reading view.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { getMessage, insertBody } from '../../../src-main/core/db/messages.repo.ts';

it('keeps a body cached before it, and stores the Reply-To of one stored after', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 12));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  for (const id of [1, 2]) {
    db.prepare("INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_address, date) VALUES (?, 1, ?, ?, 'Help', 'noreply@shop.example', 1000)").run(id, `m${id}@x`, `k${id}`);
  }
  db.prepare("INSERT INTO message_bodies (message_id, text, html, fetched_at) VALUES (1, 'Old body', NULL, 5)").run();
  migrate(db, migrations);
  expect(getMessage(db, 1)).toMatchObject({ text: 'Old body', replyTo: [] });
  insertBody(db, 2, { text: 'New body', html: null, replyTo: [{ name: 'Hana', address: 'hana@home.example' }] }, 6);
  expect(getMessage(db, 2)).toMatchObject({ text: 'New body', replyTo: [{ name: 'Hana', address: 'hana@home.example' }] });
});
