import { describe, expect, it } from 'vitest';
import { parseSnoozeTime, SNOOZE_PRESETS } from '../../../src-renderer/features/triage/snooze-time.ts';

// Local time, so the tests mean the same in every time zone: Wednesday 2026-03-11 14:20.
const now = new Date(2026, 2, 11, 14, 20, 0, 0).getTime();
const local = (y: number, mo: number, d: number, h: number, mi = 0): number => new Date(y, mo - 1, d, h, mi, 0, 0).getTime();

describe('parseSnoozeTime', () => {
  it('reads durations down to seconds, in English and German units', () => {
    expect(parseSnoozeTime('30s', now)).toBe(now + 30_000);
    expect(parseSnoozeTime('5s', now)).toBe(now + 5_000);
    expect(parseSnoozeTime('10m', now)).toBe(now + 600_000);
    expect(parseSnoozeTime('2h', now)).toBe(now + 7_200_000);
    expect(parseSnoozeTime('3d', now)).toBe(now + 3 * 86_400_000);
    expect(parseSnoozeTime('1w', now)).toBe(now + 7 * 86_400_000);
    expect(parseSnoozeTime('in 90 minutes', now)).toBe(now + 90 * 60_000);
    expect(parseSnoozeTime('1,5 Stunden', now)).toBe(now + 1.5 * 3_600_000);
    expect(parseSnoozeTime(' 2 Tage ', now)).toBe(now + 2 * 86_400_000);
  });

  it('reads days with and without a time of day', () => {
    expect(parseSnoozeTime('tomorrow 9:00', now)).toBe(local(2026, 3, 12, 9));
    expect(parseSnoozeTime('tomorrow', now)).toBe(local(2026, 3, 12, 9));
    expect(parseSnoozeTime('morgen um 8:30', now)).toBe(local(2026, 3, 12, 8, 30));
    expect(parseSnoozeTime('tomorrow 3pm', now)).toBe(local(2026, 3, 12, 15));
    // A weekday is the next one, never today.
    expect(parseSnoozeTime('mon 9:00', now)).toBe(local(2026, 3, 16, 9));
    expect(parseSnoozeTime('wednesday', now)).toBe(local(2026, 3, 18, 9));
    expect(parseSnoozeTime('next friday 17:00', now)).toBe(local(2026, 3, 13, 17));
  });

  it('reads a clock time as today, or tomorrow once it has passed', () => {
    expect(parseSnoozeTime('16:45', now)).toBe(local(2026, 3, 11, 16, 45));
    expect(parseSnoozeTime('9:00', now)).toBe(local(2026, 3, 12, 9));
  });

  it('reads dates in ISO and German order', () => {
    expect(parseSnoozeTime('2026-05-01', now)).toBe(local(2026, 5, 1, 9));
    expect(parseSnoozeTime('2026-05-01 14:30', now)).toBe(local(2026, 5, 1, 14, 30));
    expect(parseSnoozeTime('1.5.2026 8:00', now)).toBe(local(2026, 5, 1, 8));
  });

  it('gives null for nonsense, impossible dates and times in the past', () => {
    for (const text of ['', 'soon', '5', '0m', '-3h', '31.2.2026', '2026-13-01', '25:00', '2025-01-01', 'today 9:00', '5 parsecs']) {
      expect(parseSnoozeTime(text, now), text).toBeNull();
    }
  });

  it('understands every preset the picker offers', () => {
    for (const preset of SNOOZE_PRESETS) expect(parseSnoozeTime(preset, now), preset).toBeGreaterThan(now);
  });
});
