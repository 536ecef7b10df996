/**
 * Keeps `conversation_state` equal to the fold (triage-fold.ts) of every
 * conversation, by draining the recompute queue that migration 0006's
 * triggers fill.
 *
 * Invariants:
 * - A drain runs in its own transaction, never inside the ingest
 *   transaction that queued the work, so sync pays only the queue inserts.
 * - A conversation leaves the queue in the same transaction that writes its
 *   new row: a crash re-folds, never forgets.
 * - Rows whose fold changes by itself (snooze end, auto-close, SLA due,
 *   purge) are queued again when `next_change_at` passes (`markDueDirty`).
 * - Notifications are decided by comparing the old row with the new one
 *   (a snooze that ended, the customer of an assigned conversation writing
 *   again) or from received ops (assigned, shared, mentioned); they are
 *   returned, not emitted, so the caller emits them after the transaction
 *   committed.
 */
import type { Database } from 'better-sqlite3';
import type { DeskNotification, Sentence, SentenceKey, TriageSettings } from '../../../src-preload/api.ts';
import {
  clearDirty,
  conversationOfThreadId,
  hearCustomerMail,
  markAllDirty,
  markDueDirty,
  memberMessageIds,
  memberRows,
  messageText,
  opByHlc,
  opsOfConversation,
  opsOfEntity,
  saveState,
  stateRow,
  takeDirtyConversations,
  takeFlags,
  takeNotifyQueue,
  triageConversation,
  updateMine,
} from '../db/triage.repo.ts';
import type { MemberRow, StateRow } from '../db/triage.repo.ts';
import { sentence } from '../sentences.ts';
import type { Op } from '../team/ops.ts';
import { agentRef, myRefs, TeamNames } from './directory.ts';
import type { FoldMessage, FoldSettings } from './triage-fold.ts';
import { FIELD, foldTriage } from './triage-fold.ts';
import { foldSettingsOf, readTriageSettings } from './triage-settings.ts';
import { newlyMentions, noteOf } from './notes.ts';
import { noteAnchor } from '../db/demo-scope.repo.ts';
import type { CustomerReply } from './customer-replied.ts';
import { customerReplyNotifications } from './customer-replied.ts';
import { isAcknowledgementId } from '../rules/acknowledgement.ts';
import { isOutgoing } from '../conversations/thread-source.ts';

export interface DrainResult {
  /** Conversations whose row was written. */
  changed: number[];
  /** Rows changed beyond `changed` (who "mine" is changed): refresh everything. */
  everything: boolean;
  /** Conversations with new notes or calls from colleagues. */
  activity: number[];
  notifications: DeskNotification[];
  /** Member message ids of conversations whose spam period ran out (to move to the trash). */
  purge: number[];
  /** Conversations still queued (a large refold goes on in the background). */
  remaining: boolean;
}

/**
 * An out-of-office from the customer's side, as its headers said; until they
 * are read (seconds after the sync, or when back online), mail that looks
 * like one counts as one, so that it does not reopen the conversation and
 * announce a reply in the meantime.
 */
function isAutoReply(m: MemberRow): boolean {
  return m.fact === 'auto-reply' || (m.fact === null && m.inspecting === 1);
}

// A desktop catching up on old team history is not told about every assignment it missed.
const NOTIFY_WINDOW_MS = 86_400_000;

interface Wake {
  conversationId: number;
  subject: string;
}

export class TriageMaterializer {
  private readonly db: Database;
  private readonly node: string;
  private settings: TriageSettings;
  private foldSettings: FoldSettings;
  private refs: Set<string>;

  constructor(db: Database, node: string) {
    this.db = db;
    this.node = node;
    this.settings = readTriageSettings(db);
    this.foldSettings = foldSettingsOf(this.settings);
    this.refs = new Set(myRefs(db, node));
  }

  currentSettings(): TriageSettings {
    return this.settings;
  }

  myRefs(): ReadonlySet<string> {
    return this.refs;
  }

