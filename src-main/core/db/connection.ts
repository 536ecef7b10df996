/**
 * Opens the cache. Core is the single writer: one connection, WAL mode (so
 * readers never block the writer), foreign keys on, migrations applied.
 *
 * A corrupt cache must not stop the app or destroy evidence: the damaged file
 * is moved aside (kept next to it, named `.corrupt-<time>`) and a fresh cache
 * is created; everything that lives on the server is synced again. The caller
 * is told, so it can say so in the UI and the log. Damage found only later
 * (a page read in the middle of a sync) cannot be repaired under a running
 * core: `markCacheDamaged` leaves a marker, and the next start treats the
 * cache as corrupt.
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

export function isCorruption(err: unknown): boolean {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

const damagedMarker = (file: string): string => `${file}.damaged`;

/** Damage met while running: the next start sets this cache aside. Does nothing for an in-memory cache. */
export function markCacheDamaged(db: Db): void {
  if (db.memory) return;
  try {
    fs.writeFileSync(damagedMarker(db.name), new Date().toISOString());
  } catch {
    // A disk that cannot take a few bytes: the next start finds the damage by itself or does not.
  }
}

class MarkedDamaged extends Error {
  readonly code = 'SQLITE_CORRUPT';
}

export function openDatabase(file: string): OpenedDatabase {
  if (file === ':memory:') return { db: openAndMigrate(file), recoveredFrom: null };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    if (fs.existsSync(damagedMarker(file))) throw new MarkedDamaged('marked damaged while running');
    return { db: openAndMigrate(file), recoveredFrom: null };
  } catch (err) {
    if (!isCorruption(err)) throw err;
    fs.rmSync(damagedMarker(file), { force: true });
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
    }
    return { db: openAndMigrate(file), recoveredFrom: aside };
  }
}
