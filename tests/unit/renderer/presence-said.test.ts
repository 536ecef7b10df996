/**
 * What a colleague's presence says, in the triage bar and in a list row, in
 * English and German: a scheduled reply names its time where there is room
 * and leaves it to the tooltip in a row.
 */
import { afterEach, expect, it } from 'vitest';
import type { PresenceBadge } from '../../../src-preload/api.ts';
import { presenceText } from '../../../src-renderer/features/triage/triage-labels.ts';
import { setLocale } from '../../../src-renderer/i18n/i18n.ts';
import { formatWhen } from '../../../src-renderer/i18n/format.ts';

afterEach(() => setLocale('en'));

const sendAt = Date.UTC(2026, 10, 25, 8, 30);
const badge = (activity: PresenceBadge['activity'], name: string | null = 'Alice'): PresenceBadge => ({
  agent: 'agent:00000000000000aa',
  name,
  colour: '#123456',
  activity,
  until: sendAt + 900_000,
  sendAt: activity === 'scheduled' ? sendAt : null,
});

it('says who is doing what, and when a scheduled reply goes out', () => {
  expect(presenceText(badge('viewing'))).toBe('Alice is viewing');
  expect(presenceText(badge('sending'))).toBe('Alice is sending a reply');
  expect(presenceText(badge('scheduled'))).toBe(`Alice scheduled a reply for ${formatWhen(sendAt)}`);
  expect(presenceText(badge('scheduled'), true)).toBe('Alice scheduled a reply');
  expect(presenceText(badge('replying', null))).toBe('Someone is replying');
  setLocale('de');
  expect(presenceText(badge('scheduled'))).toBe(`Alice hat eine Antwort für ${formatWhen(sendAt)} geplant`);
  expect(formatWhen(sendAt)).toMatch(/Mi\./);
  expect(presenceText(badge('sending'))).toBe('Alice sendet gerade eine Antwort');
});
