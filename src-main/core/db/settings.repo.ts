/** Local key/value settings of this desktop (not team state). */
import type { Database, Statement } from 'better-sqlite3';

interface Statements {
  get: Statement<[string], { value: string }>;
  set: Statement<[string, string]>;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      set: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
    cache.set(db, s);
  }
  return s;
}

export function getSetting(db: Database, key: string): string | null {
  return statements(db).get.get(key)?.value ?? null;
}

export function setSetting(db: Database, key: string, value: string): void {
  statements(db).set.run(key, value);
}
