/**
 * Migration 0024: received ops that edit, re-mention or delete a note are
 * queued for the fold like its first op; the note's anchor is still kept,
 * and this desktop's own ops are not queued.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';

describe('migration 0024 (note edits reach the fold)', () => {
  it('queues received note ops on text, mentions and deletion, and anchors the note by its conversation op', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 23));
    const op = (hlc: string, field: string, value: unknown, received: boolean) =>
      db.prepare('INSERT INTO ops (hlc, actor, entity, field, value, received_at, sent_at) VALUES (?, ?, ?, ?, ?, 0, ?)').run(hlc, 'b0b0000000000002', 'note:1', field, JSON.stringify(value), received ? 1 : null);
    op('a1', 'conversation', 'root@shop.example', true);
    migrate(db, migrations);
    op('a2', 'markdown', 'fixed typo', true);
    op('a3', 'mentions', ['agent:0000000000000001'], true);
    op('a4', 'kind', 'note', true);
    op('a5', 'deleted', true, true);
    op('a6', 'markdown', 'my own edit', false);
    op('a7', 'conversation', 'other@shop.example', true);
    expect(db.prepare('SELECT hlc FROM triage_notify ORDER BY hlc').pluck().all()).toEqual(['a1', 'a2', 'a3', 'a5', 'a7']);
    expect(db.prepare('SELECT message_id FROM conversation_notes WHERE note_entity = ?').pluck().get('note:1')).toBe('other@shop.example');
  });
});
