/**
 * The rule being edited: switching a condition between a text field and
 * the business hours keeps what still fits, and the form says what is
 * missing before core is asked (an empty condition, an acknowledgement
 * without a template, two acknowledgements).
 */
import { describe, expect, it } from 'vitest';
import { actionOfKind, conditionWithField, emptyRule, formProblem, inputOf } from '../../../src-renderer/features/rules/rule-form.ts';
import type { RuleForm } from '../../../src-renderer/features/rules/rule-form.ts';

const form = (over: Partial<RuleForm>): RuleForm => ({
  ...emptyRule(),
  name: 'Closed desk',
  conditions: [{ field: 'to', operator: 'contains', value: 'support@' }],
  actions: [{ kind: 'tag', tag: 'after-hours' }],
  ...over,
});

describe('the rule form', () => {
  it('switches a condition between a text field and the business hours, keeping the words between text fields', () => {
    const from = { field: 'from', operator: 'is', value: 'anna@shop.example' } as const;
    expect(conditionWithField(from, 'subject')).toEqual({ field: 'subject', operator: 'is', value: 'anna@shop.example' });
    const received = conditionWithField(from, 'received');
    expect(received).toEqual({ field: 'received', operator: 'outside-hours' });
    expect(conditionWithField(received, 'received')).toBe(received);
    expect(conditionWithField(received, 'to')).toEqual({ field: 'to', operator: 'contains', value: '' });
  });

  it('needs words for a text condition, none for the business hours', () => {
    expect(formProblem(form({ conditions: [{ field: 'from', operator: 'contains', value: ' ' }] }))).toBe('rules.conditionRequired');
    expect(formProblem(form({ conditions: [{ field: 'received', operator: 'within-hours' }] }))).toBeNull();
  });

  it('needs a template for an acknowledgement, and allows one', () => {
    expect(actionOfKind('acknowledge', null, null)).toEqual({ kind: 'acknowledge', templateId: '' });
    expect(formProblem(form({ actions: [actionOfKind('acknowledge', null, null)] }))).toBe('rules.actionIncomplete');
    const ack = actionOfKind('acknowledge', null, 'tpl-1');
    expect(formProblem(form({ actions: [ack] }))).toBeNull();
    expect(formProblem(form({ actions: [ack, ack] }))).toBe('rules.oneAcknowledgement');
  });

  it('sends trimmed words and the business hours condition as it is', () => {
    const input = inputOf(form({ conditions: [{ field: 'subject', operator: 'contains', value: '  refund ' }, { field: 'received', operator: 'outside-hours' }] }));
    expect(input.conditions).toEqual([{ field: 'subject', operator: 'contains', value: 'refund' }, { field: 'received', operator: 'outside-hours' }]);
  });
});
