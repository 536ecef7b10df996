import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { markCacheDamaged, openDatabase } from '../../../src-main/core/db/connection.ts';
import { migrate, schemaVersion, SchemaTooNewError } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-migrate-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('bring a new database to the latest schema, and running again changes nothing', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: migrations.length });
    expect(migrate(db)).toEqual({ from: migrations.length, to: migrations.length });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'folders', 'messages', 'message_locations', 'message_bodies', 'attachments', 'settings']));
  });

  it('0001 enforces one row per account and dedupe key, and cascades account removal', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'demo', 'd', 'd@x.test', 0)").run();
    const insert = db.prepare("INSERT INTO messages (account_id, dedupe_key, date) VALUES (1, 'k', 0)");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('refuse a cache written by a newer version instead of touching it', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(schemaVersion(db)).toBe(999);
  });

  it('a failing migration leaves the database at the previous version', () => {
    const db = new Database(':memory:');
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE ok_then (x); SELECT * FROM no_such_table;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_then'").get()).toEqual({ n: 0 });
  });
});

describe('openDatabase', () => {
  it('uses WAL and foreign keys, checkpointing every 64 MB of log and truncating the log back to that', () => {
    const { db } = openDatabase(path.join(tempDir(), 'cache.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    expect((db.pragma('wal_autocheckpoint', { simple: true }) as number) * pageSize).toBe(16_000 * 4096);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(16_000 * 4096);
    db.close();
  });

  it('moves a corrupt cache aside, keeps it, and starts a fresh one', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const { db, recoveredFrom } = openDatabase(file);
    expect(recoveredFrom).not.toBeNull();
    expect(fs.readFileSync(recoveredFrom as string)).toEqual(Buffer.alloc(8192, 0x5a));
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('sets aside at the next start a cache found damaged while running, as the agent was told', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const first = openDatabase(file).db;
    first.exec("CREATE TABLE kept (x); INSERT INTO kept VALUES ('old')");
    markCacheDamaged(first);
    first.close();
    const { db, recoveredFrom } = openDatabase(file);
    expect(recoveredFrom).not.toBeNull();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'kept'").get()).toEqual({ n: 0 });
    expect(fs.existsSync(`${file}.damaged`)).toBe(false);
    db.close();
    // Once only: the fresh cache opens as it is.
    const again = openDatabase(file);
    expect(again.recoveredFrom).toBeNull();
    again.db.close();
  });
});
