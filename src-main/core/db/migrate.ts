/**
 * Applies pending migrations, each in its own transaction, recording progress
 * in `PRAGMA user_version`. A database newer than this build (a downgrade) is
 * refused rather than touched: old code must not write a schema it does not know.
 */
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration.ts';
import { migrations as allMigrations } from './migrations/index.ts';

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`The cache was written by a newer Switchboard (schema ${found}; this version knows ${known}). Update Switchboard to open it.`);
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database, migrations: readonly Migration[] = allMigrations): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new SchemaTooNewError(from, latest);
  for (const m of migrations) {
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // PRAGMA cannot take a bound parameter; the version is a number from our own list.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
