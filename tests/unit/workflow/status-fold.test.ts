import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWorkflow, STATUSES } from '../../../src-main/core/workflow/status-fold.ts';
import type { Status, WorkflowEvent } from '../../../src-main/core/workflow/status-fold.ts';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 1, 9);
const hlc = (at: number, n = 0) => `${new Date(at).toISOString()}-${n.toString(16).padStart(4, '0')}-00000000000000a1`;
const customer = (at: number, fromBlocked = false): WorkflowEvent => ({ kind: 'customer-message', at, fromBlocked });
const reply = (at: number): WorkflowEvent => ({ kind: 'agent-reply', at });
const set = (at: number, status: Status): WorkflowEvent => ({ kind: 'status', at, hlc: hlc(at), status });
const snooze = (at: number, until: number | null): WorkflowEvent => ({ kind: 'snooze', at, hlc: hlc(at, 1), until });
const assign = (at: number, who: string | null): WorkflowEvent => ({ kind: 'assign', at, hlc: hlc(at, 2), assignee: who });

const statusOf = (events: WorkflowEvent[], now = events.reduce((m, e) => Math.max(m, e.at), t0) + 1) => foldWorkflow(events, now).status;

describe('status fold: messages', () => {
  it('a first customer message nobody owns is new; once assigned it is pending', () => {
    expect(statusOf([customer(t0)])).toBe('new');
    expect(statusOf([customer(t0), assign(t0 + 1, 'alice')])).toBe('pending');
    expect(statusOf([customer(t0), assign(t0 + 1, 'alice'), assign(t0 + 2, null)])).toBe('new');
  });

  it('an agent reply makes it waiting on the customer; the customer answering makes it pending', () => {
    expect(statusOf([customer(t0), reply(t0 + 1000)])).toBe('waiting');
    expect(statusOf([customer(t0), reply(t0 + 1000), customer(t0 + 2000)])).toBe('pending');
  });

  it('a customer message reopens done, closed and on hold', () => {
    for (const s of ['done', 'closed', 'on_hold'] as const) {
      expect(statusOf([customer(t0), reply(t0 + 1), set(t0 + 2, s), customer(t0 + 3)])).toBe('pending');
    }
  });

  it('spam stays spam when the spammer writes again; a blocked contact goes straight to spam', () => {
    expect(statusOf([customer(t0), set(t0 + 1, 'spam'), customer(t0 + 2)])).toBe('spam');
    expect(statusOf([customer(t0, true)])).toBe('spam');
    expect(statusOf([customer(t0), reply(t0 + 1), customer(t0 + 2, true)])).toBe('spam');
  });

  it('manual status changes apply in order; the latest fact wins', () => {
    expect(statusOf([customer(t0), set(t0 + 1, 'on_hold')])).toBe('on_hold');
    expect(statusOf([customer(t0), set(t0 + 1, 'on_hold'), set(t0 + 2, 'done')])).toBe('done');
    expect(statusOf([customer(t0), set(t0 + 1, 'done'), reply(t0 + 2)])).toBe('waiting');
  });
});

describe('status fold: races', () => {
  it('a customer reply that reached the server after the agent pressed done reopens it', () => {
    expect(statusOf([customer(t0), reply(t0 + 10), set(t0 + 20, 'done'), customer(t0 + 21)])).toBe('pending');
  });

  it('a customer reply the server received before "done" stays done (the agent closed after it)', () => {
    expect(statusOf([customer(t0), reply(t0 + 10), customer(t0 + 19), set(t0 + 20, 'done')])).toBe('done');
  });

  it('at the same millisecond the agent decision wins (messages replay first)', () => {
    expect(statusOf([customer(t0), reply(t0 + 10), customer(t0 + 20), set(t0 + 20, 'done')])).toBe('done');
  });
});

describe('status fold: time', () => {
  it('done and waiting close after 30 days of silence, not before', () => {
    const events = [customer(t0), reply(t0 + 1)];
    expect(foldWorkflow(events, t0 + 29 * DAY).status).toBe('waiting');
    expect(foldWorkflow(events, t0 + 1 + 30 * DAY).status).toBe('closed');
    const done = [customer(t0), set(t0 + 5, 'done')];
    expect(foldWorkflow(done, t0 + 5 + 30 * DAY).status).toBe('closed');
    expect(foldWorkflow(done, t0).nextChangeAt).toBe(t0 + 5 + 30 * DAY);
  });

  it('pending and on hold never close by themselves', () => {
    expect(foldWorkflow([customer(t0), assign(t0, 'a')], t0 + 400 * DAY).status).toBe('pending');
    expect(foldWorkflow([customer(t0), set(t0 + 1, 'on_hold')], t0 + 400 * DAY).status).toBe('on_hold');
  });

  it('the auto-close periods are settings', () => {
    expect(foldWorkflow([customer(t0), reply(t0 + 1)], t0 + 8 * DAY, { autoCloseDays: 7, spamPurgeDays: 30 }).status).toBe('closed');
  });

  it('spam is purgeable 30 days after it became spam', () => {
    const f = foldWorkflow([customer(t0), set(t0 + 1, 'spam')], t0 + 2);
    expect(f.purgeAt).toBe(t0 + 1 + 30 * DAY);
  });
});

