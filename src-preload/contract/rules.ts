/**
 * Automation rules: what happens by itself to a new conversation from a
 * customer (route it to a colleague or group, tag it, set its priority or
 * status, acknowledge it by mail). Rules are team state; their effects are ordinary triage changes
 * that every desktop derives the same way (core/rules/).
 */
import type { AssigneeRef, ConversationStatus, Priority } from './triage.ts';

/** `from`: the sender's address or name; `to`: any To or Cc address (which of the desk's mailboxes); `subject`. */
export type RuleTextField = 'from' | 'to' | 'subject';
/** `received`: when the mail came, against the team's business hours (Triage settings). */
export type RuleField = RuleTextField | 'received';
/** Case-insensitive. */
export type RuleTextOperator = 'contains' | 'is';
export type RuleHoursOperator = 'outside-hours' | 'within-hours';
export type RuleOperator = RuleTextOperator | RuleHoursOperator;

export type RuleCondition =
  | { field: RuleTextField; operator: RuleTextOperator; value: string }
  /** Typically with an acknowledgement: "we are closed now, we answer from 9 on Monday". */
  | { field: 'received'; operator: RuleHoursOperator };

export type RuleAction =
  | { kind: 'assign'; assignee: AssigneeRef }
  | { kind: 'tag'; tag: string }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'status'; status: Extract<ConversationStatus, 'on_hold' | 'done' | 'closed' | 'spam'> }
  /**
   * Mails the customer an automatic acknowledgement written with a reply
   * template (its placeholders filled as for a reply, signed by the mailbox),
   * once for the team, marked as automatic so their mail program sends no
   * out-of-office back. Not to mailing lists, bulk or automatic mail, nor to
   * a sender acknowledged three times in the last day.
   */
  | { kind: 'acknowledge'; templateId: string };

/**
 * Why a rule's acknowledgement was not sent, for the conversation's timeline
 * (the renderer words it). Not sent on purpose: `rule-off`, `too-old`,
 * `spam`, `handled` (an agent answered, put on hold or closed it first), `automatic`, `list`, `bulk`, `asked-none` (the sender's mail
 * program asks for no automatic replies), `no-return-path`, `not-a-person`,
 * `limit` (three in a day), `gone`. Could not be sent: `template-gone`,
 * `unfillable`, `refused`, `unreachable`.
 */
export type AcknowledgementReason =
  | 'rule-off'
  | 'too-old'
  | 'spam'
  | 'handled'
  | 'automatic'
  | 'list'
  | 'bulk'
  | 'asked-none'
  | 'no-return-path'
  | 'not-a-person'
  | 'limit'
  | 'gone'
  | 'template-gone'
  | 'unfillable'
  | 'refused'
  | 'unreachable';

export interface AutomationRule {
  id: string;
  name: string;
  enabled: boolean;
  /** All must hold. */
  conditions: RuleCondition[];
  actions: RuleAction[];
  /** When it was created (epoch ms): it acts on conversations that start after, never on older mail. */
  since: number;
  /**
   * When it began acknowledging (its acknowledge action was added; epoch ms), null without one: a
   * desktop syncing mail from before then never sends an acknowledgement the team did not.
   */
  acknowledgeSince: number | null;
}

export interface RuleInput {
  /** Absent for a new rule. */
  id?: string;
  name: string;
  enabled: boolean;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

export interface RulesMethods {
  'rules.list': { params: Record<string, never>; result: AutomationRule[] };
  'rules.save': { params: RuleInput; result: AutomationRule };
  'rules.delete': { params: { id: string }; result: null };
}
