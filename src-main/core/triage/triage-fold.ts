/**
 * One conversation's triage state as a pure fold of facts every desktop has
 * (ARCHITECTURE §3–4), so every desktop shows the same drawers:
 *
 * - its messages: customer or agent (outgoing = from the mailbox's own
 *   address), with their time, and whether the sender is a blocked contact;
 * - the ops naming any member's Message-ID (`msg:<id>`), in any order:
 *   `status`, `assignee`, `snooze` replay through workflow/status-fold.ts
 *   (the latest fact wins); `priority`, `deadline` and `tag:<name>` are
 *   last-writer-wins cells (team/ops.ts foldFields). One cell per tag, so two
 *   agents tagging at once both keep their tag;
 * - where the mail lives (all in Trash: hidden; all in Junk: spam);
 * - the team's triage settings (periods, business hours, SLA targets).
 *
 * Ops come from other desktops: a malformed value is ignored, as if the op
 * were absent, which every desktop does the same way.
 */
import { parseTimestamp } from '../team/hlc.ts';
import type { Op } from '../team/ops.ts';
import { foldFields } from '../team/ops.ts';
import type { BusinessHours } from '../workflow/business-hours.ts';
import type { DissatisfactionResult } from '../workflow/dissatisfaction.ts';
import { scoreDissatisfaction } from '../workflow/dissatisfaction.ts';
import type { Priority, SlaTargets, SlaTimer } from '../workflow/sla.ts';
import { computeSla, PRIORITIES } from '../workflow/sla.ts';
import type { Status, WorkflowEvent, WorkflowSettings } from '../workflow/status-fold.ts';
import { foldWorkflow, STATUSES } from '../workflow/status-fold.ts';

export const ASSIGNEE_PATTERN = /^(agent:[0-9a-f]{16}|group:[0-9a-z-]{1,64})$/;
export const TAG_FIELD_PREFIX = 'tag:';
/**
 * `follow:agent:<node>` = true: that agent follows the conversation (is told
 * when the customer writes again, as its assignee is). One cell per agent,
 * so two agents following at once do not overwrite each other.
 */
export const FOLLOW_FIELD_PREFIX = 'follow:';
const FOLLOWER_PATTERN = /^agent:[0-9a-f]{16}$/;

/** Op fields on a conversation entity. */
export const FIELD = {
  status: 'status',
  assignee: 'assignee',
  priority: 'priority',
  deadline: 'deadline',
  snooze: 'snooze',
  share: 'share',
  /** Handed outside the desk by mail (outbox/delegate.ts): a timeline line, no state. */
  delegated: 'delegated',
} as const;

/** Drawer a conversation sits in: a status, or one of the hidden/parked places. */
export type View = Status | 'snoozed' | 'purged' | 'trash';

const OPEN_VIEWS: ReadonlySet<View> = new Set<View>(['new', 'pending', 'waiting', 'on_hold']);

export interface FoldMessage {
  /** Server arrival time (epoch ms). */
  at: number;
  outgoing: boolean;
  fromBlocked: boolean;
  /**
   * An automatic answer from the customer's side (an out-of-office), as the
   * server's headers said, or mail that looks like one while they are being
   * read. It neither reopens the conversation nor wakes it nor starts a
   * response time: the team is still waiting for the customer.
   */
  automatic: boolean;
}

export interface FoldSettings {
  workflow: WorkflowSettings;
  hours: BusinessHours;
  sla: Record<Priority, SlaTargets>;
  /** Customer mail older than this starts no SLA timer (0: all does). */
  slaFrom: number;
}

export interface FoldInput {
  messages: readonly FoldMessage[];
  ops: readonly Op[];
  /** The newest customer message's text, automatic answers left out (scored for the alert); null when there is none. */
  customerText: string | null;
  /** 'trash': every message is in the trash; 'junk': every message is in a junk folder. */
  location: 'normal' | 'junk' | 'trash';
  now: number;
  settings: FoldSettings;
}

export interface TriageFold {
  status: Status;
  view: View;
  active: boolean;
  assignee: string | null;
  tags: string[];
  priority: Priority;
  deadline: number | null;
  snoozedUntil: number | null;
  /** Who set the running (or last) snooze: the snooze-ended notification goes to them. */
  snoozedBy: string | null;
  wokeAt: number | null;
  /** The running SLA timer that falls due first. */
  sla: Pick<SlaTimer, 'kind' | 'dueAt'> | null;
  overdue: boolean;
  alert: DissatisfactionResult;
  /** When this fold changes by itself (snooze end, auto-close, SLA or deadline due, purge). */
  nextChangeAt: number | null;
  purgeAt: number | null;
  /** Agents following the conversation, sorted. */
  followers: string[];
}

export function isStatus(v: unknown): v is Status {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}

export function isPriority(v: unknown): v is Priority {
  return typeof v === 'string' && (PRIORITIES as readonly string[]).includes(v);
}

export function isAssignee(v: unknown): v is string | null {
  return v === null || (typeof v === 'string' && ASSIGNEE_PATTERN.test(v));
}

/** `{ until }` or null (unsnoozed). */
export function snoozeUntilOf(v: unknown): number | null | undefined {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return undefined;
  const until = (v as { until?: unknown }).until;
  return typeof until === 'number' && Number.isFinite(until) ? until : undefined;
}

function isDeadline(v: unknown): v is number | null {
  return v === null || (typeof v === 'number' && Number.isFinite(v));
}

function wallOf(op: Op): number | null {
  return parseTimestamp(op.hlc)?.millis ?? null;
}

