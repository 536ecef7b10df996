/**
 * Which rules a new customer conversation meets, and the triage changes they
 * make, as ops every desktop derives identically. Pure.
 *
 * Why derived ops and not a call to the triage actions: a rule must act once
 * for the team however many desktops store the mail, and must never undo
 * what an agent did after the mail arrived. So each change is an ordinary op
 * whose identity comes from the mail and the rule alone: its HLC is the
 * mail's arrival (+1 ms, after the message it answers to in the status fold)
 * and its node a hash of rule, Message-ID, field and value. Two desktops
 * derive the same op, the op log keeps one (the HLC is its key), and any
 * change an agent makes later has a later HLC and wins. A desktop that
 * applied an older version of an edited rule derives a different op; both
 * reach every desktop and last-writer-wins picks the same one everywhere.
 * The ops travel like any other, so a desktop that was closed when the mail
 * came, and finds the rule changed or gone, still gets what it did.
 *
 * The op's actor is the desktop that derived it (a team batch carries only
 * its writer's ops); the HLC's node differs from it, and its first 8 hex
 * digits are the rule's own (`ruleTag`), so the timeline can say which rule
 * made a change (`ruleTagOf`).
 */
import crypto from 'node:crypto';
import type { AutomationRule, RuleAction, RuleCondition } from '../../../src-preload/api.ts';
import { formatTimestamp, parseTimestamp } from '../team/hlc.ts';
import type { JsonValue, Op } from '../team/ops.ts';
import { messageEntity } from '../team/ops.ts';
import { FIELD, TAG_FIELD_PREFIX } from '../triage/triage-fold.ts';
import type { BusinessHours } from '../workflow/business-hours.ts';
import { isOpenAt } from '../workflow/business-hours.ts';

/** A stored message that starts a conversation, as a rule sees it. */
export interface RuleMail {
  messageId: string;
  from: { name: string; address: string };
  /** Whom the mail asks to be answered: a website's contact form names its customer here. */
  replyTo: ReadonlyArray<{ name: string; address: string }>;
  /** To and Cc addresses. */
  recipients: readonly string[];
  subject: string;
  /** The message's date (epoch ms), as the triage fold dates it. */
  date: number;
}

const hex = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/** The first half of the HLC node of every op a rule derives. */
export function ruleTag(ruleId: string): string {
  return hex(`rule\n${ruleId}`).slice(0, 8);
}

/** The rule tag of an op a rule derived; null for an agent's op (its HLC node is its actor). */
export function ruleTagOf(op: Op): string | null {
  const node = parseTimestamp(op.hlc)?.node;
  return node === undefined || node === op.actor ? null : node.slice(0, 8);
}

/** What conditions read besides the mail: the team's settings, the same on every desktop. */
export interface RuleContext {
  /** The team's business hours (Triage settings). */
  hours: BusinessHours;
}

function holds(condition: RuleCondition, mail: RuleMail, context: RuleContext): boolean {
  if (condition.field === 'received') return isOpenAt(mail.date, context.hours) === (condition.operator === 'within-hours');
  const wanted = condition.value.trim().toLowerCase();
  const test = (candidate: string): boolean => {
    const value = candidate.trim().toLowerCase();
    return condition.operator === 'is' ? value === wanted : value.includes(wanted);
  };
  switch (condition.field) {
    case 'from':
      // The sender, or the customer a contact form writes for: "From contains @bigco.example" routes both.
      return [mail.from, ...mail.replyTo].some((a) => test(a.address) || test(a.name));
    case 'to':
      return mail.recipients.some(test);
    case 'subject':
      return test(mail.subject);
  }
}

export function ruleMatches(rule: AutomationRule, mail: RuleMail, context: RuleContext): boolean {
  return rule.enabled && mail.date >= rule.since && rule.conditions.every((c) => holds(c, mail, context));
}

