/**
 * A rule being edited, as the dialog holds it, and what a rule's conditions
 * and actions are called. Pure, so the words and the checks have one home.
 */
import type { AutomationRule, RuleAction, RuleCondition, RuleField, RuleHoursOperator, RuleInput, RuleOperator, RuleTextOperator } from '../../../src-preload/api.ts';
import type { MessageKey } from '../../i18n/i18n.ts';

export type ActionKind = RuleAction['kind'];
export type RuleStatus = Extract<RuleAction, { kind: 'status' }>['status'];

export const FIELD_LABEL: Record<RuleField, MessageKey> = { from: 'rules.field.from', to: 'rules.field.to', subject: 'rules.field.subject', received: 'rules.field.received' };
export const OPERATOR_LABEL: Record<RuleOperator, MessageKey> = {
  contains: 'rules.operator.contains',
  is: 'rules.operator.is',
  'outside-hours': 'rules.operator.outsideHours',
  'within-hours': 'rules.operator.withinHours',
};
export const TEXT_OPERATORS: readonly RuleTextOperator[] = ['contains', 'is'];
export const HOURS_OPERATORS: readonly RuleHoursOperator[] = ['outside-hours', 'within-hours'];

/** The condition with another field, keeping what still fits (a text condition keeps its words). */
export function conditionWithField(condition: RuleCondition, field: RuleField): RuleCondition {
  if (field === 'received') return condition.field === 'received' ? condition : { field, operator: 'outside-hours' };
  return condition.field === 'received' ? { field, operator: 'contains', value: '' } : { ...condition, field };
}
export const ACTION_LABEL: Record<ActionKind, MessageKey> = {
  assign: 'rules.action.assign',
  tag: 'rules.action.tag',
  priority: 'rules.action.priority',
  status: 'rules.action.status',
  acknowledge: 'rules.action.acknowledge',
};
export const RULE_STATUSES: readonly RuleStatus[] = ['on_hold', 'done', 'closed', 'spam'];

export interface RuleForm {
  id: string | undefined;
  name: string;
  enabled: boolean;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

export const emptyCondition = (): RuleCondition => ({ field: 'from', operator: 'contains', value: '' });

export function emptyRule(): RuleForm {
  return { id: undefined, name: '', enabled: true, conditions: [emptyCondition()], actions: [{ kind: 'tag', tag: '' }] };
}

export function formOf(rule: AutomationRule): RuleForm {
  return { id: rule.id, name: rule.name, enabled: rule.enabled, conditions: rule.conditions.map((c) => ({ ...c })), actions: rule.actions.map((a) => ({ ...a })) };
}

/** A fresh action of a kind, keeping nothing of the old one but what still fits. */
export function actionOfKind(kind: ActionKind, firstAssignee: string | null, firstTemplate: string | null): RuleAction {
  switch (kind) {
    case 'assign':
      return { kind, assignee: firstAssignee ?? '' };
    case 'tag':
      return { kind, tag: '' };
    case 'priority':
      return { kind, priority: 'high' };
    case 'status':
      return { kind, status: 'on_hold' };
    case 'acknowledge':
      return { kind, templateId: firstTemplate ?? '' };
  }
}

/** What is wrong with the form, as a message key, or null when it can be saved. */
export function formProblem(form: RuleForm): MessageKey | null {
  if (form.name.trim() === '') return 'rules.nameRequired';
  if (form.conditions.length === 0 || form.conditions.some((c) => c.field !== 'received' && c.value.trim() === '')) return 'rules.conditionRequired';
  if (form.actions.length === 0) return 'rules.actionRequired';
  if (form.actions.some((a) => (a.kind === 'tag' && a.tag.trim() === '') || (a.kind === 'assign' && a.assignee === '') || (a.kind === 'acknowledge' && a.templateId === ''))) {
    return 'rules.actionIncomplete';
  }
  if (form.actions.filter((a) => a.kind === 'acknowledge').length > 1) return 'rules.oneAcknowledgement';
  return null;
}

export function inputOf(form: RuleForm): RuleInput {
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name.trim(),
    enabled: form.enabled,
    conditions: form.conditions.map((c) => (c.field === 'received' ? c : { ...c, value: c.value.trim() })),
    actions: form.actions.map((a) => (a.kind === 'tag' ? { ...a, tag: a.tag.trim() } : a)),
  };
}
