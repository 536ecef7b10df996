/**
 * Which new conversations a rule acts on, and the ops it derives: the same on
 * every desktop (only the actor differs), never for mail older than the rule
 * or dated far ahead, and the newer of two rules wins a cell both set.
 */
import { describe, expect, it } from 'vitest';
import type { AutomationRule } from '../../../src-preload/api.ts';
import { FUTURE_TOLERANCE_MS, ruleMatches, ruleOps, ruleTag, ruleTagOf } from '../../../src-main/core/rules/rule-match.ts';
import type { RuleMail } from '../../../src-main/core/rules/rule-match.ts';
import { foldFields } from '../../../src-main/core/team/ops.ts';
import { alwaysOpen, weekdays } from '../../../src-main/core/workflow/business-hours.ts';

const OPEN = { hours: alwaysOpen };

const SINCE = Date.UTC(2026, 10, 1, 9);
const ALICE = '00000000000000a1';
const BOB = '00000000000000b0';

const rule = (over: Partial<AutomationRule> = {}): AutomationRule => ({
  id: 'r1',
  name: 'Big Co',
  enabled: true,
  conditions: [{ field: 'from', operator: 'contains', value: '@bigco.example' }],
  actions: [{ kind: 'tag', tag: 'key-account' }],
  since: SINCE,
  acknowledgeSince: null,
  ...over,
});

const mail = (over: Partial<RuleMail> = {}): RuleMail => ({
  messageId: 'anna-1@bigco.example',
  from: { name: 'Anna Berg', address: 'Anna@BigCo.example' },
  replyTo: [],
  recipients: ['billing@desk.example', 'cc@desk.example'],
  subject: 'Invoice 7 is wrong',
  date: SINCE + 60_000,
  ...over,
});

describe('rule conditions', () => {
  it('match case-insensitively: contains anywhere, is the whole value, all of them', () => {
    expect(ruleMatches(rule(), mail(), OPEN)).toBe(true);
    expect(ruleMatches(rule({ conditions: [{ field: 'from', operator: 'contains', value: 'anna berg' }] }), mail(), OPEN)).toBe(true);
    expect(ruleMatches(rule({ conditions: [{ field: 'from', operator: 'is', value: 'anna@bigco.example' }] }), mail(), OPEN)).toBe(true);
    expect(ruleMatches(rule({ conditions: [{ field: 'from', operator: 'is', value: 'bigco.example' }] }), mail(), OPEN)).toBe(false);
    expect(ruleMatches(rule({ conditions: [{ field: 'to', operator: 'is', value: 'BILLING@desk.example' }] }), mail(), OPEN)).toBe(true);
    expect(ruleMatches(rule({ conditions: [{ field: 'to', operator: 'contains', value: 'sales@' }] }), mail(), OPEN)).toBe(false);
    expect(ruleMatches(rule({ conditions: [{ field: 'subject', operator: 'contains', value: 'invoice' }, { field: 'from', operator: 'contains', value: 'smallco' }] }), mail(), OPEN)).toBe(false);
  });

  it('look at From and at whom a contact form names in Reply-To', () => {
    const form = mail({ from: { name: 'Shop website', address: 'noreply@shop.example' }, replyTo: [{ name: 'Hana Ito', address: 'hana@BigCo.example' }] });
    expect(ruleMatches(rule({ conditions: [{ field: 'from', operator: 'contains', value: '@bigco.example' }] }), form, OPEN)).toBe(true);
    expect(ruleMatches(rule({ conditions: [{ field: 'from', operator: 'is', value: 'hana ito' }] }), form, OPEN)).toBe(true);
    expect(ruleMatches(rule({ conditions: [{ field: 'from', operator: 'is', value: 'noreply@shop.example' }] }), form, OPEN)).toBe(true);
    expect(ruleMatches(rule({ conditions: [{ field: 'from', operator: 'contains', value: 'smallco' }] }), form, OPEN)).toBe(false);
  });

  it('leave alone mail older than the rule, and act on nothing while disabled', () => {
    expect(ruleMatches(rule(), mail({ date: SINCE - 1 }), OPEN)).toBe(false);
    expect(ruleMatches(rule({ enabled: false }), mail(), OPEN)).toBe(false);
  });
});