describe('snooze', () => {
  it('hides the conversation until the time, then it wakes (and comes back unread from then)', () => {
    const events = [customer(t0), assign(t0, 'a'), snooze(t0 + 10, t0 + DAY)];
    const during = foldWorkflow(events, t0 + DAY - 1);
    expect(during.snoozedUntil).toBe(t0 + DAY);
    expect(during.nextChangeAt).toBe(t0 + DAY);
    const after = foldWorkflow(events, t0 + DAY);
    expect(after.snoozedUntil).toBeNull();
    expect(after.wokeAt).toBe(t0 + DAY);
    expect(after.status).toBe('pending');
  });

  it('wakes at once when the customer writes', () => {
    const f = foldWorkflow([customer(t0), reply(t0 + 1), snooze(t0 + 2, t0 + 7 * DAY), customer(t0 + DAY)], t0 + DAY + 1);
    expect(f.snoozedUntil).toBeNull();
    expect(f.wokeAt).toBe(t0 + DAY);
    expect(f.status).toBe('pending');
  });

  it('an unsnooze (null) or a later snooze replaces the earlier one', () => {
    expect(foldWorkflow([customer(t0), snooze(t0 + 1, t0 + DAY), snooze(t0 + 2, null)], t0 + 3).snoozedUntil).toBeNull();
    expect(foldWorkflow([customer(t0), snooze(t0 + 1, t0 + DAY), snooze(t0 + 2, t0 + 2 * DAY)], t0 + 3).snoozedUntil).toBe(t0 + 2 * DAY);
  });
});

describe('property: the fold depends only on the set of facts', () => {
  const eventArb: fc.Arbitrary<WorkflowEvent> = fc.oneof(
    fc.record({ kind: fc.constant('customer-message' as const), at: fc.integer({ min: 0, max: 60 }), fromBlocked: fc.boolean() }),
    fc.record({ kind: fc.constant('agent-reply' as const), at: fc.integer({ min: 0, max: 60 }) }),
    fc.record({ kind: fc.constant('status' as const), at: fc.integer({ min: 0, max: 60 }), n: fc.nat(50), status: fc.constantFrom(...STATUSES) }).map(({ at, n, status }) => ({ kind: 'status' as const, at, hlc: hlc(t0 + at * DAY, n), status })),
    fc.record({ at: fc.integer({ min: 0, max: 60 }), n: fc.nat(50), until: fc.option(fc.integer({ min: 0, max: 70 })) }).map(({ at, n, until }) => ({ kind: 'snooze' as const, at, hlc: hlc(t0 + at * DAY, 100 + n), until: until === null ? null : t0 + until * DAY })),
    fc.record({ at: fc.integer({ min: 0, max: 60 }), n: fc.nat(50), who: fc.option(fc.constantFrom('alice', 'bob')) }).map(({ at, n, who }) => ({ kind: 'assign' as const, at, hlc: hlc(t0 + at * DAY, 200 + n), assignee: who })),
  ).map((e) => ({ ...e, at: t0 + e.at * DAY }) as WorkflowEvent);

  it('any arrival order gives the same state', () => {
    fc.assert(
      fc.property(fc.uniqueArray(eventArb, { selector: (e) => ('hlc' in e ? e.hlc : `${e.kind}@${e.at}`), maxLength: 25 }), fc.integer({ min: 0, max: 100 }), fc.func(fc.integer()), (events, nowDays, key) => {
        const now = t0 + nowDays * DAY;
        const shuffled = [...events].sort((a, b) => key(JSON.stringify(a)) - key(JSON.stringify(b)));
        expect(foldWorkflow(shuffled, now)).toEqual(foldWorkflow(events, now));
      }),
    );
  });

  it('a customer message as the newest fact always means the customer is waiting (unless spam)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 20 }), (events) => {
        const last = Math.max(t0, ...events.map((e) => e.at)) + 1;
        const f = foldWorkflow([...events, customer(last)], last);
        expect(['new', 'pending', 'spam']).toContain(f.status);
      }),
    );
  });
});