type CellAction = Exclude<RuleAction, { kind: 'acknowledge' }>;

function cellOf(action: CellAction): { field: string; value: JsonValue } {
  switch (action.kind) {
    case 'assign':
      return { field: FIELD.assignee, value: action.assignee };
    case 'tag':
      return { field: TAG_FIELD_PREFIX + action.tag, value: true };
    case 'priority':
      return { field: FIELD.priority, value: action.priority };
    case 'status':
      return { field: FIELD.status, value: action.status };
  }
}

/** How far ahead of this desktop's clock a mail may be dated and still be acted on. */
export const FUTURE_TOLERANCE_MS = 60_000;

/**
 * The ops the rules make for one new conversation. Rules come in
 * `listRules` order (oldest first); when two set the same cell, the newer
 * rule's op sorts later (its HLC counter) and wins. `actor`: this desktop's
 * node.
 *
 * Mail dated more than a minute ahead of `now` (a sender's clock, or a
 * spammer's 2030) gets nothing: its ops would be dated then and outrank
 * every change an agent makes until that time. Capping the date at `now`
 * instead would give each desktop its own HLC, and the timeline one line per
 * desktop. Every desktop sees new mail within minutes, so all skip it alike.
 */
export function ruleOps(rules: readonly AutomationRule[], mail: RuleMail, context: RuleContext, now: number, actor: string): Op[] {
  if (mail.date > now + FUTURE_TOLERANCE_MS) return [];
  const at = mail.date + 1;
  const entity = messageEntity(mail.messageId);
  const ops: Op[] = [];
  rules.forEach((rule, position) => {
    if (!ruleMatches(rule, mail, context)) return;
    for (const action of rule.actions) {
      // An acknowledgement is mail, not team state: rule-step.ts queues it for the acknowledger.
      if (action.kind === 'acknowledge') continue;
      const { field, value } = cellOf(action);
      const node = ruleTag(rule.id) + hex(`${mail.messageId}\n${field}\n${JSON.stringify(value)}`).slice(0, 8);
      ops.push({ hlc: formatTimestamp(at, position, node), actor, entity, field, value });
    }
  });
  return ops;
}

/**
 * The claim protocol's action for acknowledging one mail: the same on every
 * desktop, and named by the mail alone, so desktops that hold different
 * versions of the rules still send the customer one acknowledgement.
 */
export function acknowledgeActionId(messageId: string): string {
  return `acknowledge:${messageId}`;
}

/** How old a mail may be and still be acknowledged: a desk closed over a long weekend still answers Friday's mail. */
export const ACKNOWLEDGE_MAX_AGE_MS = 4 * 24 * 60 * 60_000;

export interface AcknowledgementWanted {
  actionId: string;
  ruleId: string;
  templateId: string;
}

/**
 * The acknowledgements the rules want for one new conversation: at most one
 * per rule, none for mail dated ahead (as for ops), older than
 * `ACKNOWLEDGE_MAX_AGE_MS` (a desktop catching up on weeks of mail must not
 * answer it now) or than the rule's acknowledging (`acknowledgeSince`: the
 * team did not acknowledge it then), and only one for the mail however many rules want one (the
 * oldest rule's template: the customer gets one answer).
 */
export function acknowledgementsWanted(rules: readonly AutomationRule[], mail: RuleMail, context: RuleContext, now: number): AcknowledgementWanted[] {
  if (mail.date > now + FUTURE_TOLERANCE_MS || mail.date < now - ACKNOWLEDGE_MAX_AGE_MS) return [];
  for (const rule of rules) {
    if (!ruleMatches(rule, mail, context) || mail.date < (rule.acknowledgeSince ?? rule.since)) continue;
    const action = rule.actions.find((a) => a.kind === 'acknowledge');
    if (action) return [{ actionId: acknowledgeActionId(mail.messageId), ruleId: rule.id, templateId: action.templateId }];
  }
  return [];
}
