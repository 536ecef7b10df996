/**
 * The threading queue (migration 0008): messages a large sync batch stored
 * with provisional conversations, waiting for the account's threading pass.
 */
import type { Database } from 'better-sqlite3';
import { preparedStatements } from './prepared.ts';

const sql = {
  enqueue: 'INSERT OR IGNORE INTO thread_queue (message_id, account_id) SELECT value, ? FROM json_each(?)',
  next: 'SELECT message_id FROM thread_queue WHERE account_id = ? ORDER BY message_id LIMIT ?',
  dequeue: 'DELETE FROM thread_queue WHERE message_id IN (SELECT value FROM json_each(?))',
  count: 'SELECT count(*) AS n FROM thread_queue WHERE account_id = ?',
  any: 'SELECT EXISTS (SELECT 1 FROM thread_queue WHERE account_id = ?) AS x',
} satisfies Record<string, string>;

const stmts = preparedStatements(sql);

export function enqueueThreading(db: Database, accountId: number, messageIds: readonly number[]): void {
  if (messageIds.length > 0) stmts(db).enqueue.run(accountId, JSON.stringify(messageIds));
}

/** The account's next queued messages, in storing order (newest mail first after a headers-first sync). */
export function nextQueuedForThreading(db: Database, accountId: number, limit: number): number[] {
  return (stmts(db).next.all(accountId, limit) as Array<{ message_id: number }>).map((r) => r.message_id);
}

export function dequeueThreading(db: Database, messageIds: readonly number[]): void {
  if (messageIds.length > 0) stmts(db).dequeue.run(JSON.stringify(messageIds));
}

export function countQueuedForThreading(db: Database, accountId: number): number {
  return (stmts(db).count.get(accountId) as { n: number }).n;
}

export function hasQueuedForThreading(db: Database, accountId: number): boolean {
  return (stmts(db).any.get(accountId) as { x: number }).x === 1;
}
