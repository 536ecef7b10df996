import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertLocations, insertMessages } from '../../../src-main/core/db/batch-insert.repo.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import type { NewMessage } from '../../../src-main/core/db/messages.repo.ts';
import { insertLocation, insertMessage } from '../../../src-main/core/db/messages.repo.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

// Any text a header can decode to: quotes, backslashes, control characters, emoji, right-to-left.
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const address = fc.record({ name: text, address: text });

const message = fc.record({
  messageId: fc.option(text, { nil: null }),
  subject: text,
  from: address,
  to: fc.array(address, { maxLength: 3 }),
  cc: fc.array(address, { maxLength: 2 }),
  inReplyTo: fc.option(text, { nil: null }),
  references: fc.array(text, { maxLength: 3 }),
  date: fc.integer({ min: -2_000_000_000_000, max: 9_000_000_000_000 }),
  snippet: text,
  hasAttachments: fc.boolean(),
  seen: fc.boolean(),
  size: fc.nat({ max: 2 ** 31 }),
  hasBody: fc.option(fc.boolean(), { nil: undefined }),
  conversation: fc.option(fc.nat({ max: 2 }), { nil: null }),
});

interface Desk {
  db: Database;
  accountId: number;
  folderId: number;
  conversations: number[];
}

function desk(): Desk {
  const { db } = openDatabase(':memory:');
  const accountId = seedAccount(db);
  const folderId = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
  const add = db.prepare("INSERT INTO conversations (account_id, root_message_id, ticket) VALUES (?, ?, 'T')");
  const conversations = ['a', 'b', 'c'].map((root) => Number(add.run(accountId, root).lastInsertRowid));
  return { db, accountId, folderId, conversations };
}

function newMessages(d: Desk, generated: ReadonlyArray<fc.RecordValue<typeof message extends fc.Arbitrary<infer T> ? T : never>>): NewMessage[] {
  return generated.map(({ conversation, ...m }, i) => ({ ...m, accountId: d.accountId, dedupeKey: `key-${i}`, conversationId: conversation === null ? null : d.conversations[conversation] }));
}

function stored(db: Database): unknown[] {
  return db.prepare('SELECT * FROM messages ORDER BY dedupe_key').all().map((r) => ({ ...(r as Record<string, unknown>), id: undefined }));
}

describe('batch-insert.repo', () => {
  it('stores a batch exactly as inserting it row by row does, and returns each row id in input order', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), (generated) => {
        const bulk = desk();
        const single = desk();
        try {
          const batch = newMessages(bulk, generated);
          const ids = insertMessages(bulk.db, batch);
          for (const m of newMessages(single, generated)) insertMessage(single.db, m);
          expect(stored(bulk.db)).toEqual(stored(single.db));
          const keyOf = bulk.db.prepare('SELECT dedupe_key AS k FROM messages WHERE id = ?');
          expect(ids.map((id) => (keyOf.get(id) as { k: string }).k)).toEqual(batch.map((m) => m.dedupeKey));
          // The triggers ran per row: every message is queued for the search index.
          expect((bulk.db.prepare('SELECT count(*) AS n FROM search_queue').get() as { n: number }).n).toBe(batch.length);
        } finally {
          bulk.db.close();
          single.db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a batch with a mail already stored, leaving the transaction to roll back', () => {
    const d = desk();
    const [first] = newMessages(d, fc.sample(message, { numRuns: 1, seed: 7 }));
    if (!first) throw new Error('no sample');
    insertMessages(d.db, [first]);
    expect(() => insertMessages(d.db, [first])).toThrow(/UNIQUE/);
    d.db.close();
  });

  it('adds locations, keeps one already known as it was, and says how many were added', () => {
    const d = desk();
    const [a, b] = insertMessages(d.db, newMessages(d, fc.sample(message, { numRuns: 2, seed: 3 })));
    if (a === undefined || b === undefined) throw new Error('no rows');
    insertLocation(d.db, a, { folderId: d.folderId, uidvalidity: 9, uid: 1 }, ['\\Flagged']);
    const added = insertLocations(d.db, [
      { messageId: a, at: { folderId: d.folderId, uidvalidity: 9, uid: 1 }, flags: ['\\Seen'] },
      { messageId: b, at: { folderId: d.folderId, uidvalidity: 9, uid: 2 }, flags: ['\\Seen', '$label "x"'] },
    ]);
    expect(added).toBe(1);
    const rows = d.db.prepare('SELECT message_id, uid, flags_json FROM message_locations ORDER BY uid').all();
    expect(rows).toEqual([
      { message_id: a, uid: 1, flags_json: '["\\\\Flagged"]' },
      { message_id: b, uid: 2, flags_json: '["\\\\Seen","$label \\"x\\""]' },
    ]);
    // A located message is not "unlocated" (the location trigger ran).
    expect((d.db.prepare('SELECT count(*) AS n FROM messages WHERE unlocated = 1').get() as { n: number }).n).toBe(0);
    d.db.close();
  });
});
