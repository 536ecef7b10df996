/**
 * A conversation's timeline beside its messages: internal notes, logged
 * calls, and its triage changes told in plain words ("Alice assigned this to
 * Bob"), all derived from ops — the same on every desktop.
 */
import type { Database } from 'better-sqlite3';
import type { ActivityItem, TriageSettings } from '../../../src-preload/api.ts';
import { noteEntitiesOf, opsOfConversation, opsOfEntity } from '../db/triage.repo.ts';
import { parseTimestamp } from '../team/hlc.ts';
import type { Op } from '../team/ops.ts';
import type { TeamNames } from './directory.ts';
import { agentRef } from './directory.ts';
import { FIELD, isAssignee, isPriority, isStatus, snoozeUntilOf, TAG_FIELD_PREFIX } from './triage-fold.ts';
import type { NoteRecord } from './notes.ts';
import { noteOf } from './notes.ts';

/** "Mon 12 Jan, 09:00" in the desk's time zone. */
export function formatWhen(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(at));
}

export function noteItem(note: NoteRecord, names: TeamNames): ActivityItem {
  const author = names.identity(note.author);
  if (note.kind === 'call') {
    return { kind: 'call', id: note.id, at: note.at, author, direction: note.direction, minutes: note.minutes, summary: note.summary };
  }
  return { kind: 'note', id: note.id, at: note.at, author, markdown: note.markdown, mentions: note.mentions };
}

/** The plain-words line for one conversation op, or null for ops that are not worth a line. */
export function eventText(op: Op, names: TeamNames, settings: TriageSettings): string | null {
  const who = names.nameOfNode(op.actor);
  const v = op.value;
  switch (op.field) {
    case FIELD.status:
      return isStatus(v) ? `${who} set the status to ${settings.statusLabels[v]}` : null;
    case FIELD.assignee:
      if (!isAssignee(v)) return null;
      if (v === null) return `${who} unassigned this`;
      return v === agentRef(op.actor) ? `${who} took this` : `${who} assigned this to ${names.nameOf(v)}`;
    case FIELD.priority:
      return isPriority(v) ? `${who} set the priority to ${v}` : null;
    case FIELD.deadline:
      if (v === null) return `${who} removed the deadline`;
      return typeof v === 'number' ? `${who} set the deadline to ${formatWhen(v, settings.businessHours.timeZone)}` : null;
    case FIELD.snooze: {
      const until = snoozeUntilOf(v);
      if (until === undefined) return null;
      return until === null ? `${who} brought this back from snooze` : `${who} snoozed this until ${formatWhen(until, settings.businessHours.timeZone)}`;
    }
    case FIELD.share:
      if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof v.agent !== 'string') return null;
      return `${who} shared this with ${names.nameOf(v.agent)}`;
    default:
      if (!op.field.startsWith(TAG_FIELD_PREFIX) || typeof v !== 'boolean') return null;
      return v ? `${who} tagged this "${op.field.slice(TAG_FIELD_PREFIX.length)}"` : `${who} removed the tag "${op.field.slice(TAG_FIELD_PREFIX.length)}"`;
  }
}

export function conversationActivity(db: Database, conversationId: number, names: TeamNames, settings: TriageSettings): ActivityItem[] {
  const items: ActivityItem[] = [];
  for (const entity of noteEntitiesOf(db, conversationId)) {
    const note = noteOf(opsOfEntity(db, entity));
    if (note) items.push(noteItem(note, names));
  }
  for (const op of opsOfConversation(db, conversationId)) {
    const text = eventText(op, names, settings);
    if (text === null) continue;
    items.push({ kind: 'event', id: `event:${op.hlc}`, at: parseTimestamp(op.hlc)?.millis ?? 0, author: names.identity(op.actor), text });
  }
  return items.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}
