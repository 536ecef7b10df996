/**
 * "Ann replied to “Refund”": the agent a conversation is assigned to hears
 * when its customer writes again, the way a colleague's assignment or
 * mention reaches them. Decided in the fold (refold.ts): the newest mail the
 * customer wrote themselves (no out-of-office, no delivery report) is
 * announced if no fold had it as a conversation's newest before
 * (`triage_heard`, migration 0023), so a conversation's first fold (a new
 * desktop, a first sync), mail an agent merged in from another conversation
 * and mail older than the notify window say nothing, and each mail is said
 * once.
 */
import type { DeskNotification } from '../../../src-preload/api.ts';
import { sentence } from '../sentences.ts';

export interface CustomerReply {
  conversationId: number;
  /** The customer's name, else their address. */
  who: string;
  subject: string;
}

/** More at once than this (a laptop back online after a weekend) is said in one notice, not a toast each. */
export const MAX_SINGLE_REPLY_NOTICES = 3;

export function customerReplyNotifications(replies: readonly CustomerReply[]): DeskNotification[] {
  const title = sentence('customerRepliedTitle');
  if (replies.length <= MAX_SINGLE_REPLY_NOTICES) {
    return replies.map((r) => ({ kind: 'replied', title, body: sentence('customerReplied', { who: r.who, subject: r.subject }), conversationId: r.conversationId }));
  }
  return [{ kind: 'replied', title, body: sentence('customersReplied', { count: String(replies.length) }), conversationId: null }];
}
