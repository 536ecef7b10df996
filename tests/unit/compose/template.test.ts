import { describe, expect, it } from 'vitest';
import { firstName, renderTemplate } from '../../../src-main/core/compose/template.ts';

const values = { MY_NAME: 'Maya', MY_EMAIL: 'support@northwind-demo.test', TICKET_ID: '#K7F3Q2', CLIENT_NAME: 'Grace', CLIENT_EMAIL: 'grace@webmail.example', 'CONVERSATION.SUBJECT': 'Refund amount is wrong' };

describe('renderTemplate', () => {
  it('fills every placeholder', () => {
    expect(renderTemplate('Hi {CLIENT_NAME}, about {CONVERSATION.SUBJECT} ({TICKET_ID}) — {MY_NAME}', values)).toEqual({
      text: 'Hi Grace, about Refund amount is wrong (#K7F3Q2) — Maya',
      problems: [],
    });
  });

  it('reports unknown placeholders and leaves them visible instead of sending them raw', () => {
    const r = renderTemplate('Dear {CLIENT_NAM},', values);
    expect(r.problems).toEqual([{ placeholder: 'CLIENT_NAM', reason: 'unknown', index: 5 }]);
  });

  it('reports placeholders with no value for this conversation', () => {
    expect(renderTemplate('Hi {CLIENT_NAME}', { ...values, CLIENT_NAME: '' }).problems[0]?.reason).toBe('empty');
  });

  it('catches mistyped braces such as {client name}', () => {
    expect(renderTemplate('Hello {client name}!', values).problems[0]?.placeholder).toBe('client name');
  });

  it('writes literal braces with {{ and }}', () => {
    expect(renderTemplate('Use {{CODE}} in the form', values)).toEqual({ text: 'Use {CODE} in the form', problems: [] });
  });
});

describe('firstName', () => {
  it('takes the given name from both name orders', () => {
    expect(firstName('Grace Thompson')).toBe('Grace');
    expect(firstName('Khan, Megan')).toBe('Megan');
  });
});
