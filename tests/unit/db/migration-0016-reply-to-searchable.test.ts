/**
 * Migration 0016: mail indexed before the full-text index's sender column
 * held the Reply-To is indexed again, so a contact form's customer finds it.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { indexQueuedMessages } from '../../../src-main/core/db/search.repo.ts';

it('indexes mail that names a Reply-To again, and no other', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 15));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  const insert = db.prepare("INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_address, reply_to_json, date) VALUES (?, 1, ?, ?, 'Contact form', 'noreply@shop.example', ?, 1000)");
  insert.run(1, 'form-1@shop.example', 'k1', JSON.stringify([{ name: 'Hana Berg', address: 'hana@home.example' }]));
  insert.run(2, 'news-1@shop.example', 'k2', '[]');
  // Indexed as the code before it did: the sender column without the Reply-To.
  db.prepare('DELETE FROM search_queue').run();
  db.prepare("INSERT INTO message_fts (rowid, subject, body, sender, recipients, meta) SELECT search_doc, subject, '', from_address, '', 'msg acct1' FROM messages").run();
  const senderHits = (word: string) => db.prepare('SELECT count(*) FROM message_fts WHERE message_fts MATCH ?').pluck().get(`sender:${word}`);
  expect(senderHits('hana')).toBe(0);

  migrate(db, migrations);
  expect(db.prepare('SELECT message_id FROM search_queue').pluck().all()).toEqual([1]);
  indexQueuedMessages(db);
  expect(senderHits('hana')).toBe(1);
  expect(senderHits('noreply')).toBe(2);
});
