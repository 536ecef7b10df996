import { describe, expect, it } from 'vitest';
import { alwaysOpen, weekdays, zonedInstant } from '../../../src-main/core/workflow/business-hours.ts';
import { computeSla } from '../../../src-main/core/workflow/sla.ts';

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 10, 24, 9);
const targets = { firstResponseMs: 4 * HOUR, nextResponseMs: 8 * HOUR, resolutionMs: 48 * HOUR };

describe('SLA timers', () => {
  it('first response runs from the first customer message until an agent replies', () => {
    const open = computeSla({ messages: [{ at: t0, fromCustomer: true }], status: 'pending', resolvedAt: null }, targets, alwaysOpen, t0 + HOUR);
    expect(open.timers.find((t) => t.kind === 'first-response')).toEqual({ kind: 'first-response', dueAt: t0 + 4 * HOUR, overdue: false });
    const late = computeSla({ messages: [{ at: t0, fromCustomer: true }], status: 'pending', resolvedAt: null }, targets, alwaysOpen, t0 + 5 * HOUR);
    expect(late.overdue).toBe(true);
    const answered = computeSla({ messages: [{ at: t0, fromCustomer: true }, { at: t0 + HOUR, fromCustomer: false }], status: 'waiting', resolvedAt: null }, targets, alwaysOpen, t0 + 5 * HOUR);
    expect(answered.timers.map((t) => t.kind)).not.toContain('first-response');
  });

  it('next response runs from the oldest unanswered customer message after a reply', () => {
    const s = computeSla(
      { messages: [{ at: t0, fromCustomer: true }, { at: t0 + HOUR, fromCustomer: false }, { at: t0 + 2 * HOUR, fromCustomer: true }, { at: t0 + 3 * HOUR, fromCustomer: true }], status: 'pending', resolvedAt: null },
      targets, alwaysOpen, t0 + 3 * HOUR,
    );
    expect(s.timers.find((t) => t.kind === 'next-response')?.dueAt).toBe(t0 + 10 * HOUR);
  });

  it('stops when done and restarts resolution from the reopening message', () => {
    const done = computeSla({ messages: [{ at: t0, fromCustomer: true }], status: 'done', resolvedAt: t0 + HOUR }, targets, alwaysOpen, t0 + 100 * HOUR);
    expect(done.timers).toEqual([]);
    const reopened = computeSla({ messages: [{ at: t0, fromCustomer: true }, { at: t0 + 2 * HOUR, fromCustomer: true }], status: 'pending', resolvedAt: t0 + HOUR }, targets, alwaysOpen, t0 + 3 * HOUR);
    expect(reopened.timers.find((t) => t.kind === 'resolution')?.dueAt).toBe(t0 + 50 * HOUR);
  });

  it('counts business hours only', () => {
    const hours = weekdays('Europe/Copenhagen', 9, 17);
    const friday1600 = zonedInstant(2026, 11, 27, 16 * 60, 'Europe/Copenhagen');
    const s = computeSla({ messages: [{ at: friday1600, fromCustomer: true }], status: 'new', resolvedAt: null }, targets, hours, friday1600);
    expect(s.nextDueAt).toBe(zonedInstant(2026, 11, 30, 12 * 60, 'Europe/Copenhagen'));
  });

  it('shows no timer without a target', () => {
    const s = computeSla({ messages: [{ at: t0, fromCustomer: true }], status: 'pending', resolvedAt: null }, { firstResponseMs: null, nextResponseMs: null, resolutionMs: null }, alwaysOpen, t0);
    expect(s).toEqual({ timers: [], overdue: false, nextDueAt: null });
  });

  describe('mail from before the desk started counting (countFrom)', () => {
    const since = t0 + 10 * HOUR;
    const later = since + 100 * HOUR;

    it('starts no timer for a customer message older than countFrom, however long it waited', () => {
      const s = computeSla({ messages: [{ at: t0, fromCustomer: true }], status: 'new', resolvedAt: null, countFrom: since }, targets, alwaysOpen, later);
      expect(s).toEqual({ timers: [], overdue: false, nextDueAt: null });
    });

    it('times the first counted customer message of an old unanswered conversation', () => {
      const s = computeSla(
        { messages: [{ at: t0, fromCustomer: true }, { at: since + HOUR, fromCustomer: true }], status: 'pending', resolvedAt: null, countFrom: since },
        targets, alwaysOpen, since + 2 * HOUR,
      );
      expect(s.timers).toEqual([
        { kind: 'first-response', dueAt: since + 5 * HOUR, overdue: false },
        { kind: 'resolution', dueAt: since + 49 * HOUR, overdue: false },
      ]);
    });

    it('an old reply still answers, and only a counted follow-up starts next response', () => {
      const old = [{ at: t0, fromCustomer: true }, { at: t0 + HOUR, fromCustomer: false }, { at: t0 + 2 * HOUR, fromCustomer: true }];
      const quiet = computeSla({ messages: old, status: 'pending', resolvedAt: null, countFrom: since }, targets, alwaysOpen, later);
      expect(quiet.timers).toEqual([]);
      const followUp = computeSla({ messages: [...old, { at: since + HOUR, fromCustomer: true }], status: 'pending', resolvedAt: null, countFrom: since }, targets, alwaysOpen, later);
      expect(followUp.timers.find((t) => t.kind === 'next-response')).toEqual({ kind: 'next-response', dueAt: since + 9 * HOUR, overdue: true });
    });

    it('countFrom 0 counts every message, as before', () => {
      const s = computeSla({ messages: [{ at: t0, fromCustomer: true }], status: 'new', resolvedAt: null, countFrom: 0 }, targets, alwaysOpen, later);
      expect(s.overdue).toBe(true);
    });
  });
});
