import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { unsentOps } from '../../../src-main/core/db/ops.repo.ts';
import { unsentOpCount, winningSentOps } from '../../../src-main/core/db/team.repo.ts';

const ME = '00000000000000d0';
const BOB = '00000000000000d1';

describe('migration 0010 (ops kept on this desktop)', () => {
  it('finds the demo ops 0009 appended as if sent, and leaves sent, received and queued ops as they were', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 9));
    db.prepare("INSERT INTO settings (key, value) VALUES ('agent.node', ?)").run(ME);
    const insert = db.prepare('INSERT INTO ops (hlc, actor, entity, field, value, received_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // As local-actor.ts wrote them before 0010: kept ops marked sent in the millisecond they were recorded.
    insert.run(`001-${ME}`, ME, 'msg:<demo-1@northwind-demo.test>', 'status', '"done"', 100, 100);
    insert.run(`002-${ME}`, ME, 'note:n1', 'body', '"tried a note"', 100, 100);
    insert.run(`003-${ME}`, ME, 'contact:ann@mailbox.test', 'tag:vip', 'true', 100, 100);
    // Really sent: marked after the team folder's APPEND returned.
    insert.run(`004-${ME}`, ME, 'msg:<order-7@shop.example>', 'status', '"pending"', 200, 230);
    // A colleague's, received; and one of ours still queued.
    insert.run(`005-${BOB}`, BOB, 'msg:<order-7@shop.example>', 'tags', '["vip"]', 300, 300);
    insert.run(`006-${ME}`, ME, 'msg:<order-7@shop.example>', 'assignee', '"ann"', 400, null);
    // A setting of ours is never kept, whatever its times.
    insert.run(`007-${ME}`, ME, 'template:t1', 'name', '"Refund"', 500, 500);

    migrate(db);
    const kept = db.prepare('SELECT hlc FROM ops WHERE kept_here = 1 ORDER BY hlc').pluck().all();
    expect(kept).toEqual([`001-${ME}`, `002-${ME}`, `003-${ME}`]);
    expect(unsentOps(db, 10).map((op) => op.hlc)).toEqual([`006-${ME}`]);
    expect(unsentOpCount(db)).toBe(1);
    expect(winningSentOps(db).map((op) => op.hlc).sort()).toEqual([`004-${ME}`, `005-${BOB}`, `007-${ME}`]);
  });
});
