/**
 * Triage contract (issue 5): statuses, assignment, tags, priorities,
 * deadlines, SLAs, snoozes, alerts, notes and the agent's identity.
 *
 * Everything here is team state: core records each change as an op and the
 * values below are the last-writer-wins fold (ARCHITECTURE §4), materialized
 * per conversation so every drawer is one indexed, keyset-paged query.
 */
import type { ConversationSummary, Page } from '../api.ts';
import type { AcknowledgementReason } from './rules.ts';

export type ConversationStatus = 'new' | 'pending' | 'waiting' | 'on_hold' | 'done' | 'closed' | 'spam';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/**
 * Who a conversation is assigned to: `agent:<node>` (a desktop's agent
 * identity, 16 hex digits) or `group:<id>`.
 */
export type AssigneeRef = string;

/**
 * A drawer of the sidebar. Fixed ones: `inbox` (new + pending, not snoozed),
 * `mine` (open work assigned to this desktop's agent or one of its groups),
 * `unassigned` (open work nobody has), `snoozed`, `overdue` (an SLA timer or
 * deadline passed), `alerts` (strongly dissatisfied customers), `open` (every
 * open conversation: new, pending, waiting, on hold). Parametrised ones:
 * `status:<ConversationStatus>`, `assignee:<AssigneeRef>`, `tag:<name>`.
 */
export type DrawerId = string;

export type SlaKind = 'first-response' | 'next-response' | 'resolution';

export interface SlaBadge {
  kind: SlaKind;
  /** Epoch ms the target falls due (business hours counted). */
  dueAt: number;
  overdue: boolean;
}

export interface AlertBadge {
  /** Higher is angrier; the flag is set at the lexicon's threshold. */
  score: number;
  /** Plain-words reasons for the hover ("'refund' (English)", "all caps", ...). */
  reasons: string[];
}

export interface PresenceBadge {
  agent: AssigneeRef;
  /** Null until the colleague's name reaches this desktop (the renderer says "Someone"). */
  name: string | null;
  colour: string;
  /**
   * 'sending': the colleague's reply to it is on its way out and not in the shared mailbox yet;
   * 'scheduled': it waits on the colleague's desktop until `sendAt`.
   */
  activity: 'viewing' | 'replying' | 'sending' | 'scheduled';
  /** Epoch ms the lease runs out unless renewed. */
  until: number;
  /** For 'scheduled': when the reply is due to go out; null otherwise. */
  sendAt: number | null;
}

export interface TriageState {
  status: ConversationStatus;
  assignee: AssigneeRef | null;
  tags: string[];
  priority: Priority;
  deadline: number | null;
  snoozedUntil: number | null;
  sla: SlaBadge | null;
  alert: AlertBadge | null;
  /** Colleagues viewing or replying right now (never this desktop's own agent). */
  presence: PresenceBadge[];
  /** This desktop's agent follows the conversation. */
  following: boolean;
}

/**
 * How a drawer lists: alerts first either way, then the newest last message
 * first, or the oldest first (who has waited longest: a queue worked in turn).
 */
export type DrawerOrder = 'newest' | 'oldest';

export interface TriageRow {
  conversation: ConversationSummary;
  triage: TriageState;
}

export interface DrawerCount {
  drawer: DrawerId;
  count: number;
  unread: number;
}

export type TriageAction =
  | { kind: 'status'; status: ConversationStatus }
  /** `note` is added as an internal note ("Forward to a colleague"). */
  | { kind: 'assign'; assignee: AssigneeRef | null; note?: string }
  | { kind: 'tags'; add: string[]; remove: string[] }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'deadline'; at: number | null }
  /** Comes back (unread, with a notification) at `until`, or at once when the customer writes. */
  | { kind: 'snooze'; until: number }
  | { kind: 'unsnooze' }
  /** Notifies a colleague without assigning. */
  | { kind: 'share'; agent: AssigneeRef; note?: string }
  /** This agent follows (or stops following) the conversation: told when the customer writes again, as its assignee is. */
  | { kind: 'follow'; follow: boolean };

export interface TriageApplyResult {
  applied: number;
  /** Hands back to `triage.undo` to restore exactly what this action changed. */
  undoToken: string;
}

export interface TeamMember {
  ref: AssigneeRef;
  name: string;
  /** Agents only. */
  address: string | null;
  colour: string;
  /** Groups only: member agent refs. */
  members: AssigneeRef[];
}

export interface AgentIdentity {
  ref: AssigneeRef;
  name: string;
  address: string;
  colour: string;
}

export interface TeamDirectory {
  /** Null until this desktop's agent chose a name and address (first run). */
  me: AgentIdentity | null;
  agents: TeamMember[];
  groups: TeamMember[];
  /** Every tag used on a conversation, for completion. */
  tags: string[];
  /** The team's saved searches, by name. */
  smartFolders: SmartFolder[];
}

/** A saved search the whole team sees in the sidebar: opening it runs `query` (the search box's language). */
export interface SmartFolder {
  id: string;
  name: string;
  query: string;
}

export type ActivityItem =
  | {
      kind: 'note';
      id: string;
      at: number;
      author: AgentIdentity | null;
      markdown: string;
      /** Agent refs named with @. */
      mentions: AssigneeRef[];
      /** Written on this desktop: its agent may edit or delete it (no one else can). */
      mine: boolean;
      /** When its author last changed it; null when never. */
      editedAt: number | null;
    }
  | {
      kind: 'call';
      id: string;
      at: number;
      author: AgentIdentity | null;
      direction: 'inbound' | 'outbound';
      minutes: number;
      summary: string;
      mine: boolean;
      editedAt: number | null;
    }
  /**
   * A triage change worth a line in the timeline ("Alice assigned this to
   * Bob"). Core sends what changed, not words: the renderer says it in the
   * agent's language, with the team's status names and the agent's dates.
   */
  | {
      kind: 'event';
      id: string;
      at: number;
      author: AgentIdentity | null;
      /** The automation rule that made the change (its name), when no agent did. */
      rule: string | null;
      change: ActivityChange;
    };

