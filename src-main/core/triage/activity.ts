/**
 * A conversation's timeline beside its messages: internal notes, logged
 * calls, and its triage changes as what changed (the renderer words them:
 * "Alice assigned this to Bob"), all derived from ops — the same on every
 * desktop; and why a rule's acknowledgement was not sent, as this desktop's
 * acknowledger decided it (each desktop decides that from the same headers).
 */
import type { Database } from 'better-sqlite3';
import type { ActivityChange, ActivityItem } from '../../../src-preload/api.ts';
import { noteEntitiesOf, opsOfConversation, opsOfEntity } from '../db/triage.repo.ts';
import { parseTimestamp } from '../team/hlc.ts';
import { ruleTagOf } from '../rules/rule-match.ts';
import { listRules, ruleNamesByTag } from '../rules/rule-store.ts';
import { acknowledgementsNotSent } from '../db/acknowledgements.repo.ts';
import type { Op } from '../team/ops.ts';
import type { TeamNames } from './directory.ts';
import { agentRef } from './directory.ts';
import { FIELD, isAssignee, isPriority, isStatus, snoozeUntilOf, TAG_FIELD_PREFIX } from './triage-fold.ts';
import type { NoteRecord } from './notes.ts';
import { noteOf } from './notes.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';

/** `me`: this desktop's node, whose notes its agent may edit and delete. */
export function noteItem(note: NoteRecord, names: TeamNames, me: string): ActivityItem {
  const author = names.identity(note.author);
  const own = { mine: note.author === me, editedAt: note.editedAt };
  if (note.kind === 'call') {
    return { kind: 'call', id: note.id, at: note.at, author, direction: note.direction, minutes: note.minutes, summary: note.summary, ...own };
  }
  return { kind: 'note', id: note.id, at: note.at, author, markdown: note.markdown, mentions: note.mentions, ...own };
}

/**
 * The note (or logged call) `noteId` of the conversation, written on this
 * desktop (`me`): what its agent may edit or delete. Anything else is a
 * DeskFailure in words: gone, another conversation's, or a colleague's.
 */
export function ownNote(db: Database, me: string, conversationId: number, noteId: string, kind?: 'note'): NoteRecord {
  const note = noteEntitiesOf(db, conversationId).includes(noteId) ? noteOf(opsOfEntity(db, noteId)) : null;
  if (!note || (kind !== undefined && note.kind !== kind)) throw new DeskFailure('not-found', sentence('noteGone'));
  if (note.author !== me) throw new DeskFailure('conflict', sentence('noteNotYours'));
  return note;
}

/** What one conversation op changed, or null for ops not worth a line in the timeline. */
export function eventChange(op: Op): ActivityChange | null {
  const v = op.value;
  switch (op.field) {
    case FIELD.status:
      return isStatus(v) ? { field: 'status', status: v } : null;
    case FIELD.assignee:
      return isAssignee(v) ? { field: 'assignee', assignee: v, self: v === agentRef(op.actor) } : null;
    case FIELD.priority:
      return isPriority(v) ? { field: 'priority', priority: v } : null;
    case FIELD.deadline:
      return v === null || typeof v === 'number' ? { field: 'deadline', at: v } : null;
    case FIELD.snooze: {
      const until = snoozeUntilOf(v);
      return until === undefined ? null : { field: 'snooze', until };
    }
    case FIELD.share:
      if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof v.agent !== 'string') return null;
      return { field: 'share', agent: v.agent };
    case FIELD.delegated:
      if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof v.to !== 'string') return null;
      return { field: 'delegated', to: v.to, note: typeof v.note === 'string' ? v.note : '' };
    default:
      if (!op.field.startsWith(TAG_FIELD_PREFIX) || typeof v !== 'boolean') return null;
      return { field: 'tag', tag: op.field.slice(TAG_FIELD_PREFIX.length), added: v };
  }
}

export function conversationActivity(db: Database, conversationId: number, names: TeamNames, me: string): ActivityItem[] {
  const items: ActivityItem[] = [];
  for (const entity of noteEntitiesOf(db, conversationId)) {
    const note = noteOf(opsOfEntity(db, entity));
    if (note) items.push(noteItem(note, names, me));
  }
  let rules: Map<string, string> | undefined;
  for (const op of opsOfConversation(db, conversationId)) {
    const change = eventChange(op);
    if (change === null) continue;
    // A rule's change is by the desktop that derived it, which did not choose it: the timeline names the rule.
    const tag = ruleTagOf(op);
    const rule = tag === null ? null : ((rules ??= ruleNamesByTag(db)).get(tag) ?? null);
    items.push({ kind: 'event', id: `event:${op.hlc}`, at: parseTimestamp(op.hlc)?.millis ?? 0, author: tag === null ? names.identity(op.actor) : null, rule, change });
  }
  // What this desktop's acknowledger decided (local, like the log it keeps): why a customer got no acknowledgement.
  const notSent = acknowledgementsNotSent(db, conversationId);
  if (notSent.length > 0) {
    const ruleNames = new Map(listRules(db).map((r) => [r.id, r.name]));
    for (const row of notSent) {
      const rule = ruleNames.get(row.rule_id);
      if (rule === undefined) continue;
      items.push({ kind: 'event', id: `acknowledgement:${row.id}`, at: row.settled_at, author: null, rule, change: { field: 'acknowledgement', reason: row.reason_code } });
    }
  }
  return items.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}
