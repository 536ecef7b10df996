/**
 * Status names in the sidebar, the badges and the palette: a German agent
 * reads the German words while the team keeps core's defaults (which are
 * English), and reads the team's own names once it chose some.
 */
import { afterEach, expect, it } from 'vitest';
import { defaultTriageSettings } from '../../../src-main/core/triage/triage-settings.ts';
import { statusLabel } from '../../../src-renderer/features/triage/triage-labels.ts';
import { setLocale } from '../../../src-renderer/i18n/i18n.ts';

afterEach(() => setLocale('en'));

it('says a default status in the agent\'s language and a team\'s own name as the team wrote it', () => {
  const settings = defaultTriageSettings();
  setLocale('de');
  expect(statusLabel('pending', settings)).toBe('Offen');
  expect(statusLabel('waiting', settings)).toBe('Wartet auf Kunden');
  const renamed = { ...settings, statusLabels: { ...settings.statusLabels, on_hold: 'Wartet auf Lager' } };
  expect(statusLabel('on_hold', renamed)).toBe('Wartet auf Lager');
  setLocale('en');
  expect(statusLabel('pending', settings)).toBe('Pending');
  expect(statusLabel('on_hold', renamed)).toBe('Wartet auf Lager');
});