/** What one triage event changed. */
export type ActivityChange =
  | { field: 'status'; status: ConversationStatus }
  /** `self`: the actor assigned it to themselves ("Alice took this"). */
  | { field: 'assignee'; assignee: AssigneeRef | null; self: boolean }
  | { field: 'priority'; priority: Priority }
  | { field: 'deadline'; at: number | null }
  /** `until` null: brought back from snooze. */
  | { field: 'snooze'; until: number | null }
  | { field: 'share'; agent: AssigneeRef }
  | { field: 'tag'; tag: string; added: boolean }
  /** Handed to someone outside the desk by mail ("Delegate"), with the agent's note that went with it. */
  | { field: 'delegated'; to: string; note: string }
  /** A rule's acknowledgement of this conversation was not sent, and why (as this desktop saw it). */
  | { field: 'acknowledgement'; reason: AcknowledgementReason };

export interface ConversationTriage {
  triage: TriageState;
  /** Oldest first; the reading view interleaves it with the messages by time. */
  activity: ActivityItem[];
}

export interface SlaTargetsInput {
  /** Minutes of business time; null: no target. */
  firstResponse: number | null;
  nextResponse: number | null;
  resolution: number | null;
}

export interface TriageSettings {
  statusLabels: Record<ConversationStatus, string>;
  autoCloseDays: number;
  spamPurgeDays: number;
  /** IANA zone and weekly hours the SLA clock runs in. */
  businessHours: { timeZone: string; days: number[]; fromHour: number; toHour: number; holidays: string[] };
  slaByPriority: Record<Priority, SlaTargetsInput>;
  /**
   * Customer mail that arrived before this instant (epoch ms) starts no SLA
   * timer. null: not chosen yet (set to the moment the first mailbox is
   * connected); 0: all mail counts.
   */
  slaFrom: number | null;
  /** Where "Delegate" hands conversations (another department, a supplier): offered first in its dialog. */
  delegateAddresses: string[];
}

/** One agent's part of a team report. */
export interface AgentReport {
  agent: AssigneeRef;
  name: string;
  /** Mail sent in their name (the From name Switchboard writes). */
  replies: number;
  /** Conversations they marked done or closed. */
  resolved: number;
}

/**
 * What the team did in a period, from the shared cache and the team's ops,
 * so every desktop computes the same report. Spam and the trash are left out.
 */
export interface TeamReport {
  from: number;
  to: number;
  /** Conversations a customer started in the period. */
  newConversations: number;
  /** Mail from customers that arrived in the period; out-of-offices and delivery reports left out. */
  customerMessages: number;
  /** Mail the team sent in the period (replies and new mail); automation rules' acknowledgements left out. */
  replies: number;
  /** Of it, mail whose sender names no agent of the team (written in another mail program, or before names were set). */
  unattributedReplies: number;
  /** Conversations marked done or closed in the period, each once. */
  resolved: number;
  /** Of the conversations started in the period: how many have had a first reply, and the median wait for it (clock time). */
  firstReply: { answered: number; waiting: number; medianMs: number | null };
  /** Every agent of the team, most replies first. */
  agents: AgentReport[];
}

export interface TriageMethods {
  /** What the team did between `from` (inclusive) and `to` (exclusive), for one mailbox or all. */
  'triage.report': { params: { accountId: number | null; from: number; to: number }; result: TeamReport };
  /** `order` absent: newest first. A cursor belongs to the order it was read in. */
  'triage.list': { params: { drawer: DrawerId; accountId: number | null; cursor: string | null; limit: number; order?: DrawerOrder }; result: Page<TriageRow> };
  'triage.counts': { params: { accountId: number | null }; result: DrawerCount[] };
  'triage.get': { params: { conversationId: number }; result: ConversationTriage };
  'triage.apply': { params: { conversationIds: number[]; action: TriageAction }; result: TriageApplyResult };
  'triage.undo': { params: { undoToken: string }; result: { restored: number } };
  'notes.add': { params: { conversationId: number; markdown: string }; result: ActivityItem };
  'notes.logCall': { params: { conversationId: number; direction: 'inbound' | 'outbound'; minutes: number; summary: string }; result: ActivityItem };
  /** The author changes the text of their own note (not a colleague's). */
  'notes.edit': { params: { conversationId: number; noteId: string; markdown: string }; result: ActivityItem };
  /** The author deletes their own note or logged call, for the whole team. */
  'notes.delete': { params: { conversationId: number; noteId: string }; result: null };
  'team.directory': { params: Record<string, never>; result: TeamDirectory };
  /** Sets this desktop's agent identity (first run, settings); published to the team. */
  'agent.set': { params: { name: string; address: string; colour?: string }; result: AgentIdentity };
  'groups.save': { params: { id?: string; name: string; members: AssigneeRef[] }; result: TeamMember };
  /** Saves a smart folder for the whole team (a new one without `id`). */
  'smartFolders.save': { params: { id?: string; name: string; query: string }; result: SmartFolder };
  'smartFolders.delete': { params: { id: string }; result: null };
  'triage.settings': { params: Record<string, never>; result: TriageSettings };
  'triage.saveSettings': { params: TriageSettings; result: TriageSettings };
}
