import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import { formatTimestamp } from '../../../src-main/core/team/hlc.ts';

const BOB = '00000000000000b0';

it('queues for indexing the messages that notes made before it are anchored to', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 10));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'A', 'desk@x.test', 0)").run();
  // Written as SQL: the repository of today prepares statements for columns later migrations add.
  const message = (messageId: string) =>
    Number(db.prepare("INSERT INTO messages (account_id, message_id, dedupe_key, subject, from_address, date) VALUES (1, ?, ?, 's', 'ann@x.test', 1)").run(messageId, messageId).lastInsertRowid);
  const noted = message('noted@x.test');
  message('plain@x.test');
  appendOps(db, [
    { hlc: formatTimestamp(10, 0, BOB), actor: BOB, entity: 'note:n1', field: 'conversation', value: 'noted@x.test' },
    { hlc: formatTimestamp(10, 1, BOB), actor: BOB, entity: 'note:n1', field: 'markdown', value: 'ask the depot' },
  ], 10, 'received');
  // As if the search had indexed everything since.
  db.exec('DELETE FROM search_queue');
  migrate(db);
  expect(db.prepare('SELECT message_id FROM search_queue').pluck().all()).toEqual([noted]);
});
