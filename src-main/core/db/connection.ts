/**
 * Opens the cache. Core is the single writer: one connection, WAL mode (so
 * readers never block the writer), foreign keys on, migrations applied.
 *
 * A corrupt cache must not stop the app or destroy evidence: the damaged file
 * is moved aside (kept next to it, named `.corrupt-<time>`) and a fresh cache
 * is created; everything that lives on the server is synced again. The caller
 * is told, so it can say so in the UI and the log.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from './migrate.ts';

export interface OpenedDatabase {
  db: Db;
  /** Set when a corrupt cache was moved aside. */
  recoveredFrom: string | null;
}

const WAL_CHECKPOINT_PAGES = 16_000;

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A threading or storing batch at 50,000 messages dirties more than SQLite's default 1,000-page checkpoint
  // threshold, so every commit was also a checkpoint (its pages copied into the file, fsynced). Checkpointing
  // every 64 MB of log copies a page dirtied by consecutive batches once: the threading phase took about a tenth less
  // time (docs/decisions.md). The log is truncated back to that size after a checkpoint, so it never stays larger.
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_PAGES * 4096}`);
}

function openAndMigrate(file: string): Db {
  const db = new Database(file);
  try {
    configure(db);
    // Reading the schema forces SQLite to look at the file header and pages.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

export function openDatabase(file: string): OpenedDatabase {
  if (file === ':memory:') return { db: openAndMigrate(file), recoveredFrom: null };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    return { db: openAndMigrate(file), recoveredFrom: null };
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
    }
    return { db: openAndMigrate(file), recoveredFrom: aside };
  }
}
