/**
 * What an agent does to the demo's made-up mail stays on this desktop: with
 * no mailbox connected, ops about conversations, notes, presence, claims and
 * contacts are kept out of the team queue and out of compaction snapshots,
 * so the first real team folder does not receive them. The demo's templates
 * stay here even beside a mailbox, and so does what is done to the demo's
 * mail and customers while a real mailbox is open beside the demo. The
 * agent's settings and name are queued as usual. Removing the demo forgets
 * what was kept.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { deleteKeptOps, opsForEntity, unsentOps } from '../../../src-main/core/db/ops.repo.ts';
import { unsentOpCount, winningSentOps } from '../../../src-main/core/db/team.repo.ts';
import { createLocalActor } from '../../../src-main/core/team/local-actor.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';
import { threadMessages } from '../../../src-main/core/conversations/rethread.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import { recordNote } from '../../../src-main/core/triage/notes.ts';
import { openTestCache, storeRow } from '../conversations/support/cache.ts';

let db: Database;
beforeEach(() => {
  db = openDatabase(':memory:').db;
  db.prepare("INSERT INTO accounts (kind, name, email, created_at) VALUES ('demo', 'Demo', 'demo@northwind-demo.test', 0)").run();
});
afterEach(() => db.close());

const changes = [
  { entity: 'msg:<order-1@demo.test>', field: 'status', value: 'done' },
  { entity: 'note:5d1c', field: 'body', value: 'tried a note' },
  { entity: 'presence:<order-1@demo.test>', field: 'a1b2c3d4e5f60718', value: { kind: 'viewing', expiresAt: 1 } },
  { entity: 'claim:rule-1', field: 'a1b2c3d4e5f60718', value: 1 },
  { entity: 'contact:ann@mailbox.test', field: 'tag:vip', value: true },
  { entity: 'template:t1', field: 'name', value: 'Refund sent' },
  { entity: 'template:demo-refund', field: 'name', value: 'Refund issued' },
  { entity: 'agent:a1b2c3d4e5f60718', field: 'name', value: 'Alice' },
];

it('keeps mail ops of a desk with only the demo here, and queues its settings', () => {
  const actor = createLocalActor(db, new ManualClock(1_000));
  actor.record(changes);
  expect(unsentOps(db, 100).map((op) => op.entity)).toEqual(['template:t1', 'agent:a1b2c3d4e5f60718']);
  expect(unsentOpCount(db)).toBe(2);
  // Nor counted as sent: a compaction snapshot holds the winning sent ops.
  expect(winningSentOps(db)).toEqual([]);
  // Still in the log, so the desk shows what the agent did.
  expect(opsForEntity(db, 'msg:<order-1@demo.test>').map((op) => op.value)).toEqual(['done']);

  expect(deleteKeptOps(db)).toBe(6);
  expect(opsForEntity(db, 'msg:<order-1@demo.test>')).toEqual([]);
  expect(unsentOps(db, 100).map((op) => op.entity)).toEqual(['template:t1', 'agent:a1b2c3d4e5f60718']);
});

it('queues everything but the demo\'s templates once a mailbox is connected', () => {
  seedAccount(db);
  const actor = createLocalActor(db, new ManualClock(1_000));
  actor.record(changes);
  expect(unsentOps(db, 100).map((op) => op.entity)).toEqual(changes.map((c) => c.entity).filter((e) => e !== 'template:demo-refund'));
});

it('keeps what is done to the demo\'s mail and customers here while a real mailbox is open beside it, and sends the rest', () => {
  const cache = openTestCache();
  const demo = cache.db.prepare("INSERT INTO accounts (kind, name, email, created_at) VALUES ('demo', 'Demo', 'support@northwind-demo.test', 0)").run().lastInsertRowid as number;
  const demoInbox = upsertFolder(cache.db, demo, 'INBOX', 'inbox').id;
  const real = storeRow(cache, { input: { messageId: 'real-1@shop.example', inReplyTo: null, references: [], subject: 'Real order', from: 'ann@shop.example', to: ['support@example.test'], date: 1 }, dedupeKey: 'r1' });
  const made = storeRow({ ...cache, accountId: demo, inbox: demoInbox }, { input: { messageId: 'demo-1@northwind-demo.test', inReplyTo: null, references: [], subject: 'Demo order', from: 'chloe@mailbox.test', to: ['support@northwind-demo.test'], date: 1 }, dedupeKey: 'd1' });
  threadMessages(cache.db, [real, made]);
  cache.actor.record([
    { entity: 'msg:demo-1@northwind-demo.test', field: 'status', value: 'done' },
    { entity: 'presence:demo-1@northwind-demo.test', field: cache.actor.node, value: { kind: 'viewing', expiresAt: 1 } },
    { entity: 'contact:chloe@mailbox.test', field: 'tag:vip', value: true },
    { entity: 'msg:real-1@shop.example', field: 'status', value: 'done' },
    { entity: 'contact:ann@shop.example', field: 'tag:vip', value: true },
  ]);
  recordNote(cache.actor, 'demo-1@northwind-demo.test', 'tried a note on the demo', []);
  expect(unsentOps(cache.db, 100).map((op) => op.entity)).toEqual(['msg:real-1@shop.example', 'contact:ann@shop.example']);
  expect(unsentOpCount(cache.db)).toBe(2);
  cache.db.close();
});