describe('derived ops', () => {
  it('are the same ops on every desktop but for who derived them, dated just after the mail', () => {
    const rules = [rule({ actions: [{ kind: 'assign', assignee: 'group:billing' }, { kind: 'tag', tag: 'key-account' }, { kind: 'priority', priority: 'high' }, { kind: 'status', status: 'on_hold' }] })];
    const onAlice = ruleOps(rules, mail(), OPEN, SINCE + 120_000, ALICE);
    const onBob = ruleOps(rules, mail(), OPEN, SINCE + 999_000, BOB);
    expect(onAlice.map((op) => [op.entity, op.field, op.value])).toEqual([
      ['msg:anna-1@bigco.example', 'assignee', 'group:billing'],
      ['msg:anna-1@bigco.example', 'tag:key-account', true],
      ['msg:anna-1@bigco.example', 'priority', 'high'],
      ['msg:anna-1@bigco.example', 'status', 'on_hold'],
    ]);
    expect(onBob.map((op) => op.hlc)).toEqual(onAlice.map((op) => op.hlc));
    expect(new Set(onAlice.map((op) => op.hlc)).size).toBe(4);
    expect(onAlice.every((op) => op.hlc.startsWith(new Date(mail().date + 1).toISOString()))).toBe(true);
    expect(onAlice.map((op) => op.actor)).toEqual([ALICE, ALICE, ALICE, ALICE]);
    expect(onAlice.map(ruleTagOf)).toEqual(Array(4).fill(ruleTag('r1')));
  });

  it('let the newer of two rules win a cell both set', () => {
    const older = rule({ id: 'old', actions: [{ kind: 'priority', priority: 'low' }] });
    const newer = rule({ id: 'new', since: SINCE + 1, actions: [{ kind: 'priority', priority: 'urgent' }] });
    const cells = foldFields(ruleOps([older, newer], mail(), OPEN, SINCE + 120_000, ALICE), new Set(['msg:anna-1@bigco.example']));
    expect(cells.get('priority')?.value).toBe('urgent');
  });

  it('are none for mail dated well ahead of this desktop', () => {
    const now = SINCE + 120_000;
    expect(ruleOps([rule()], mail({ date: now + FUTURE_TOLERANCE_MS + 1 }), OPEN, now, ALICE)).toEqual([]);
    expect(ruleOps([rule()], mail({ date: now + 5_000 }), OPEN, now, ALICE)).toHaveLength(1);
  });
});

describe('the business hours condition', () => {
  // Weekdays 9–17 in Copenhagen: 25 November 2026 is a Wednesday.
  const hours = { hours: weekdays('Europe/Copenhagen', 9, 17) };
  const closed = rule({ conditions: [{ field: 'received', operator: 'outside-hours' }] });
  const open = rule({ conditions: [{ field: 'received', operator: 'within-hours' }] });
  const at = (iso: string) => mail({ date: Date.parse(iso) });

  it('reads the mail’s time in the desk’s own zone: 08:59 is closed, 09:00 open, 17:00 closed again', () => {
    expect(ruleMatches(closed, at('2026-11-25T07:59:00Z'), hours)).toBe(true);
    expect(ruleMatches(closed, at('2026-11-25T08:00:00Z'), hours)).toBe(false);
    expect(ruleMatches(open, at('2026-11-25T08:00:00Z'), hours)).toBe(true);
    expect(ruleMatches(open, at('2026-11-25T15:59:59Z'), hours)).toBe(true);
    expect(ruleMatches(closed, at('2026-11-25T16:00:00Z'), hours)).toBe(true);
  });

  it('is closed all weekend and on the team’s holidays', () => {
    expect(ruleMatches(closed, at('2026-11-28T11:00:00Z'), hours)).toBe(true);
    const holiday = { hours: { ...weekdays('Europe/Copenhagen', 9, 17), holidays: ['2026-12-24'] } };
    expect(ruleMatches(closed, at('2026-12-24T10:00:00Z'), holiday)).toBe(true);
    expect(ruleMatches(closed, at('2026-12-23T10:00:00Z'), holiday)).toBe(false);
  });

  it('combines with the other conditions', () => {
    const both = rule({ conditions: [{ field: 'from', operator: 'contains', value: '@bigco.example' }, { field: 'received', operator: 'outside-hours' }] });
    expect(ruleMatches(both, mail({ date: Date.parse('2026-11-28T11:00:00Z') }), hours)).toBe(true);
    expect(ruleMatches(both, mail({ date: Date.parse('2026-11-28T11:00:00Z'), from: { name: 'Sam', address: 'sam@small.example' } }), hours)).toBe(false);
  });
});
