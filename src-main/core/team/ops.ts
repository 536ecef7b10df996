/**
 * Team state as an append-only log of operations (ARCHITECTURE §4).
 *
 * Every change an agent makes to shared state is an op
 * `{ hlc, actor, entity, field, value }`. The current value of a cell
 * (entity, field) is the value of the op with the greatest HLC: last writer
 * wins. Because HLC timestamps are unique and totally ordered, every desktop
 * that holds the same set of ops computes the same state, whatever order the
 * ops arrived in — the fold is commutative, associative and idempotent.
 *
 * Entities are named by something every desktop can compute from mail alone:
 * `msg:<Message-ID>` for a conversation (any member's Message-ID names it, so
 * state survives thread merges and splits), `contact:<address>`, `team`.
 */
import { z } from 'zod';
import type { Timestamp } from './hlc.ts';
import { parseTimestamp } from './hlc.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Op {
  hlc: Timestamp;
  /** The desktop (agent) that made the change: its HLC node id. */
  actor: string;
  entity: string;
  field: string;
  value: JsonValue;
}

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string().max(100_000), z.array(jsonValue).max(10_000), z.record(z.string().max(200), jsonValue)]),
);

/** Validates ops that arrive from other desktops: they are untrusted input. */
export const opSchema = z.strictObject({
  hlc: z.string().refine((s) => parseTimestamp(s) !== null, 'not an HLC timestamp'),
  actor: z.string().regex(/^[0-9a-f]{16}$/),
  entity: z.string().min(1).max(1000),
  field: z.string().min(1).max(200),
  value: jsonValue,
});

export function messageEntity(messageId: string): string {
  return `msg:${messageId}`;
}

export function contactEntity(address: string): string {
  return `contact:${address.trim().toLowerCase()}`;
}

/** Last-writer-wins: the winning op of each (entity, field) cell. */
export function foldOps(ops: Iterable<Op>): Map<string, Op> {
  const cells = new Map<string, Op>();
  for (const op of ops) {
    const key = `${op.entity}\u0000${op.field}`;
    const current = cells.get(key);
    if (!current || op.hlc > current.hlc) cells.set(key, op);
  }
  return cells;
}

/** The fold by entity: for each entity, its fields' winning ops (groups, templates, rules, smart folders read it so). */
export function foldByEntity(ops: Iterable<Op>): Map<string, Map<string, Op>> {
  const out = new Map<string, Map<string, Op>>();
  for (const op of foldOps(ops).values()) {
    let cells = out.get(op.entity);
    if (!cells) out.set(op.entity, (cells = new Map()));
    cells.set(op.field, op);
  }
  return out;
}

/**
 * The state of something named by several entities (a conversation is named by
 * each of its members' Message-IDs): per field, the newest op across all of them.
 */
export function foldFields(ops: Iterable<Op>, entities: ReadonlySet<string>): Map<string, Op> {
  const fields = new Map<string, Op>();
  for (const op of ops) {
    if (!entities.has(op.entity)) continue;
    const current = fields.get(op.field);
    if (!current || op.hlc > current.hlc) fields.set(op.field, op);
  }
  return fields;
}
