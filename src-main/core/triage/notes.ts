/**
 * Internal notes and call logs: each is an entity of its own, `note:<uuid>`,
 * whose `conversation` cell names the conversation by a member's Message-ID
 * (so it follows the conversation through merges and splits, like every
 * conversation op). Its author and time are those of its first op; a note is
 * never sent to the customer. Values come from other desktops and are
 * validated when read. Only its author can change or delete a note: ops on
 * it by any other actor are left out of the fold (and of the search index,
 * db/search.repo.ts), so a colleague's desktop cannot rewrite what someone
 * else wrote.
 *
 *   note:<uuid>  conversation | kind ('note' | 'call') | markdown | mentions
 *                | direction | minutes | summary | deleted
 */
import crypto from 'node:crypto';
import type { LocalActor } from '../team/local-actor.ts';
import { parseTimestamp } from '../team/hlc.ts';
import type { JsonValue, Op } from '../team/ops.ts';
import { foldOps } from '../team/ops.ts';
import type { TeamAgent } from '../team/roster.ts';
import { agentRef } from './directory.ts';

export const NOTE_PREFIX = 'note:';

export interface NoteRecord {
  id: string;
  at: number;
  author: string;
  kind: 'note' | 'call';
  markdown: string;
  mentions: string[];
  direction: 'inbound' | 'outbound';
  minutes: number;
  summary: string;
  /** When its author last changed the text after writing it; null when never. */
  editedAt: number | null;
}

/** The folded note, or null when its ops are malformed or it was deleted. */
export function noteOf(ops: readonly Op[]): NoteRecord | null {
  const first = ops.reduce<Op | null>((a, o) => (a === null || o.hlc < a.hlc ? o : a), null);
  if (!first) return null;
  const own = ops.filter((o) => o.actor === first.actor);
  const folded = [...foldOps(own).values()];
  const cells = new Map(folded.map((o) => [o.field, o.value]));
  if (cells.get('deleted') === true || typeof cells.get('conversation') !== 'string') return null;
  const kind = cells.get('kind');
  if (kind !== 'note' && kind !== 'call') return null;
  const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
  const mentions = cells.get('mentions');
  const minutes = cells.get('minutes');
  const textField = kind === 'call' ? 'summary' : 'markdown';
  const text = folded.find((o) => o.field === textField);
  const edited = text !== undefined && own.some((o) => o.field === textField && o.hlc < text.hlc);
  return {
    id: first.entity,
    at: parseTimestamp(first.hlc)?.millis ?? 0,
    author: first.actor,
    kind,
    markdown: str(cells.get('markdown')),
    mentions: Array.isArray(mentions) ? mentions.filter((m): m is string => typeof m === 'string' && /^agent:[0-9a-f]{16}$/.test(m)) : [],
    direction: cells.get('direction') === 'outbound' ? 'outbound' : 'inbound',
    minutes: typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= 0 ? minutes : 0,
    summary: str(cells.get('summary')),
    editedAt: edited && text ? (parseTimestamp(text.hlc)?.millis ?? null) : null,
  };
}

const names = (value: JsonValue | undefined, agent: string): boolean => Array.isArray(value) && value.includes(agent);

/**
 * Whether `op` (a note's `mentions`) names `agent` where the author's
 * mentions before it did not: a note that names them, or an edit that adds
 * them. An edit that keeps them named tells them nothing new.
 */
export function newlyMentions(ops: readonly Op[], op: Op, agent: string): boolean {
  if (op.field !== 'mentions' || !names(op.value, agent)) return false;
  const before = ops
    .filter((o) => o.field === 'mentions' && o.actor === op.actor && o.hlc < op.hlc)
    .reduce<Op | null>((a, o) => (a === null || o.hlc > a.hlc ? o : a), null);
  return before === null || !names(before.value, agent);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Agents named with "@": their full name ("@Alice Berg") or first name
 * ("@alice"), case-insensitive, not inside another word.
 */
export function resolveMentions(markdown: string, agents: readonly TeamAgent[]): string[] {
  const refs = new Set<string>();
  for (const agent of agents) {
    const names = new Set([agent.name.trim(), agent.name.trim().split(/\s+/)[0] ?? '']);
    for (const name of names) {
      if (name === '') continue;
      if (new RegExp(`(^|[^\\p{L}\\p{N}@])@${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'iu').test(markdown)) refs.add(agentRef(agent.node));
    }
  }
  return [...refs].sort();
}

/** Records a note on the conversation named by `memberId`; returns its entity. */
export function recordNote(actor: LocalActor, memberId: string, markdown: string, mentions: readonly string[]): string {
  const entity = NOTE_PREFIX + crypto.randomUUID();
  actor.record([
    { entity, field: 'conversation', value: memberId },
    { entity, field: 'kind', value: 'note' },
    { entity, field: 'markdown', value: markdown },
    { entity, field: 'mentions', value: [...mentions] },
  ]);
  return entity;
}

export function recordCall(actor: LocalActor, memberId: string, call: { direction: 'inbound' | 'outbound'; minutes: number; summary: string }): string {
  const entity = NOTE_PREFIX + crypto.randomUUID();
  actor.record([
    { entity, field: 'conversation', value: memberId },
    { entity, field: 'kind', value: 'call' },
    { entity, field: 'direction', value: call.direction },
    { entity, field: 'minutes', value: call.minutes },
    { entity, field: 'summary', value: call.summary },
  ]);
  return entity;
}

/** The author's new text for a note, and whom it names now. */
export function editNote(actor: LocalActor, entity: string, markdown: string, mentions: readonly string[]): void {
  actor.record([
    { entity, field: 'markdown', value: markdown },
    { entity, field: 'mentions', value: [...mentions] },
  ]);
}

/** Undo of "assign with a note": the note goes too. Also the author deleting their note or call. */
export function deleteNote(actor: LocalActor, entity: string): void {
  actor.record([{ entity, field: 'deleted', value: true }]);
}
