import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewConversation } from '../../../src-main/core/db/batch-writes.repo.ts';
import { insertConversations, insertLocations, insertMessages, updateConversationsAggregates } from '../../../src-main/core/db/batch-writes.repo.ts';
import { insertConversation, setConversationTokens } from '../../../src-main/core/db/conversations.repo.ts';
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
  replyTo: fc.array(address, { maxLength: 2 }),
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
  const conversations = ['seed:a', 'seed:b', 'seed:c'].map((root) => Number(add.run(accountId, root).lastInsertRowid));
  return { db, accountId, folderId, conversations };
}

type Generated = typeof message extends fc.Arbitrary<infer T> ? T : never;

function newMessages(d: Desk, generated: readonly Generated[]): NewMessage[] {
  return generated.map(({ conversation, ...m }, i) => ({ ...m, accountId: d.accountId, dedupeKey: `key-${i}`, conversationId: conversation === null ? null : d.conversations[conversation] }));
}

function stored(db: Database): unknown[] {
  return db.prepare('SELECT * FROM messages ORDER BY dedupe_key').all().map((r) => ({ ...(r as Record<string, unknown>), id: undefined }));
}

describe('batch-writes.repo', () => {
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

  const aggregates = fc.record({
    lastMessageAt: fc.integer({ min: 0, max: 9_000_000_000_000 }),
    messageCount: fc.nat({ max: 500 }),
    unreadCount: fc.nat({ max: 500 }),
    attachmentCount: fc.nat({ max: 50 }),
    snippet: text,
  });
  const conversation = fc.record({
    header: fc.record({ rootMessageId: text, ticket: text, subject: text, customer: address }),
    aggregates,
    tokens: fc.uniqueArray(text, { maxLength: 3 }),
  });
  const distinctRoots = fc.uniqueArray(conversation, { maxLength: 8, selector: (c) => c.header.rootMessageId });

  function conversationsOf(db: Database): unknown[] {
    const rows = db.prepare('SELECT * FROM conversations ORDER BY root_message_id').all() as Array<Record<string, unknown>>;
    const tokens = db.prepare('SELECT token FROM conversation_tokens WHERE conversation_id = ? ORDER BY token');
    return rows.map((r) => ({ ...r, id: undefined, tokens: tokens.all(r.id) }));
  }

  it('inserts conversations with their tokens exactly as one by one, ids in input order', () => {
    fc.assert(
      fc.property(distinctRoots, (batch: NewConversation[]) => {
        const bulk = desk();
        const single = desk();
        try {
          const ids = insertConversations(bulk.db, bulk.accountId, batch);
          for (const c of batch) setConversationTokens(single.db, insertConversation(single.db, single.accountId, c.header, c.aggregates), c.tokens);
          expect(conversationsOf(bulk.db)).toEqual(conversationsOf(single.db));
          const rootOf = bulk.db.prepare('SELECT root_message_id AS r FROM conversations WHERE id = ?');
          expect(ids.map((id) => (rootOf.get(id) as { r: string }).r)).toEqual(batch.map((c) => c.header.rootMessageId));
        } finally {
          bulk.db.close();
          single.db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('updates only the counts and latest message of the rows named', () => {
    fc.assert(
      fc.property(fc.tuple(aggregates, aggregates), ([first, second]) => {
        const d = desk();
        try {
          const [a, b, c] = d.conversations as [number, number, number];
          const before = d.db.prepare('SELECT * FROM conversations WHERE id = ?');
          const untouched = before.get(c);
          updateConversationsAggregates(d.db, [
            { id: a, aggregates: first },
            { id: b, aggregates: second },
          ]);
          const read = (id: number) => {
            const r = before.get(id) as Record<string, unknown>;
            return { root: r.root_message_id, aggregates: { lastMessageAt: r.last_message_at, messageCount: r.message_count, unreadCount: r.unread_count, attachmentCount: r.attachment_count, snippet: r.snippet } };
          };
          expect(read(a)).toEqual({ root: 'seed:a', aggregates: first });
          expect(read(b)).toEqual({ root: 'seed:b', aggregates: second });
          expect(before.get(c)).toEqual(untouched);
        } finally {
          d.db.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
