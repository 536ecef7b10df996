/**
 * Smart folders are team state: the fold of `smartfolder:<id>` ops, read with
 * suspicion (values come from other desktops), newest name and query winning.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import { deleteSmartFolder, listSmartFolders, saveSmartFolder } from '../../../src-main/core/search/smart-folders.ts';
import { formatTimestamp } from '../../../src-main/core/team/hlc.ts';
import { createLocalActor } from '../../../src-main/core/team/local-actor.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

const BOB = '00000000000000b0';
let db: Database;
beforeEach(() => {
  db = openDatabase(':memory:').db;
  seedAccount(db);
});
afterEach(() => db.close());

it('lists saved folders by name, renamed and deleted as the newest op says, and queues them for the team', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 9));
  const actor = createLocalActor(db, clock);
  const vip = saveSmartFolder(actor, { name: '  VIP waiting ', query: 'tag:vip status:pending' });
  expect(vip.name).toBe('VIP waiting');
  const mine = saveSmartFolder(actor, { name: 'Billing', query: 'to:billing@shop.example status:open' });
  clock.advance(1_000);
  saveSmartFolder(actor, { id: vip.id, name: 'A-list waiting', query: 'tag:vip status:pending' });
  expect(listSmartFolders(db).map((f) => f.name)).toEqual(['A-list waiting', 'Billing']);
  deleteSmartFolder(actor, mine.id);
  expect(listSmartFolders(db)).toEqual([{ id: vip.id, name: 'A-list waiting', query: 'tag:vip status:pending' }]);
  expect(() => saveSmartFolder(actor, { name: ' ', query: 'x' })).toThrow();
});

it('leaves out a folder from another desktop whose name or query is not usable', () => {
  const op = (n: number, entity: string, field: string, value: unknown) => ({ hlc: formatTimestamp(1_000 + n, 0, BOB), actor: BOB, entity, field, value: value as never });
  appendOps(db, [
    op(1, 'smartfolder:a', 'name', 'Urgent'),
    op(2, 'smartfolder:a', 'query', 'priority:urgent'),
    op(3, 'smartfolder:b', 'name', 42),
    op(4, 'smartfolder:b', 'query', 'refund'),
    op(5, 'smartfolder:c', 'name', 'No query'),
    op(6, 'smartfolder:d', 'name', 'Huge'),
    op(7, 'smartfolder:d', 'query', 'x'.repeat(501)),
  ], 2_000, 'received');
  expect(listSmartFolders(db)).toEqual([{ id: 'a', name: 'Urgent', query: 'priority:urgent' }]);
});
