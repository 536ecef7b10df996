import { describe, expect, it } from 'vitest';
import { slaFromText, slaFromValue } from '../../../src-renderer/features/triage/sla-from-field.ts';

const connectedAt = new Date(2026, 10, 24, 14, 37, 12).getTime();

describe('the "count SLA times for mail from" field', () => {
  it('shows the local date of the start, and nothing when all mail counts or nothing was chosen', () => {
    expect(slaFromText(connectedAt)).toBe('2026-11-24');
    expect(slaFromText(0)).toBe('');
    expect(slaFromText(null)).toBe('');
  });

  it('saves an untouched field as the exact instant it showed, not midnight', () => {
    expect(slaFromValue('2026-11-24', connectedAt)).toBe(connectedAt);
    expect(slaFromValue('', null)).toBeNull();
    expect(slaFromValue('', 0)).toBe(0);
  });

  it('a new date counts from its local midnight; clearing it counts all mail', () => {
    expect(slaFromValue('2026-11-01', connectedAt)).toBe(new Date(2026, 10, 1).getTime());
    expect(slaFromValue('2026-11-01', null)).toBe(new Date(2026, 10, 1).getTime());
    expect(slaFromValue('', connectedAt)).toBe(0);
  });

  it('refuses what is not a calendar date', () => {
    expect(slaFromValue('2026-02-30', null)).toBe('invalid');
    expect(slaFromValue('24.11.2026', null)).toBe('invalid');
    expect(slaFromValue('1969-12-31', null)).toBe('invalid');
  });
});
