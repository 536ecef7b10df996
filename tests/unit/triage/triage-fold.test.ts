import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../../src-main/core/team/ops.ts';
import { foldTriage } from '../../../src-main/core/triage/triage-fold.ts';
import type { FoldInput, FoldMessage, FoldSettings } from '../../../src-main/core/triage/triage-fold.ts';
import { alwaysOpen } from '../../../src-main/core/workflow/business-hours.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const t0 = Date.UTC(2026, 2, 2, 9);
const ALICE = 'a11ce00000000001';
const BOB = 'b0b0000000000002';

const noSla = { firstResponseMs: null, nextResponseMs: null, resolutionMs: null };
const settings: FoldSettings = {
  workflow: { autoCloseDays: 30, spamPurgeDays: 30 },
  hours: alwaysOpen,
  sla: { low: noSla, normal: { firstResponseMs: 4 * HOUR, nextResponseMs: 8 * HOUR, resolutionMs: null }, high: noSla, urgent: { firstResponseMs: HOUR, nextResponseMs: HOUR, resolutionMs: null } },
  slaFrom: 0,
};

let seq = 0;
const hlc = (at: number, actor = ALICE, n = seq++ % 0xffff) => `${new Date(at).toISOString()}-${n.toString(16).padStart(4, '0')}-${actor}`;
const op = (at: number, field: string, value: Op['value'], actor = ALICE, entity = 'msg:root@x'): Op => ({ hlc: hlc(at, actor), actor, entity, field, value });
const customer = (at: number, fromBlocked = false): FoldMessage => ({ at, outgoing: false, fromBlocked, automatic: false });
const autoReply = (at: number, fromBlocked = false): FoldMessage => ({ at, outgoing: false, fromBlocked, automatic: true });
const reply = (at: number): FoldMessage => ({ at, outgoing: true, fromBlocked: false, automatic: false });

function fold(messages: FoldMessage[], ops: Op[], now: number, extra: Partial<FoldInput> = {}) {
  return foldTriage({ messages, ops, customerText: null, location: 'normal', now, settings, ...extra });
}

describe('triage fold: followers', () => {
  it('keeps one cell per agent, the last write winning, and ignores malformed follow ops', () => {
    const ops = [
      op(t0, `follow:agent:${ALICE}`, true, ALICE),
      op(t0 + 1, `follow:agent:${BOB}`, true, BOB),
      op(t0 + 2, `follow:agent:${ALICE}`, false, ALICE),
      op(t0 + 3, `follow:agent:${ALICE}`, true, ALICE),
      op(t0 + 4, `follow:agent:${BOB}`, 'yes', BOB),
      op(t0 + 5, 'follow:group:tier1', true, BOB),
      op(t0 + 6, 'follow:', true, BOB),
    ];
    expect(fold([customer(t0)], ops, t0 + HOUR).followers).toEqual([`agent:${ALICE}`, `agent:${BOB}`]);
    expect(fold([customer(t0)], [...ops, op(t0 + 7, `follow:agent:${BOB}`, false, BOB)], t0 + HOUR).followers).toEqual([`agent:${ALICE}`]);
    expect(fold([customer(t0)], [], t0 + HOUR).followers).toEqual([]);
  });
});

