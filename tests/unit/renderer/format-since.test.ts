/**
 * "Last synced …" and "Last heard from the team …": when something last
 * happened, inside a sentence, in the agent's language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatSince } from '../../../src-renderer/i18n/format.ts';
import { setLocale, t } from '../../../src-renderer/i18n/i18n.ts';

afterEach(() => setLocale('en'));

const now = new Date(2026, 10, 24, 15, 0).getTime();
const minutes = (n: number) => now - n * 60_000;

describe('formatSince', () => {
  it('says "just now" for the first minute, not the list column\'s bare "now"', () => {
    expect(t('health.lastSync', { when: formatSince(now - 5_000, now) })).toBe('Last synced just now');
    expect(formatSince(now - 59_000, now)).toBe('just now');
    // A colleague's clock a little ahead is still "just now", never "in 10 sec.".
    expect(formatSince(now + 10_000, now)).toBe('just now');
  });

  it('then ages as the list does: minutes, hours, then the day', () => {
    expect(formatSince(minutes(12), now)).toMatch(/^12 min\.? ago$/);
    expect(formatSince(minutes(180), now)).toMatch(/^3 hr\.? ago$/);
    expect(formatSince(now - 24 * 3_600_000, now)).toBe('Yesterday');
  });

  it('speaks German in a German window', () => {
    setLocale('de');
    expect(t('health.lastSync', { when: formatSince(now - 5_000, now) })).toBe('Zuletzt synchronisiert gerade eben');
    expect(formatSince(minutes(12), now)).toBe('vor 12 Min.');
  });
});