  /** Folds up to `limit` queued conversations (and everything due by `now`) in one transaction. */
  drain(now: number, limit: number): DrainResult {
    const result: DrainResult = { changed: [], everything: false, activity: [], notifications: [], purge: [], remaining: false };
    const wakes: Wake[] = [];
    const replies: CustomerReply[] = [];
    this.db.transaction(() => {
      const flags = takeFlags(this.db);
      if (flags.has('settings')) {
        this.settings = readTriageSettings(this.db);
        this.foldSettings = foldSettingsOf(this.settings);
        markAllDirty(this.db);
      }
      if (flags.has('team')) {
        const refs = myRefs(this.db, this.node);
        this.refs = new Set(refs);
        if (updateMine(this.db, refs) > 0) result.everything = true;
      }
      markDueDirty(this.db, now);
      const ids = takeDirtyConversations(this.db, limit + 1);
      result.remaining = ids.length > limit;
      for (const id of ids.slice(0, limit)) {
        const outcome = this.refold(id, now);
        clearDirty(this.db, id);
        if (!outcome) continue;
        result.changed.push(id);
        if (outcome.wake) wakes.push(outcome.wake);
        else if (outcome.replied) replies.push(outcome.replied);
        if (outcome.purge) result.purge.push(...memberMessageIds(this.db, id));
      }
      this.receivedOps(result, now);
    })();
    for (const w of wakes) {
      result.notifications.push({ kind: 'snooze-ended', title: sentence('snoozeEndedTitle'), body: sentence('snoozeEnded', { subject: w.subject }), conversationId: w.conversationId });
    }
    result.notifications.push(...customerReplyNotifications(replies));
    return result;
  }

  /** Folds one conversation and writes its row; null when the conversation is gone or its row did not change. */
  refold(conversationId: number, now: number): { wake: Wake | null; purge: boolean; replied: CustomerReply | null } | null {
    const conversation = triageConversation(this.db, conversationId);
    if (!conversation) return null;
    const own = new Set([conversation.account_email.trim().toLowerCase()]);
    const all = memberRows(this.db, conversationId);
    // A rule's acknowledgement is ours but no agent's answer: it must not make the conversation wait on the customer.
    const members = all.filter((m) => !isAcknowledgementId(m.message_id));
    const messages: FoldMessage[] = members.map((m) => ({
      at: m.date,
      outgoing: isOutgoing(m, own),
      fromBlocked: m.blocked === 1,
      automatic: isAutoReply(m),
    }));
    // What the customer last wrote themselves: an out-of-office is neither scored nor announced, a delivery report not announced.
    let newestCustomer: number | null = null;
    let newestWritten: MemberRow | undefined;
    for (let i = members.length - 1; i >= 0 && newestCustomer === null; i--) {
      if (messages[i]?.outgoing || messages[i]?.automatic) continue;
      newestCustomer = members[i]?.id ?? null;
      newestWritten = members[i]?.fact === 'bounce' ? undefined : members[i];
    }
    const located = all.filter((m) => m.located > 0);
    const location =
      located.length === 0 ? 'normal' : located.every((m) => m.in_trash === m.located) ? 'trash' : located.every((m) => m.in_junk + m.in_trash === m.located) ? 'junk' : 'normal';
    const fold = foldTriage({
      messages,
      ops: opsOfConversation(this.db, conversationId),
      customerText: newestCustomer === null ? null : messageText(this.db, newestCustomer),
      location,
      now,
      settings: this.foldSettings,
    });

    const old = stateRow(this.db, conversationId);
    const heardBefore = newestWritten === undefined || hearCustomerMail(this.db, newestWritten.id);
    const mine = fold.assignee !== null && this.refs.has(fold.assignee);
    // A first fold (new cache, new desktop) does not bring back long-ended snoozes as unread.
    const wakeSeenAt = old === null ? fold.wokeAt : old.wake_seen_at;
    const woke = fold.wokeAt !== null && (wakeSeenAt === null || wakeSeenAt < fold.wokeAt);
    const row: StateRow = {
      conversation_id: conversationId,
      account_id: conversation.account_id,
      last_message_at: conversation.last_message_at,
      status: fold.status,
      view: fold.view,
      active: fold.active ? 1 : 0,
      mine: mine ? 1 : 0,
      assignee: fold.assignee,
      priority: fold.priority,
      tags_json: JSON.stringify(fold.tags),
      deadline: fold.deadline,
      snoozed_until: fold.snoozedUntil,
      snoozed_by: fold.snoozedBy,
      woke_at: fold.wokeAt,
      wake_seen_at: wakeSeenAt,
      alert: fold.alert.flagged ? 1 : 0,
      alert_score: fold.alert.score,
      alert_reasons_json: JSON.stringify(fold.alert.reasons),
      sla_kind: fold.sla?.kind ?? null,
      sla_due_at: fold.sla?.dueAt ?? null,
      overdue: fold.overdue ? 1 : 0,
      next_change_at: fold.nextChangeAt,
      purge_at: fold.purgeAt,
      unread: conversation.unread_count > 0 || woke ? 1 : 0,
      customer_at: newestWritten?.date ?? old?.customer_at ?? null,
      followers_json: JSON.stringify(fold.followers),
    };
    // Most refolds (a read flag, a body arriving) change nothing: no write, no change event.
    const unchanged = old !== null && (Object.keys(row) as Array<keyof StateRow>).every((k) => row[k] === old[k]);
    if (!unchanged) saveState(this.db, row, fold.tags);

    const wokeNow = old !== null && old.snoozed_until !== null && fold.snoozedUntil === null && fold.wokeAt !== null && fold.wokeAt !== old.woke_at;
    const forMe = fold.snoozedBy === this.node || mine;
    if (unchanged) return null;
    // The customer wrote mail no fold had seen before (not mail that moved here in a merge), newer than what they had
    // written at the last fold, in a conversation assigned to this agent by name (not to a group) or followed by
    // them. Mail that only looked automatic is announced once its headers are read.
    const newest = newestWritten;
    const me = agentRef(this.node);
    const replied = old !== null && newest !== undefined && !heardBefore && (fold.assignee === me || fold.followers.includes(me))
      && newest.date > (old.customer_at ?? old.last_message_at) && newest.date >= now - NOTIFY_WINDOW_MS && fold.status !== 'spam';
    return {
      wake: wokeNow && forMe ? { conversationId, subject: conversation.subject } : null,
      purge: old !== null && old.view !== 'purged' && fold.view === 'purged',
      replied: replied ? { conversationId, who: conversation.customer_name || conversation.customer_address, subject: conversation.subject } : null,
    };
  }

