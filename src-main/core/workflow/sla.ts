/**
 * SLA timers for one conversation: first response, next response and
 * resolution, each measured in business time from the customer's message.
 *
 * - First response: from the first customer message to the first agent reply.
 * - Next response: from the oldest customer message not yet answered (after
 *   the first reply) to the agent reply that follows it.
 * - Resolution: from the first customer message to done/closed; a reopened
 *   conversation runs again from the reopening message.
 * A timer that has no target for this mailbox and priority is not shown.
 *
 * Only customer messages that arrived on or after `countFrom` start a timer:
 * a desk that connects a mailbox with years of unanswered mail must not open
 * on thousands of breached SLAs that nobody was ever measured against. Agent
 * replies of any age still answer.
 */
import type { BusinessHours } from './business-hours.ts';
import { addBusinessTime } from './business-hours.ts';
import type { Status } from './status-fold.ts';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

export interface SlaTargets {
  firstResponseMs: number | null;
  nextResponseMs: number | null;
  resolutionMs: number | null;
}

export interface SlaTimeline {
  /** Server arrival times, oldest first. */
  messages: Array<{ at: number; fromCustomer: boolean }>;
  status: Status;
  /** When the conversation last became done/closed (null while open). */
  resolvedAt: number | null;
  /** Customer messages older than this start no timer (0: all of them do). */
  countFrom?: number;
}

export interface SlaTimer {
  kind: 'first-response' | 'next-response' | 'resolution';
  dueAt: number;
  /** True when it is past due now and still running. */
  overdue: boolean;
}

export interface SlaState {
  timers: SlaTimer[];
  overdue: boolean;
  /** When the next running timer breaches (for the scheduler and the list badge). */
  nextDueAt: number | null;
}

export function computeSla(timeline: SlaTimeline, targets: SlaTargets, hours: BusinessHours, now: number): SlaState {
  const timers: SlaTimer[] = [];
  const running = timeline.status !== 'done' && timeline.status !== 'closed' && timeline.status !== 'spam';
  const firstCustomer = timeline.messages.find((m) => m.fromCustomer);
  const firstReply = timeline.messages.find((m) => !m.fromCustomer && firstCustomer && m.at >= firstCustomer.at);
  const push = (kind: SlaTimer['kind'], start: number, target: number | null) => {
    if (target === null) return;
    const dueAt = addBusinessTime(start, target, hours);
    timers.push({ kind, dueAt, overdue: dueAt <= now });
  };
  const countFrom = timeline.countFrom ?? 0;
  const counted = (m: { at: number; fromCustomer: boolean }, after: number): boolean => m.fromCustomer && m.at >= countFrom && m.at >= after;
  if (firstCustomer && !firstReply && running) {
    const start = timeline.messages.find((m) => counted(m, firstCustomer.at));
    if (start) push('first-response', start.at, targets.firstResponseMs);
  }
  if (firstReply && running) {
    // The oldest counted customer message after the latest agent reply is what waits for an answer.
    const lastReplyAt = Math.max(...timeline.messages.filter((m) => !m.fromCustomer).map((m) => m.at));
    const waiting = timeline.messages.find((m) => counted(m, lastReplyAt + 1));
    if (waiting) push('next-response', waiting.at, targets.nextResponseMs);
  }
  if (firstCustomer && running) {
    const reopenedBy = timeline.resolvedAt === null ? undefined : timeline.messages.find((m) => m.fromCustomer && m.at > (timeline.resolvedAt ?? 0));
    const start = timeline.messages.find((m) => counted(m, (reopenedBy ?? firstCustomer).at));
    if (start) push('resolution', start.at, targets.resolutionMs);
  }
  const dues = timers.map((t) => t.dueAt);
  return { timers, overdue: timers.some((t) => t.overdue), nextDueAt: dues.length > 0 ? Math.min(...dues) : null };
}
