/**
 * A repository's statements, prepared once per database connection on first
 * use: preparing parses the SQL, which costs more than running most of these
 * statements, and repositories are called in per-message loops.
 */
import type { Database, Statement } from 'better-sqlite3';

export type Prepared<K extends string> = { [P in K]: Statement<unknown[], unknown> };

/** `stmts(db).name` is `db.prepare(sql.name)`, prepared once per connection. */
export function preparedStatements<K extends string>(sql: Record<K, string>): (db: Database) => Prepared<K> {
  const cache = new WeakMap<Database, Prepared<K>>();
  return (db) => {
    let s = cache.get(db);
    if (!s) {
      const prepared: Partial<Prepared<K>> = {};
      for (const key of Object.keys(sql) as K[]) prepared[key] = db.prepare(sql[key]);
      s = prepared as Prepared<K>;
      cache.set(db, s);
    }
    return s;
  };
}
