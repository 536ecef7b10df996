import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, alwaysOpen, businessTimeBetween, weekdays, zonedInstant } from '../../../src-main/core/workflow/business-hours.ts';

const HOUR = 3_600_000;
const cph = weekdays('Europe/Copenhagen', 9, 17);

describe('business hours', () => {
  it('a Friday-evening message with a 4-hour target is due Monday at 13:00 local time', () => {
    const friday1800 = zonedInstant(2026, 11, 20, 18 * 60, 'Europe/Copenhagen');
    expect(addBusinessTime(friday1800, 4 * HOUR, cph)).toBe(zonedInstant(2026, 11, 23, 13 * 60, 'Europe/Copenhagen'));
  });

  it('inside hours the clock simply runs', () => {
    const tue10 = zonedInstant(2026, 11, 24, 10 * 60, 'Europe/Copenhagen');
    expect(addBusinessTime(tue10, 2 * HOUR, cph)).toBe(tue10 + 2 * HOUR);
  });

  it('crosses the DST change correctly (Copenhagen, last Sunday of March)', () => {
    const fri16 = zonedInstant(2026, 3, 27, 16 * 60, 'Europe/Copenhagen');
    // 1 hour Friday, 1 hour Monday: Monday 10:00 local is CEST (UTC+2).
    expect(addBusinessTime(fri16, 2 * HOUR, cph)).toBe(Date.UTC(2026, 2, 30, 8, 0));
  });

  it('skips holidays', () => {
    const withHoliday = { ...cph, holidays: ['2026-12-24', '2026-12-25'] };
    const wed16 = zonedInstant(2026, 12, 23, 16 * 60, 'Europe/Copenhagen');
    expect(addBusinessTime(wed16, 2 * HOUR, withHoliday)).toBe(zonedInstant(2026, 12, 28, 10 * 60, 'Europe/Copenhagen'));
  });

  it('refuses a schedule with no open time instead of looping', () => {
    expect(() => addBusinessTime(0, HOUR, { timeZone: 'UTC', week: [[], [], [], [], [], [], []] })).toThrow(/no open time/);
  });

  it('property: business time between start and the deadline equals the duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.integer({ min: 0, max: 60 * HOUR }), (start, duration) => {
        const due = addBusinessTime(start, duration, cph);
        expect(businessTimeBetween(start, due, cph)).toBe(duration);
        expect(addBusinessTime(start, duration, alwaysOpen)).toBe(start + duration);
      }),
      { numRuns: 200 },
    );
  });
});