describe('triage fold: statuses from messages and ops', () => {
  it('a new customer message lands in the inbox unassigned; taking it makes it pending and mine to see', () => {
    const f = fold([customer(t0)], [], t0 + MIN);
    expect(f).toMatchObject({ status: 'new', view: 'new', active: true, assignee: null });
    const taken = fold([customer(t0)], [op(t0 + 1000, 'assignee', `agent:${ALICE}`)], t0 + MIN);
    expect(taken).toMatchObject({ status: 'pending', view: 'pending', assignee: `agent:${ALICE}` });
  });

  it('an agent reply waits on the customer; the customer answering makes it pending again', () => {
    expect(fold([customer(t0), reply(t0 + HOUR)], [], t0 + 2 * HOUR).status).toBe('waiting');
    expect(fold([customer(t0), reply(t0 + HOUR), customer(t0 + 2 * HOUR)], [op(t0, 'assignee', `agent:${ALICE}`)], t0 + 3 * HOUR).status).toBe('pending');
  });

  it('a customer reply that reached the server after the agent pressed done reopens it; one before it does not', () => {
    const done = op(t0 + 20 * MIN, 'status', 'done');
    expect(fold([customer(t0), reply(t0 + 10 * MIN), customer(t0 + 21 * MIN)], [done], t0 + HOUR).status).toBe('pending');
    expect(fold([customer(t0), reply(t0 + 10 * MIN), customer(t0 + 19 * MIN)], [done], t0 + HOUR).status).toBe('done');
  });

  it('a customer message reopens done and closed conversations', () => {
    for (const s of ['done', 'closed'] as const) {
      const f = fold([customer(t0), reply(t0 + MIN), customer(t0 + 5 * DAY)], [op(t0 + 2 * MIN, 'status', s)], t0 + 5 * DAY + 1);
      expect(f.status).toBe('pending');
      expect(f.active).toBe(true);
    }
  });

  it('waiting and done close after 30 days of silence, and the fold says when', () => {
    const waiting = fold([customer(t0), reply(t0 + MIN)], [], t0 + DAY);
    expect(waiting.nextChangeAt).toBe(t0 + MIN + 30 * DAY);
    expect(fold([customer(t0), reply(t0 + MIN)], [], t0 + MIN + 30 * DAY).status).toBe('closed');
    expect(fold([customer(t0)], [op(t0 + MIN, 'status', 'done')], t0 + MIN + 30 * DAY)).toMatchObject({ status: 'closed', view: 'closed', active: false });
  });

  it('the auto-close period is a setting', () => {
    const weekly = { ...settings, workflow: { autoCloseDays: 7, spamPurgeDays: 30 } };
    expect(foldTriage({ messages: [customer(t0), reply(t0 + 1)], ops: [], customerText: null, location: 'normal', now: t0 + 8 * DAY, settings: weekly }).status).toBe('closed');
  });

  it('mail from a blocked contact is spam, hidden from open work, and purged 30 days later', () => {
    const f = fold([customer(t0, true)], [], t0 + DAY);
    expect(f).toMatchObject({ status: 'spam', view: 'spam', active: false, purgeAt: t0 + 30 * DAY, nextChangeAt: t0 + 30 * DAY });
    expect(fold([customer(t0, true)], [], t0 + 30 * DAY)).toMatchObject({ view: 'purged', nextChangeAt: null });
    // An agent rescuing it overrides the block for what came before.
    expect(fold([customer(t0, true)], [op(t0 + HOUR, 'status', 'pending')], t0 + DAY).view).toBe('pending');
  });

  it('mail the server keeps in Junk is spam the server purges; mail all in the trash is hidden', () => {
    expect(fold([customer(t0)], [], t0 + 40 * DAY, { location: 'junk' })).toMatchObject({ status: 'spam', view: 'spam', purgeAt: null });
    expect(fold([customer(t0)], [], t0 + DAY, { location: 'trash' })).toMatchObject({ view: 'trash', active: false });
  });
});

describe('triage fold: snooze', () => {
  const base = [customer(t0), reply(t0 + MIN)];
  const snooze = op(t0 + 2 * MIN, 'snooze', { until: t0 + 3 * DAY });

  it('parks the conversation in Snoozed until the time, then it comes back woken', () => {
    const during = fold(base, [snooze], t0 + DAY);
    expect(during).toMatchObject({ view: 'snoozed', active: false, snoozedUntil: t0 + 3 * DAY, snoozedBy: ALICE, nextChangeAt: t0 + 3 * DAY });
    const after = fold(base, [snooze], t0 + 3 * DAY);
    expect(after).toMatchObject({ view: 'waiting', active: true, snoozedUntil: null, wokeAt: t0 + 3 * DAY });
  });

  it('comes back at once when the customer writes', () => {
    const f = fold([...base, customer(t0 + DAY)], [snooze], t0 + DAY + 1);
    expect(f).toMatchObject({ view: 'pending', snoozedUntil: null, wokeAt: t0 + DAY });
  });

  it('unsnooze brings it back without a wake; a malformed snooze op is ignored', () => {
    expect(fold(base, [snooze, op(t0 + HOUR, 'snooze', null)], t0 + DAY)).toMatchObject({ view: 'waiting', wokeAt: null });
    expect(fold(base, [snooze, op(t0 + HOUR, 'snooze', { until: 'tomorrow' })], t0 + DAY).view).toBe('snoozed');
  });
});

