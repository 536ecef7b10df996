/**
 * Migration 0014: when a body arrives after headers-first sync, the
 * conversation's snippet is recomputed from its newest member that is not
 * a rule's acknowledgement, as threading computes it; a conversation of
 * acknowledgements alone still shows one.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';

it('keeps the customer’s words as the snippet when a body arrives after an acknowledgement', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  db.prepare("INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, last_message_at) VALUES (7, 1, 'anna-1@shop.example', 'K7F3Q2', 'Help', 2000)").run();
  db.prepare("INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, last_message_at) VALUES (8, 1, 'sb-action.b@x.test', 'K7F3Q3', 'Re: Old', 3000)").run();
  const insert = db.prepare("INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_address, date, snippet, conversation_id) VALUES (?, 1, ?, ?, 'Help', ?, ?, ?, ?)");
  insert.run(1, 'anna-1@shop.example', 'k1', 'anna@shop.example', 1000, '', 7);
  insert.run(2, 'sb-action.a@x.test', 'k2', 'desk@x.test', 2000, 'Thanks, we have your message.', 7);
  insert.run(3, 'sb-action.b@x.test', 'k3', 'desk@x.test', 3000, '', 8);
  const snippet = (id: number) => db.prepare('SELECT snippet FROM conversations WHERE id = ?').pluck().get(id);

  db.prepare("UPDATE messages SET snippet = 'My kettle leaks.' WHERE id = 1").run();
  expect(snippet(7)).toBe('My kettle leaks.');
  db.prepare("UPDATE messages SET snippet = 'Thanks for writing.' WHERE id = 3").run();
  expect(snippet(8)).toBe('Thanks for writing.');
});
