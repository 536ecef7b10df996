/**
 * An op queued on this desktop by other means than record() (an automation
 * rule's, dated by its mail) reaches the team transport's listeners, and an
 * agent's next change sorts after it even when the mail was dated ahead of
 * this desktop's clock.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { formatTimestamp } from '../../../src-main/core/team/hlc.ts';
import { createLocalActor } from '../../../src-main/core/team/local-actor.ts';
import type { Op } from '../../../src-main/core/team/ops.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

let db: Database;
beforeEach(() => {
  db = openDatabase(':memory:').db;
  seedAccount(db);
});
afterEach(() => db.close());

it('tells the listeners and moves the clock past an op dated ahead of it', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 9));
  const actor = createLocalActor(db, clock);
  const heard: Op[][] = [];
  actor.onRecorded((ops) => heard.push([...ops]));
  const ahead: Op = { hlc: formatTimestamp(clock.now() + 45_000, 0, 'ab12cd34ef567890'), actor: actor.node, entity: 'msg:<a@x>', field: 'priority', value: 'high' };
  actor.announce([ahead]);
  expect(heard).toEqual([[ahead]]);
  const [mine] = actor.record([{ entity: 'msg:<a@x>', field: 'priority', value: 'low' }]);
  expect(mine && mine.hlc > ahead.hlc).toBe(true);
});