describe('triage fold: cells', () => {
  it('tags are one cell each: two agents tagging at once both keep theirs, and a removal wins only its own tag', () => {
    const ops = [op(t0, 'tag:refund', true, ALICE), op(t0, 'tag:vip', true, BOB), op(t0 + 1, 'tag:refund', false, BOB), op(t0 + 2, 'tag:late', true, ALICE)];
    expect(fold([customer(t0)], ops, t0 + 3).tags).toEqual(['late', 'vip']);
  });

  it('priority and deadline are last-writer-wins by HLC; malformed values do not hide good ones', () => {
    const ops = [op(t0, 'priority', 'high', ALICE), op(t0 + 5, 'priority', 'extreme', BOB), op(t0 + 1, 'deadline', t0 + DAY), op(t0 + 6, 'deadline', 'soon', BOB)];
    expect(fold([customer(t0)], ops, t0 + 10)).toMatchObject({ priority: 'high', deadline: t0 + DAY });
    expect(fold([customer(t0)], [op(t0, 'assignee', 'someone'), op(t0 - 1, 'assignee', `group:billing`)], t0 + 10).assignee).toBe('group:billing');
  });

  it('SLA: first response due 4 business hours after the customer wrote, then overdue; a reply stops it', () => {
    const open = fold([customer(t0)], [], t0 + HOUR);
    expect(open).toMatchObject({ sla: { kind: 'first-response', dueAt: t0 + 4 * HOUR }, overdue: false, nextChangeAt: t0 + 4 * HOUR });
    expect(fold([customer(t0)], [], t0 + 4 * HOUR).overdue).toBe(true);
    expect(fold([customer(t0), reply(t0 + HOUR)], [], t0 + 5 * HOUR)).toMatchObject({ overdue: false, sla: null });
    // Urgent conversations get the urgent targets.
    expect(fold([customer(t0)], [op(t0, 'priority', 'urgent')], t0 + 2 * HOUR)).toMatchObject({ overdue: true, sla: { dueAt: t0 + HOUR } });
  });

  it('mail from before the desk started counting is not overdue; a deadline set on it still is', () => {
    const counting = { ...settings, slaFrom: t0 + DAY };
    expect(fold([customer(t0)], [], t0 + 10 * DAY, { settings: counting })).toMatchObject({ overdue: false, sla: null, view: 'new' });
    const deadline = op(t0 + 2 * DAY, 'deadline', t0 + 3 * DAY, ALICE);
    expect(fold([customer(t0)], [deadline], t0 + 10 * DAY, { settings: counting }).overdue).toBe(true);
    expect(fold([customer(t0), customer(t0 + 2 * DAY)], [], t0 + 10 * DAY, { settings: counting })).toMatchObject({ overdue: true, sla: { dueAt: t0 + 2 * DAY + 4 * HOUR } });
  });

  it('a passed deadline makes open work overdue, not done work', () => {
    const deadline = op(t0, 'deadline', t0 + DAY, ALICE);
    expect(fold([customer(t0), reply(t0 + 1)], [deadline], t0 + DAY)).toMatchObject({ overdue: true, view: 'waiting' });
    expect(fold([customer(t0), reply(t0 + 1)], [deadline, op(t0 + 2, 'status', 'done')], t0 + DAY).overdue).toBe(false);
  });

  it('flags a strongly dissatisfied customer and says why', () => {
    const f = fold([customer(t0)], [], t0 + 1, { customerText: 'This is unacceptable. I want a refund now or I will call my lawyer!!!' });
    expect(f.alert.flagged).toBe(true);
    expect(f.alert.reasons.length).toBeGreaterThan(0);
    expect(fold([customer(t0)], [], t0 + 1, { customerText: 'Thanks, that helped a lot.' }).alert.flagged).toBe(false);
  });
});

describe('triage fold: automatic answers from the customer\'s side', () => {
  const mine = op(t0, 'assignee', `agent:${ALICE}`);

  it('an out-of-office after the agent\'s reply leaves it waiting on the customer, and the customer\'s own answer reopens it', () => {
    expect(fold([customer(t0), reply(t0 + HOUR), autoReply(t0 + HOUR + MIN)], [mine], t0 + 2 * HOUR).status).toBe('waiting');
    expect(fold([customer(t0), reply(t0 + HOUR), autoReply(t0 + HOUR + MIN), customer(t0 + 3 * DAY)], [mine], t0 + 3 * DAY + 1).status).toBe('pending');
  });

  it('does not reopen a done conversation, wake a snooze or start a response time', () => {
    const done = fold([customer(t0), reply(t0 + MIN), autoReply(t0 + 2 * DAY)], [mine, op(t0 + 2 * MIN, 'status', 'done')], t0 + 2 * DAY + 1);
    expect(done.status).toBe('done');
    const snoozed = fold([customer(t0), reply(t0 + MIN), autoReply(t0 + HOUR)], [mine, op(t0 + 2 * MIN, 'snooze', { until: t0 + 2 * DAY })], t0 + 2 * HOUR);
    expect(snoozed).toMatchObject({ view: 'snoozed', wokeAt: null });
    const timed = fold([customer(t0), reply(t0 + MIN), autoReply(t0 + HOUR)], [mine], t0 + DAY);
    expect(timed.sla).toBeNull();
    expect(timed.overdue).toBe(false);
  });

  it('a blocked sender\'s automatic mail is still spam', () => {
    expect(fold([customer(t0), reply(t0 + MIN), autoReply(t0 + HOUR, true)], [], t0 + 2 * HOUR).status).toBe('spam');
  });
});

