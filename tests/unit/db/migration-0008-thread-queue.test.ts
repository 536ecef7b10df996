import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { insertMessage } from '../../../src-main/core/db/messages.repo.ts';
import { countQueuedForThreading, dequeueThreading, enqueueThreading, hasQueuedForThreading, nextQueuedForThreading } from '../../../src-main/core/db/thread-queue.repo.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

function messageRow(db: Database, accountId: number, n: number): number {
  const none = { name: '', address: '' };
  return insertMessage(db, {
    accountId,
    messageId: `m${n}@x.test`,
    dedupeKey: `k${n}`,
    subject: 's',
    from: none,
    to: [],
    cc: [],
    replyTo: [],
    inReplyTo: null,
    references: [],
    date: n,
    snippet: '',
    hasAttachments: false,
    seen: false,
    size: 1,
    hasBody: false,
  });
}

describe('migration 0008 (thread queue)', () => {
  it('hands out an account’s queued messages in storing order, once each, and forgets an expunged one', () => {
    const { db } = openDatabase(':memory:');
    const a = seedAccount(db, 'a@desk.test');
    const b = seedAccount(db, 'b@desk.test');
    const ids = [1, 2, 3, 4].map((n) => messageRow(db, a, n));
    const other = messageRow(db, b, 5);
    enqueueThreading(db, a, [ids[2] as number, ids[0] as number, ids[1] as number, ids[3] as number]);
    enqueueThreading(db, a, [ids[0] as number]);
    enqueueThreading(db, b, [other]);
    expect(countQueuedForThreading(db, a)).toBe(4);
    expect(nextQueuedForThreading(db, a, 2)).toEqual(ids.slice(0, 2));
    db.prepare('DELETE FROM messages WHERE id = ?').run(ids[1]);
    expect(nextQueuedForThreading(db, a, 10)).toEqual([ids[0], ids[2], ids[3]]);
    dequeueThreading(db, [ids[0] as number, ids[2] as number]);
    expect(nextQueuedForThreading(db, a, 10)).toEqual([ids[3]]);
    expect(hasQueuedForThreading(db, b)).toBe(true);
    dequeueThreading(db, [other, ids[3] as number]);
    expect(hasQueuedForThreading(db, a) || hasQueuedForThreading(db, b)).toBe(false);
  });

  it('walks the queue of one account through its index', () => {
    const { db } = openDatabase(':memory:');
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT message_id FROM thread_queue WHERE account_id = ? ORDER BY message_id LIMIT ?').all(1, 10) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX thread_queue_account/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