/** Only ops whose value is well formed take part (per field), so a bad op never hides a good one. */
function valid(op: Op): boolean {
  switch (op.field) {
    case FIELD.status:
      return isStatus(op.value);
    case FIELD.assignee:
      return isAssignee(op.value);
    case FIELD.priority:
      return isPriority(op.value);
    case FIELD.deadline:
      return isDeadline(op.value);
    case FIELD.snooze:
      return snoozeUntilOf(op.value) !== undefined;
    default:
      if (op.field.startsWith(FOLLOW_FIELD_PREFIX)) return typeof op.value === 'boolean' && FOLLOWER_PATTERN.test(op.field.slice(FOLLOW_FIELD_PREFIX.length));
      return op.field.startsWith(TAG_FIELD_PREFIX) ? typeof op.value === 'boolean' && op.field.length > TAG_FIELD_PREFIX.length : false;
  }
}

function workflowEvents(messages: readonly FoldMessage[], ops: readonly Op[]): WorkflowEvent[] {
  const events: WorkflowEvent[] = [];
  for (const m of messages) {
    if (m.outgoing) events.push({ kind: 'agent-reply', at: m.at });
    // A blocked sender's mail is spam whatever it is.
    else if (!m.automatic || m.fromBlocked) events.push({ kind: 'customer-message', at: m.at, fromBlocked: m.fromBlocked });
  }
  for (const op of ops) {
    const at = wallOf(op);
    if (at === null) continue;
    if (op.field === FIELD.status && isStatus(op.value)) events.push({ kind: 'status', at, hlc: op.hlc, status: op.value });
    else if (op.field === FIELD.assignee && isAssignee(op.value)) events.push({ kind: 'assign', at, hlc: op.hlc, assignee: op.value });
    else if (op.field === FIELD.snooze) {
      const until = snoozeUntilOf(op.value);
      if (until !== undefined) events.push({ kind: 'snooze', at, hlc: op.hlc, until });
    }
  }
  return events;
}

function minOf(values: ReadonlyArray<number | null>): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || v < best)) best = v;
  return best;
}

export function foldTriage(input: FoldInput): TriageFold {
  const { now, settings } = input;
  const ops = input.ops.filter(valid);
  const workflow = foldWorkflow(workflowEvents(input.messages, ops), now, settings.workflow);
  const cells = foldFields(ops, new Set(ops.map((o) => o.entity)));

  const priorityOp = cells.get(FIELD.priority)?.value;
  const priority: Priority = isPriority(priorityOp) ? priorityOp : 'normal';
  const deadlineOp = cells.get(FIELD.deadline)?.value;
  const deadline = typeof deadlineOp === 'number' ? deadlineOp : null;
  const tags: string[] = [];
  for (const [field, op] of cells) if (field.startsWith(TAG_FIELD_PREFIX) && op.value === true) tags.push(field.slice(TAG_FIELD_PREFIX.length));
  tags.sort((a, b) => a.localeCompare(b));
  const followers: string[] = [];
  for (const [field, op] of cells) if (field.startsWith(FOLLOW_FIELD_PREFIX) && op.value === true) followers.push(field.slice(FOLLOW_FIELD_PREFIX.length));
  followers.sort();

  // The junk folder is the server's spam verdict; purging it is the server's business, not ours.
  const status: Status = input.location === 'junk' ? 'spam' : workflow.status;
  const purgeAt = input.location === 'normal' ? workflow.purgeAt : null;
  let view: View;
  if (input.location === 'trash') view = 'trash';
  else if (status === 'spam') view = purgeAt !== null && purgeAt <= now ? 'purged' : 'spam';
  else if (workflow.snoozedUntil !== null) view = 'snoozed';
  else view = status;
  const active = OPEN_VIEWS.has(view);

  const ordered = input.messages.filter((m) => m.outgoing || !m.automatic).sort((a, b) => a.at - b.at);
  const sla = computeSla(
    { messages: ordered.map((m) => ({ at: m.at, fromCustomer: !m.outgoing })), status, resolvedAt: workflow.resolvedAt, countFrom: settings.slaFrom },
    settings.sla[priority],
    settings.hours,
    now,
  );
  const first = sla.timers.reduce<SlaTimer | null>((best, t) => (best === null || t.dueAt < best.dueAt ? t : best), null);
  const deadlinePassed = deadline !== null && deadline <= now;
  const overdue = (status !== 'done' && status !== 'closed' && status !== 'spam') && (sla.overdue || deadlinePassed);

  const snoozeActor = cells.get(FIELD.snooze)?.actor ?? null;

  const alert = input.customerText === null ? { score: 0, flagged: false, reasons: [] } : scoreDissatisfaction(input.customerText);

  const future = (t: number | null): number | null => (t !== null && t > now ? t : null);
  const nextChangeAt = minOf([
    future(workflow.snoozedUntil),
    status === 'done' || status === 'waiting' ? future(workflow.nextChangeAt) : null,
    view === 'spam' ? future(purgeAt) : null,
    // An overdue timer changes nothing more; one still running will turn the row overdue.
    minOf(sla.timers.map((t) => future(t.dueAt))),
    future(deadline),
  ]);

  return {
    status,
    view,
    active,
    assignee: workflow.assignee,
    tags,
    priority,
    deadline,
    snoozedUntil: workflow.snoozedUntil,
    snoozedBy: snoozeActor,
    wokeAt: workflow.wokeAt,
    sla: first ? { kind: first.kind, dueAt: first.dueAt } : null,
    overdue,
    alert,
    nextChangeAt,
    purgeAt,
    followers,
  };
}