describe('property: the fold depends only on the facts and changes only when it says', () => {
  const actors = [ALICE, BOB];
  const opArb: fc.Arbitrary<Op> = fc
    .record({
      day: fc.integer({ min: 0, max: 40 }),
      n: fc.nat(0xfff),
      actor: fc.constantFrom(...actors),
      entity: fc.constantFrom('msg:root@x', 'msg:reply@x'),
      cell: fc.oneof(
        fc.record({ field: fc.constant('status'), value: fc.constantFrom('new', 'pending', 'waiting', 'on_hold', 'done', 'closed', 'spam') }),
        fc.record({ field: fc.constant('assignee'), value: fc.constantFrom(null, `agent:${ALICE}`, 'group:billing') }),
        fc.record({ field: fc.constant('snooze'), value: fc.option(fc.integer({ min: 0, max: 60 }).map((d) => ({ until: t0 + d * DAY }))) }),
        fc.record({ field: fc.constantFrom('tag:a', 'tag:b'), value: fc.boolean() }),
        fc.record({ field: fc.constant('priority'), value: fc.constantFrom('low', 'normal', 'high', 'urgent') }),
        fc.record({ field: fc.constant('deadline'), value: fc.option(fc.integer({ min: 0, max: 60 }).map((d) => t0 + d * DAY)) }),
      ),
    })
    .map(({ day, n, actor, entity, cell }) => ({ hlc: `${new Date(t0 + day * DAY).toISOString()}-${n.toString(16).padStart(4, '0')}-${actor}`, actor, entity, field: cell.field, value: cell.value as Op['value'] }));
  const messageArb: fc.Arbitrary<FoldMessage> = fc.record({ at: fc.integer({ min: 0, max: 40 * 24 }).map((h) => t0 + h * HOUR), outgoing: fc.boolean(), fromBlocked: fc.boolean(), automatic: fc.boolean() });
  const facts = fc.record({
    messages: fc.array(messageArb, { minLength: 1, maxLength: 8 }),
    ops: fc.uniqueArray(opArb, { selector: (o) => o.hlc, maxLength: 15 }),
    nowDays: fc.integer({ min: 0, max: 90 }),
  });

  it('any arrival order of ops and messages gives the same state', () => {
    fc.assert(
      fc.property(facts, fc.func(fc.integer()), ({ messages, ops, nowDays }, key) => {
        const now = t0 + nowDays * DAY;
        const shuffle = <T>(xs: T[]) => [...xs].sort((a, b) => key(JSON.stringify(a)) - key(JSON.stringify(b)));
        expect(fold(shuffle(messages), shuffle(ops), now)).toEqual(fold(messages, ops, now));
      }),
      { numRuns: 200 },
    );
  });

  it('automatic answers from unblocked senders change nothing in the workflow, the response times or the next change', () => {
    const autoArb = fc.integer({ min: 0, max: 40 * 24 }).map((h) => autoReply(t0 + h * HOUR));
    fc.assert(
      fc.property(facts, fc.array(autoArb, { maxLength: 4 }), ({ messages, ops, nowDays }, autos) => {
        const now = t0 + nowDays * DAY;
        const pick = (f: ReturnType<typeof fold>) => ({ status: f.status, view: f.view, wokeAt: f.wokeAt, sla: f.sla, overdue: f.overdue, nextChangeAt: f.nextChangeAt });
        expect(pick(fold([...messages, ...autos], ops, now))).toEqual(pick(fold(messages, ops, now)));
      }),
      { numRuns: 200 },
    );
  });

  it('nothing changes by itself before nextChangeAt (so the scheduler never misses a change)', () => {
    fc.assert(
      fc.property(facts, fc.double({ min: 0, max: 1, noNaN: true }), ({ messages, ops, nowDays }, frac) => {
        const now = t0 + nowDays * DAY;
        const a = fold(messages, ops, now);
        const end = a.nextChangeAt ?? now + 400 * DAY;
        const later = fold(messages, ops, now + Math.floor((end - 1 - now) * frac));
        expect({ view: later.view, status: later.status, overdue: later.overdue, nextChangeAt: later.nextChangeAt }).toEqual({ view: a.view, status: a.status, overdue: a.overdue, nextChangeAt: a.nextChangeAt });
      }),
      { numRuns: 200 },
    );
  });
});
