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

const before = sendAt - 3_600_000;
const after = sendAt + 60_000;

it('says who is doing what, and when a scheduled reply goes out', () => {
  expect(presenceText(badge('viewing'), before)).toBe('Alice is viewing');
  expect(presenceText(badge('sending'), before)).toBe('Alice is sending a reply');
  expect(presenceText(badge('scheduled'), before)).toBe(`Alice scheduled a reply for ${formatWhen(sendAt)}`);
  expect(presenceText(badge('scheduled'), before, true)).toBe('Alice scheduled a reply');
  expect(presenceText(badge('replying', null), before)).toBe('Someone is replying');
  setLocale('de');
  expect(presenceText(badge('scheduled'), before)).toBe(`Alice hat eine Antwort für ${formatWhen(sendAt)} geplant`);
  expect(formatWhen(sendAt)).toMatch(/Mi\./);
  expect(presenceText(badge('sending'), before)).toBe('Alice sendet gerade eine Antwort');
});

it('says a scheduled reply has not gone out once its time has passed (its desktop is closed)', () => {
  expect(presenceText(badge('scheduled'), after)).toBe(`Alice's reply scheduled for ${formatWhen(sendAt)} has not gone out yet`);
  expect(presenceText(badge('scheduled'), after, true)).toBe("Alice's scheduled reply has not gone out");
  expect(presenceText(badge('scheduled'), sendAt)).toContain('has not gone out');
  setLocale('de');
  expect(presenceText(badge('scheduled'), after)).toBe(`Die für ${formatWhen(sendAt)} geplante Antwort von Alice ist noch nicht verschickt`);
});
