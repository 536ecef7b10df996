/**
 * What an agent does to the demo's made-up mail stays on this desktop: with
 * no mailbox connected, ops about conversations, notes, presence, claims and
 * contacts are kept out of the team queue and out of compaction snapshots,
 * so the first real team folder does not receive them. The demo's templates
 * stay here even beside a mailbox. The agent's settings and name are queued
 * as usual. Removing the demo forgets what was kept.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { deleteKeptOps, opsForEntity, unsentOps } from '../../../src-main/core/db/ops.repo.ts';
import { unsentOpCount, winningSentOps } from '../../../src-main/core/db/team.repo.ts';
import { createLocalActor } from '../../../src-main/core/team/local-actor.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

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
