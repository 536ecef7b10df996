/** The op log: append (idempotent by HLC), read by entity, and the unsent queue. */
import type { Database, Statement } from 'better-sqlite3';
import type { JsonValue, Op } from '../team/ops.ts';

interface OpRow {
  hlc: string;
  actor: string;
  entity: string;
  field: string;
  value: string;
}

interface Statements {
  insert: Statement;
  byEntity: Statement<[string], OpRow>;
  unsent: Statement<[number], OpRow>;
  markSent: Statement<[number, string]>;
  maxHlc: Statement<[], { hlc: string | null }>;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insert: db.prepare(`INSERT INTO ops (hlc, actor, entity, field, value, received_at, sent_at)
        VALUES (@hlc, @actor, @entity, @field, @value, @receivedAt, @sentAt) ON CONFLICT (hlc) DO NOTHING`),
      byEntity: db.prepare<[string], OpRow>('SELECT hlc, actor, entity, field, value FROM ops WHERE entity = ? ORDER BY hlc'),
      unsent: db.prepare<[number], OpRow>('SELECT hlc, actor, entity, field, value FROM ops WHERE sent_at IS NULL ORDER BY hlc LIMIT ?'),
      markSent: db.prepare<[number, string]>('UPDATE ops SET sent_at = ? WHERE hlc = ?'),
      maxHlc: db.prepare<[], { hlc: string | null }>('SELECT max(hlc) AS hlc FROM ops'),
    };
    cache.set(db, s);
  }
  return s;
}

function toOp(row: OpRow): Op {
  return { hlc: row.hlc, actor: row.actor, entity: row.entity, field: row.field, value: JSON.parse(row.value) as JsonValue };
}

/** Returns how many were new. `local`: made on this desktop, so queued for sending. */
export function appendOps(db: Database, ops: readonly Op[], now: number, local: boolean): number {
  const s = statements(db);
  let added = 0;
  db.transaction(() => {
    for (const op of ops) {
      added += s.insert.run({ ...op, value: JSON.stringify(op.value), receivedAt: now, sentAt: local ? null : now }).changes;
    }
  })();
  return added;
}

export function opsForEntity(db: Database, entity: string): Op[] {
  return statements(db).byEntity.all(entity).map(toOp);
}

export function unsentOps(db: Database, limit: number): Op[] {
  return statements(db).unsent.all(limit).map(toOp);
}

export function markOpsSent(db: Database, hlcs: readonly string[], now: number): void {
  const s = statements(db);
  db.transaction(() => {
    for (const hlc of hlcs) s.markSent.run(now, hlc);
  })();
}

/** The newest HLC this desktop has seen: the clock must start past it after a restart. */
export function latestHlc(db: Database): string | null {
  return statements(db).maxHlc.get()?.hlc ?? null;
}
