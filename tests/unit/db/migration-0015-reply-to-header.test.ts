/**
 * Migration 0015: Reply-To moves from the body to the message row. A body
 * stored under 0013 gives the row its Reply-To and its conversation takes the
 * contact form's customer at the next thread step; a body cached before 0013
 * names none, as it did; a row listed from its headers before 0015 learns its
 * Reply-To when the body arrives.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { getMessage } from '../../../src-main/core/db/messages.repo.ts';
import { storeFetchedBody } from '../../../src-main/core/db/bodies.repo.ts';
import { getAddress } from '../../../src-main/core/db/contacts.repo.ts';
import { repairStaleConversations } from '../../../src-main/core/conversations/rethread.ts';

const HANA = { name: 'Hana Berg', address: 'hana@home.example' };

function cacheAt14(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 14));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  const conversation = db.prepare(`INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, customer_address, customer_name, last_message_at, message_count)
    VALUES (?, 1, ?, ?, 'Contact form', 'noreply@site.example', 'Website', ?, 1)`);
  const message = db.prepare(`INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_name, from_address, date, has_body, conversation_id)
    VALUES (?, 1, ?, ?, 'Contact form', 'Website', 'noreply@site.example', ?, ?, ?)`);
  for (const [id, hasBody] of [[1, 1], [2, 1], [3, 0]] as const) {
    conversation.run(id, `form-${id}@site.example`, `K7F3Q${id}`, id * 1000);
    message.run(id, `form-${id}@site.example`, `k${id}`, id * 1000, hasBody, id);
  }
  db.prepare('INSERT INTO message_bodies (message_id, text, html, reply_to_json, fetched_at) VALUES (1, ?, NULL, ?, 5)').run('Name: Hana', JSON.stringify([HANA]));
  db.prepare("INSERT INTO message_bodies (message_id, text, html, fetched_at) VALUES (2, 'Cached before 0013', NULL, 5)").run();
  return db;
}

const customer = (db: Database.Database, id: number) => db.prepare('SELECT customer_address AS address, customer_name AS name FROM conversations WHERE id = ?').get(id);

it('gives the row the Reply-To its body kept, and the conversation the form’s customer', () => {
  const db = cacheAt14();
  migrate(db, migrations);
  expect(getMessage(db, 1)).toMatchObject({ text: 'Name: Hana', replyTo: [HANA] });
  expect(getMessage(db, 2)).toMatchObject({ text: 'Cached before 0013', replyTo: [] });
  expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('message_bodies')).not.toContain('reply_to_json');
  expect(db.prepare('SELECT conversation_id FROM conversation_stale').pluck().all()).toEqual([1]);

  repairStaleConversations(db);
  expect(customer(db, 1)).toEqual(HANA);
  expect(customer(db, 2)).toEqual({ address: 'noreply@site.example', name: 'Website' });
  // The form's customer becomes a contact as on a first mail; the website does not.
  expect(getAddress(db, HANA.address)).toMatchObject({ mail_name: HANA.name, mail_name_at: 1000 });
  expect(getAddress(db, 'noreply@site.example')).toBeNull();
  expect(db.prepare('SELECT count(*) FROM conversation_stale').pluck().get()).toBe(0);
});

it('lets a row listed before it learn its Reply-To from the body that comes later', () => {
  const db = cacheAt14();
  db.prepare('DELETE FROM message_bodies WHERE message_id = 1').run();
  db.prepare('UPDATE messages SET has_body = 0 WHERE id = 1').run();
  migrate(db, migrations);
  repairStaleConversations(db);
  const body = { text: 'Name: Hana', html: null, replyTo: [HANA], snippet: 'Name: Hana', hasAttachments: false, attachments: [] };
  expect(storeFetchedBody(db, 3, body, 10)).toBe(true);
  expect(getMessage(db, 3)).toMatchObject({ replyTo: [HANA] });
  expect(getAddress(db, HANA.address)).toBeNull();
  repairStaleConversations(db);
  expect(customer(db, 3)).toEqual(HANA);
  expect(getAddress(db, HANA.address)).toMatchObject({ mail_name: HANA.name });
});
