import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { explainDirtyIds } from '../../../src-main/core/db/triage.repo.ts';
import { countsTables, openTriageCache, tagCountsTables } from './support.ts';

describe('migration 0006 (triage)', () => {
  it('queues every conversation a version-5 cache already holds, so the first drains fold them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 5));
    db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'demo', 'd', 'd@x.test', 0)").run();
    db.prepare("INSERT INTO conversations (id, account_id, root_message_id, ticket) VALUES (7, 1, 'r@x', 'AAAAAA'), (9, 1, 's@x', 'BBBBBB')").run();
    migrate(db);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare('SELECT conversation_id FROM triage_dirty ORDER BY 1').all()).toEqual([{ conversation_id: 7 }, { conversation_id: 9 }]);
  });

  it('queues on ops naming a Message-ID, raises flags for groups and settings, and lists received ops worth a notification', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare('INSERT INTO ops (hlc, actor, entity, field, value, received_at, sent_at) VALUES (?, ?, ?, ?, ?, 0, ?)');
    insert.run('h1', 'a', 'msg:q1@x', 'tag:vip', 'true', null);
    insert.run('h2', 'b', 'msg:q2@x', 'assignee', '"agent:0123456789abcdef"', 1);
    insert.run('h3', 'b', 'group:billing', 'members', '[]', 1);
    insert.run('h4', 'b', 'settings:triage', 'autoCloseDays', '7', 1);
    insert.run('h5', 'b', 'contact:x@y', 'blocked', 'true', 1);
    expect(db.prepare('SELECT message_id FROM triage_dirty_ids ORDER BY 1').all()).toEqual([{ message_id: 'q1@x' }, { message_id: 'q2@x' }]);
    expect(db.prepare('SELECT name FROM triage_flags ORDER BY 1').all()).toEqual([{ name: 'settings' }, { name: 'team' }]);
    expect(db.prepare('SELECT hlc FROM triage_notify').all()).toEqual([{ hlc: 'h2' }]);
    expect(db.prepare('SELECT tag FROM triage_tags_known').all()).toEqual([{ tag: 'vip' }]);
  });

  it('resolves queued Message-IDs starting from the queue, never scanning an account', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = explainDirtyIds(db).join(' | ');
    expect(plan).toMatch(/^SCAN d/);
    expect(plan).toContain('thread_nodes_node (account_id=? AND node=?)');
  });

  it('counts follow rows that go with their conversation', () => {
    const t = openTriageCache();
    const a = t.mail('q1@customer.example', t.clock.now() - 1000);
    t.mail('q2@customer.example', t.clock.now() - 500, { from: 'bob@customer.example' });
    t.actor.record([{ entity: 'msg:q1@customer.example', field: 'tag:vip', value: true }]);
    t.drain();
    expect(tagCountsTables(t.db).kept).toEqual([{ account_id: t.accountId, tag: 'vip', unread: 1, n: 1 }]);
    t.db.prepare('DELETE FROM conversations WHERE id = ?').run(a);
    expect(countsTables(t.db).kept).toEqual(countsTables(t.db).computed);
    expect(tagCountsTables(t.db).kept).toEqual([]);
    t.db.close();
  });
});
