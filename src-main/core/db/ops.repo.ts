/** The op log: append (idempotent by HLC), read by entity, the unsent queue, and ops kept on this desktop. */
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
  deleteKept: Statement<[]>;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insert: db.prepare(`INSERT INTO ops (hlc, actor, entity, field, value, received_at, sent_at, kept_here)
        VALUES (@hlc, @actor, @entity, @field, @value, @receivedAt, @sentAt, @keptHere) ON CONFLICT (hlc) DO NOTHING`),
      byEntity: db.prepare<[string], OpRow>('SELECT hlc, actor, entity, field, value FROM ops WHERE entity = ? ORDER BY hlc'),
      unsent: db.prepare<[number], OpRow>('SELECT hlc, actor, entity, field, value FROM ops WHERE sent_at IS NULL AND kept_here = 0 ORDER BY hlc LIMIT ?'),
      markSent: db.prepare<[number, string]>('UPDATE ops SET sent_at = ? WHERE hlc = ?'),
      maxHlc: db.prepare<[], { hlc: string | null }>('SELECT max(hlc) AS hlc FROM ops'),
      deleteKept: db.prepare('DELETE FROM ops WHERE kept_here = 1'),
    };
    cache.set(db, s);
  }
  return s;
}

function toOp(row: OpRow): Op {
  return { hlc: row.hlc, actor: row.actor, entity: row.entity, field: row.field, value: JSON.parse(row.value) as JsonValue };
}

/**
 * How an op enters the log: `queued`, made here and waiting for the team
 * transport; `received` from the team folder (or already in it); `kept`,
 * made here about something only this desktop has (the demo's mail and
 * templates): it is folded like any other but never sent, never put in a
 * compaction snapshot, and deleted with the demo (migration 0010).
 */
export type OpArrival = 'queued' | 'received' | 'kept';

/** Returns how many were new. */
export function appendOps(db: Database, ops: readonly Op[], now: number, arrival: OpArrival): number {
  const s = statements(db);
  let added = 0;
  const sentAt = arrival === 'received' ? now : null;
  const keptHere = arrival === 'kept' ? 1 : 0;
  db.transaction(() => {
    for (const op of ops) {
      added += s.insert.run({ ...op, value: JSON.stringify(op.value), receivedAt: now, sentAt, keptHere }).changes;
    }
  })();
  return added;
}

/** Forgets every op kept on this desktop (they were all about the demo). Returns how many. */
export function deleteKeptOps(db: Database): number {
  return statements(db).deleteKept.run().changes;
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