  /** Ops from colleagues that concern this desktop's agent: assigned, shared, mentioned in a note. */
  private receivedOps(result: DrainResult, now: number): void {
    const hlcs = takeNotifyQueue(this.db, this.node, new Date(now - NOTIFY_WINDOW_MS).toISOString(), 500);
    if (hlcs.length === 0) return;
    const me = agentRef(this.node);
    let names: TeamNames | null = null;
    const subjectOf = (conversationId: number): string => triageConversation(this.db, conversationId)?.subject ?? '';
    for (const hlc of hlcs) {
      const op = opByHlc(this.db, hlc);
      if (!op || op.actor === this.node) continue;
      const conversationId = this.conversationOfOp(op);
      if (conversationId === null) continue;
      names ??= new TeamNames(this.db);
      // A colleague whose name has not arrived yet is "Someone" in the agent's language, not a name core makes up.
      const who = names.identity(op.actor)?.name ?? null;
      const by = (named: SentenceKey, unnamed: SentenceKey, vars: Record<string, string>): Sentence =>
        who === null ? sentence(unnamed, vars) : sentence(named, { who, ...vars });
      if (op.entity.startsWith('note:')) {
        // A note arrives as several ops (and edits as more): its timeline is refreshed once.
        if (!result.activity.includes(conversationId)) result.activity.push(conversationId);
        const ops = opsOfEntity(this.db, op.entity);
        const note = noteOf(ops);
        // Said once: when the note (or its author's edit) first names this agent, not on every op or edit after.
        if (note && note.kind === 'note' && op.field === 'mentions' && op.actor === note.author && newlyMentions(ops, op, me)) {
          const body = by('mentioned', 'mentionedBySomeone', { subject: subjectOf(conversationId) });
          result.notifications.push({ kind: 'mentioned', title: sentence('mentionedTitle'), body, conversationId });
        }
      } else if (op.field === FIELD.assignee && op.value === me) {
        const body = by('assigned', 'assignedBySomeone', { subject: subjectOf(conversationId) });
        result.notifications.push({ kind: 'assigned', title: sentence('assignedTitle'), body, conversationId });
      } else if (op.field === FIELD.share && typeof op.value === 'object' && op.value !== null && !Array.isArray(op.value) && op.value.agent === me) {
        // The colleague's note is theirs, in their words: a value, never translated.
        const note = typeof op.value.note === 'string' ? op.value.note : '';
        const subject = subjectOf(conversationId);
        const body = note !== '' ? by('sharedWithNote', 'sharedWithNoteBySomeone', { subject, note }) : by('shared', 'sharedBySomeone', { subject });
        result.notifications.push({ kind: 'shared', title: sentence('sharedTitle'), body, conversationId });
      }
    }
  }

  private conversationOfOp(op: Op): number | null {
    if (op.entity.startsWith('msg:')) return conversationOfThreadId(this.db, op.entity.slice(4));
    if (op.field === 'conversation' && typeof op.value === 'string') return conversationOfThreadId(this.db, op.value);
    if (op.entity.startsWith('note:')) {
      const anchor = noteAnchor(this.db, op.entity);
      return anchor === null ? null : conversationOfThreadId(this.db, anchor);
    }
    return null;
  }
}
