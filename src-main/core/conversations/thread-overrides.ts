/**
 * Agents' splits and merges as team-state ops, and their effect on threading.
 *
 * Op design (team/ops.ts): every split and every merge is its own cell, so
 * last-writer-wins folding and snapshot compaction never drop one of them:
 * - split: entity `msg:<Message-ID of the split message>`, field `thread.split`,
 *   value `true`. Splitting the same message again later is the same cell; the
 *   newer op still applies after every merge older than it, which is what a
 *   second split means.
 * - merge: entity `msg:<root Message-ID of the target>`, field
 *   `thread.merge:<first 16 hex of SHA-256 of the source root>`, value the
 *   source root's Message-ID.
 * Each op becomes a threading override with `seq` = its HLC, so every desktop
 * applies the same overrides in the same order (threading/overrides.ts) and
 * shows the same tickets, whatever order the ops and the mail arrived in.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { accountIds } from '../db/conversations.repo.ts';
import { insertOverride, messagesMentioning } from '../db/thread-index.repo.ts';
import type { JsonValue, Op } from '../team/ops.ts';
import { messageEntity } from '../team/ops.ts';
import type { Override } from '../threading/index.ts';
import { normalizeMessageId } from '../threading/index.ts';
import { rethreadFrom } from './rethread.ts';

export const SPLIT_FIELD = 'thread.split';
export const MERGE_FIELD_PREFIX = 'thread.merge:';

export interface OpChange {
  entity: string;
  field: string;
  value: JsonValue;
}

export function splitChange(messageId: string): OpChange {
  return { entity: messageEntity(messageId), field: SPLIT_FIELD, value: true };
}

export function mergeChange(targetRootId: string, sourceRootId: string): OpChange {
  const digest = createHash('sha256').update(sourceRootId, 'utf8').digest('hex').slice(0, 16);
  return { entity: messageEntity(targetRootId), field: `${MERGE_FIELD_PREFIX}${digest}`, value: sourceRootId };
}

/** The override an op stands for, or null when it is not a (valid) threading op. */
export function overrideOfOp(op: Op): Override | null {
  if (!op.entity.startsWith('msg:')) return null;
  const id = normalizeMessageId(op.entity.slice(4));
  if (id === null) return null;
  if (op.field === SPLIT_FIELD) return op.value === true ? { kind: 'split', seq: op.hlc, messageId: id } : null;
  if (op.field.startsWith(MERGE_FIELD_PREFIX) && typeof op.value === 'string') {
    const other = normalizeMessageId(op.value);
    return other !== null && other !== id ? { kind: 'merge', seq: op.hlc, messageIdA: id, messageIdB: other } : null;
  }
  return null;
}

function idsOf(o: Override): string[] {
  return o.kind === 'split' ? [o.messageId] : [o.messageIdA, o.messageIdB];
}

/**
 * Materializes threading ops (local or from other desktops) and threads the
 * affected conversations again. Ops that are not about threading are ignored,
 * so team sync may pass every op it received. Returns whether anything changed.
 */
export function applyThreadOps(db: Database, ops: readonly Op[]): boolean {
  const named = new Set<string>();
  for (const op of ops) {
    const o = overrideOfOp(op);
    if (o && insertOverride(db, o)) for (const id of idsOf(o)) named.add(id);
  }
  if (named.size === 0) return false;
  const seeds = new Set<number>();
  for (const accountId of accountIds(db)) {
    for (const id of named) for (const message of messagesMentioning(db, accountId, id)) seeds.add(message);
  }
  rethreadFrom(db, [...seeds]);
  return true;
}
