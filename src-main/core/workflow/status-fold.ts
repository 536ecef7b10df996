/**
 * A conversation's status is a fold, not a stored flag (ARCHITECTURE §3).
 *
 * Inputs are facts every desktop has: the conversation's messages (customer
 * or agent, with the time the server received them) and team-state ops
 * (manual status, snooze, assignment, with their HLC time). The fold sorts
 * them into one timeline and replays it, so the result depends only on the
 * set of facts — never on the order they arrived in — and every desktop
 * shows the same status.
 *
 * The rules:
 * - A customer message makes the conversation `pending` (or `new` while
 *   nobody is assigned and no agent has replied), reopening `done`, `closed`
 *   and `on_hold` — but never leaves `spam`; mail from a blocked contact
 *   makes it `spam`.
 * - An agent reply makes it `waiting` (on the customer).
 * - A manual status change sets that status.
 * - Whichever of these happened last decides. At an exact tie a message is
 *   replayed before an op: the agent acted on the same instant.
 * - `done` and `waiting` become `closed` after `autoCloseDays` of silence.
 * - `spam` is purged `spamPurgeDays` after it became spam.
 * - A snooze hides the conversation until its time or until the customer
 *   writes, whichever comes first; it then comes back unread.
 *
 * Times: message times are the server's arrival time (INTERNALDATE), not the
 * Date header a sender controls; op times are the HLC wall part.
 */

export type Status = 'new' | 'pending' | 'waiting' | 'on_hold' | 'done' | 'closed' | 'spam';

export const STATUSES: readonly Status[] = ['new', 'pending', 'waiting', 'on_hold', 'done', 'closed', 'spam'];

export interface WorkflowSettings {
  autoCloseDays: number;
  spamPurgeDays: number;
}

export const defaultWorkflowSettings: WorkflowSettings = { autoCloseDays: 30, spamPurgeDays: 30 };

export type WorkflowEvent =
  | { kind: 'customer-message'; at: number; fromBlocked: boolean }
  | { kind: 'agent-reply'; at: number }
  | { kind: 'status'; at: number; hlc: string; status: Status }
  | { kind: 'snooze'; at: number; hlc: string; until: number | null }
  | { kind: 'assign'; at: number; hlc: string; assignee: string | null };

export interface FoldedWorkflow {
  status: Status;
  assignee: string | null;
  /** Set while the conversation is snoozed (hidden from the inbox until then). */
  snoozedUntil: number | null;
  /** When the last snooze ended (time reached or customer wrote): it comes back unread from then. */
  wokeAt: number | null;
  lastCustomerAt: number | null;
  lastAgentAt: number | null;
  /** When the fold will change by itself (auto-close, snooze end, purge): the scheduler's next wake-up. */
  nextChangeAt: number | null;
  /** Set for spam: when it may be purged. */
  purgeAt: number | null;
  /** When it last became done or closed (the SLA resolution timer restarts from a reopening after it). */
  resolvedAt: number | null;
}

const DAY = 86_400_000;

/** Replay order: time, then messages before ops, then by HLC (unique) or kind. */
function compare(a: WorkflowEvent, b: WorkflowEvent): number {
  if (a.at !== b.at) return a.at - b.at;
  const rank = (e: WorkflowEvent): number => (e.kind === 'customer-message' || e.kind === 'agent-reply' ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const ka = 'hlc' in a ? a.hlc : a.kind;
  const kb = 'hlc' in b ? b.hlc : b.kind;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function foldWorkflow(events: readonly WorkflowEvent[], now: number, settings: WorkflowSettings = defaultWorkflowSettings): FoldedWorkflow {
  const timeline = [...events].sort(compare);
  let status: Status = 'new';
  let statusAt = 0;
  let assignee: string | null = null;
  let snoozedUntil: number | null = null;
  let wokeAt: number | null = null;
  let lastCustomerAt: number | null = null;
  let lastAgentAt: number | null = null;
  let resolvedAt: number | null = null;

  // Time passes between events: apply what the clock alone does up to `t`.
  const passTime = (t: number): void => {
    if (snoozedUntil !== null && snoozedUntil <= t) {
      wokeAt = snoozedUntil;
      snoozedUntil = null;
    }
    if ((status === 'done' || status === 'waiting') && statusAt + settings.autoCloseDays * DAY <= t) {
      statusAt += settings.autoCloseDays * DAY;
      // Already resolved when done: closing a done conversation does not move the resolution.
      if (status === 'waiting') resolvedAt = statusAt;
      status = 'closed';
    }
  };

  for (const e of timeline) {
    passTime(e.at);
    switch (e.kind) {
      case 'customer-message':
        lastCustomerAt = e.at;
        if (snoozedUntil !== null) {
          snoozedUntil = null;
          wokeAt = e.at;
        }
        if (e.fromBlocked) {
          status = 'spam';
          statusAt = e.at;
        } else if (status !== 'spam') {
          status = assignee === null && lastAgentAt === null ? 'new' : 'pending';
          statusAt = e.at;
        }
        break;
      case 'agent-reply':
        lastAgentAt = e.at;
        if (status !== 'spam') {
          status = 'waiting';
          statusAt = e.at;
        }
        break;
      case 'status':
        if ((e.status === 'done' || e.status === 'closed') && status !== 'done' && status !== 'closed') resolvedAt = e.at;
        status = e.status;
        statusAt = e.at;
        break;
      case 'snooze':
        snoozedUntil = e.until !== null && e.until > e.at ? e.until : null;
        break;
      case 'assign':
        assignee = e.assignee;
        // "new" means nobody owns it yet; taking it makes it an ordinary pending conversation.
        if (status === 'new' && assignee !== null) status = 'pending';
        else if (status === 'pending' && assignee === null && lastAgentAt === null) status = 'new';
        break;
    }
  }
  passTime(now);

  const autoCloseAt = status === 'done' || status === 'waiting' ? statusAt + settings.autoCloseDays * DAY : null;
  const purgeAt = status === 'spam' ? statusAt + settings.spamPurgeDays * DAY : null;
  const candidates = [autoCloseAt, snoozedUntil, purgeAt].filter((t): t is number => t !== null);
  return {
    status,
    assignee,
    snoozedUntil,
    wokeAt,
    lastCustomerAt,
    lastAgentAt,
    nextChangeAt: candidates.length > 0 ? Math.min(...candidates) : null,
    purgeAt,
    resolvedAt,
  };
}
