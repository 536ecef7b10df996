import { describe, expect, it } from 'vitest';
import type { TriageState } from '../../../src-preload/api.ts';
import { applyActionToState, inDrawer, initials } from '../../../src-renderer/store/triage-optimistic.ts';

const now = 1_800_000_000_000;
const base: TriageState = { status: 'new', assignee: null, tags: ['billing'], priority: 'normal', deadline: null, snoozedUntil: null, sla: null, alert: null, presence: [], following: false };
const me = 'agent:00000000000000aa';
const viewer = { me, myGroups: ['group:tier1'], now };

describe('applyActionToState', () => {
  it('changes only what the action names', () => {
    expect(applyActionToState(base, { kind: 'status', status: 'done' })).toEqual({ ...base, status: 'done' });
    expect(applyActionToState(base, { kind: 'priority', priority: 'urgent' })).toEqual({ ...base, priority: 'urgent' });
    expect(applyActionToState(base, { kind: 'snooze', until: now + 5000 }).snoozedUntil).toBe(now + 5000);
    expect(applyActionToState({ ...base, snoozedUntil: now + 5000 }, { kind: 'unsnooze' }).snoozedUntil).toBeNull();
    expect(applyActionToState(base, { kind: 'share', agent: me })).toEqual(base);
  });

  it('adds tags once (case-insensitively) and removes them', () => {
    const tagged = applyActionToState(base, { kind: 'tags', add: ['VIP', 'vip', 'Billing'], remove: [] });
    expect(tagged.tags).toEqual(['billing', 'VIP']);
    expect(applyActionToState(tagged, { kind: 'tags', add: [], remove: ['vip'] }).tags).toEqual(['billing']);
  });

  it('takes a new conversation out of "new" when someone is assigned', () => {
    expect(applyActionToState(base, { kind: 'assign', assignee: me })).toMatchObject({ assignee: me, status: 'pending' });
    expect(applyActionToState({ ...base, status: 'waiting' }, { kind: 'assign', assignee: me }).status).toBe('waiting');
    expect(applyActionToState({ ...base, assignee: me, status: 'pending' }, { kind: 'assign', assignee: null })).toMatchObject({ assignee: null, status: 'pending' });
  });
});

describe('inDrawer', () => {
  it('follows the contract for the fixed drawers', () => {
    const snoozed = { ...base, snoozedUntil: now + 60_000 };
    expect(inDrawer('inbox', base, viewer)).toBe(true);
    expect(inDrawer('inbox', snoozed, viewer)).toBe(false);
    expect(inDrawer('inbox', { ...base, status: 'done' }, viewer)).toBe(false);
    expect(inDrawer('snoozed', snoozed, viewer)).toBe(true);
    expect(inDrawer('snoozed', { ...base, snoozedUntil: now - 1 }, viewer)).toBe(false);
    expect(inDrawer('unassigned', base, viewer)).toBe(true);
    expect(inDrawer('unassigned', { ...base, assignee: me }, viewer)).toBe(false);
    expect(inDrawer('mine', { ...base, assignee: me }, viewer)).toBe(true);
    expect(inDrawer('mine', { ...base, assignee: 'group:tier1' }, viewer)).toBe(true);
    expect(inDrawer('mine', { ...base, assignee: me, status: 'done' }, viewer)).toBe(false);
    expect(inDrawer('open', { ...base, status: 'on_hold' }, viewer)).toBe(true);
    expect(inDrawer('open', { ...base, status: 'closed' }, viewer)).toBe(false);
  });

  it('follows the parametrised drawers', () => {
    expect(inDrawer('status:done', { ...base, status: 'done' }, viewer)).toBe(true);
    expect(inDrawer('status:done', base, viewer)).toBe(false);
    expect(inDrawer(`assignee:${me}`, { ...base, assignee: me }, viewer)).toBe(true);
    expect(inDrawer('tag:BILLING', base, viewer)).toBe(true);
    expect(inDrawer('tag:vip', base, viewer)).toBe(false);
  });

  it('leaves to core what only core can decide', () => {
    expect(inDrawer('overdue', base, viewer)).toBeNull();
    expect(inDrawer('alerts', base, viewer)).toBeNull();
    expect(inDrawer('mine', { ...base, assignee: me }, { ...viewer, me: null })).toBeNull();
    expect(inDrawer('unassigned', { ...base, snoozedUntil: now + 1000 }, viewer)).toBeNull();
  });
});

describe('initials', () => {
  it('takes first and last word, or the first two letters of one', () => {
    expect(initials('Alice Example')).toBe('AE');
    expect(initials('Jean-Luc de la Tour')).toBe('JT');
    expect(initials('support')).toBe('SU');
    expect(initials('  ')).toBe('?');
  });
});
