/**
 * Triage actions as ops, and their undo.
 *
 * An action becomes one op per changed cell on `msg:<root Message-ID>` of
 * each conversation (any member's id names the conversation; reads fold them
 * all). Cells that already hold the asked value are left alone, so undo
 * restores exactly what this action changed: it records new ops with the
 * values the agent saw before — but only for cells that still show what the
 * action set. A colleague's later change, or a customer reopening a
 * conversation that was marked done, is never undone.
 */
import type { TriageAction } from '../../../src-preload/api.ts';
import type { StateRow } from '../db/triage.repo.ts';
import type { JsonValue } from '../team/ops.ts';
import { messageEntity } from '../team/ops.ts';
import { FIELD, FOLLOW_FIELD_PREFIX, TAG_FIELD_PREFIX } from './triage-fold.ts';

export interface CellChange {
  conversationId: number;
  entity: string;
  field: string;
  /** What the action wrote. */
  set: JsonValue;
  /** What the agent saw before: undo writes it back. */
  old: JsonValue;
}

export interface ActionPlan {
  cells: CellChange[];
  /** Conversations that get a note (assign or share with a note), by root Message-ID. */
  notes: Array<{ conversationId: number; root: string }>;
  /** One op per conversation that is an event, not state (share). */
  events: Array<{ entity: string; field: string; value: JsonValue }>;
  applied: number;
}

export interface Target {
  conversationId: number;
  root: string;
  state: StateRow;
}

function stringsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function tagsOfState(state: StateRow): string[] {
  return stringsOf(state.tags_json);
}

export function followersOfState(state: StateRow): string[] {
  return stringsOf(state.followers_json);
}

function snoozeValue(until: number | null): JsonValue {
  return until === null ? null : { until };
}

/** The value a cell shows now, in the form the op carries. */
export function currentCellValue(state: StateRow, field: string): JsonValue {
  switch (field) {
    case FIELD.status:
      return state.status;
    case FIELD.assignee:
      return state.assignee;
    case FIELD.priority:
      return state.priority;
    case FIELD.deadline:
      return state.deadline;
    case FIELD.snooze:
      return snoozeValue(state.snoozed_until);
    default:
      if (field.startsWith(FOLLOW_FIELD_PREFIX)) return followersOfState(state).includes(field.slice(FOLLOW_FIELD_PREFIX.length));
      return field.startsWith(TAG_FIELD_PREFIX) ? tagsOfState(state).includes(field.slice(TAG_FIELD_PREFIX.length)) : null;
  }
}

function same(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `me`: this desktop's agent ref, whom a follow concerns. */
export function planAction(targets: readonly Target[], action: TriageAction, me: string): ActionPlan {
  const plan: ActionPlan = { cells: [], notes: [], events: [], applied: 0 };
  for (const t of targets) {
    const entity = messageEntity(t.root);
    const cell = (field: string, value: JsonValue): void => {
      const old = currentCellValue(t.state, field);
      if (!same(old, value)) plan.cells.push({ conversationId: t.conversationId, entity, field, set: value, old });
    };
    plan.applied++;
    switch (action.kind) {
      case 'status':
        cell(FIELD.status, action.status);
        break;
      case 'assign':
        cell(FIELD.assignee, action.assignee);
        if (action.note?.trim()) plan.notes.push({ conversationId: t.conversationId, root: t.root });
        break;
      case 'tags': {
        for (const tag of action.add) cell(TAG_FIELD_PREFIX + tag, true);
        for (const tag of action.remove) if (!action.add.includes(tag)) cell(TAG_FIELD_PREFIX + tag, false);
        break;
      }
      case 'priority':
        cell(FIELD.priority, action.priority);
        break;
      case 'deadline':
        cell(FIELD.deadline, action.at);
        break;
      case 'snooze':
        cell(FIELD.snooze, snoozeValue(action.until));
        break;
      case 'unsnooze':
        cell(FIELD.snooze, null);
        break;
      case 'share':
        plan.events.push({ entity, field: FIELD.share, value: { agent: action.agent, note: action.note?.trim() ?? '' } });
        if (action.note?.trim()) plan.notes.push({ conversationId: t.conversationId, root: t.root });
        break;
      case 'follow':
        cell(FOLLOW_FIELD_PREFIX + me, action.follow);
        break;
    }
  }
  return plan;
}

/** The cells of an undo that still show what the action set, with the values to write back. */
export function undoChanges(cells: readonly CellChange[], stateOf: (conversationId: number) => StateRow | null): Array<{ entity: string; field: string; value: JsonValue; conversationId: number }> {
  const out: Array<{ entity: string; field: string; value: JsonValue; conversationId: number }> = [];
  for (const c of cells) {
    const state = stateOf(c.conversationId);
    if (!state || !same(currentCellValue(state, c.field), c.set)) continue;
    out.push({ entity: c.entity, field: c.field, value: c.old, conversationId: c.conversationId });
  }
  return out;
}
