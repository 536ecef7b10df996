/**
 * What a triage action did, as the agent reads it: the undo toast and the
 * conversation's timeline. Core applies real actions (startCore, its message
 * handling, the fold); the renderer's own code words what core answered, in
 * English and German, with the team's status names and the agent's dates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TriageAction } from '../../../src-preload/api.ts';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { activityEventText } from '../../../src-renderer/features/activity/activity-event-text.ts';
import { triageSummary } from '../../../src-renderer/features/triage/triage-summary.ts';
import { setLocale } from '../../../src-renderer/i18n/i18n.ts';
import { startTriageDesk } from '../../support/triage-desk.ts';
import type { TriageDesk } from '../../support/triage-desk.ts';

let dir: string;
let desk: TriageDesk;
let clock: ManualClock;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-triage-said-'));
  clock = new ManualClock(Date.UTC(2026, 0, 12, 10));
  desk = await startTriageDesk(path.join(dir, 'data'), clock);
});

afterEach(async () => {
  setLocale('en');
  await desk.core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('the undo toast and the timeline say what was done in the agent\'s language, with the team\'s status names', async () => {
  const me = await desk.call('agent.set', { name: 'Alice Berg', address: 'alice@desk.example' });
  const billing = await desk.call('groups.save', { name: 'Billing', members: [me.ref] });
  const defaults = await desk.call('triage.settings', {});
  const settings = await desk.call('triage.saveSettings', { ...defaults, statusLabels: { ...defaults.statusLabels, done: 'Solved' } });
  const c = desk.mail('w1@customer.example');
  const other = desk.mail('w2@customer.example');
  const stranger = 'agent:ffff00000000abcd';
  // Tuesday noon UTC: the same calendar day in every time zone the tests run in.
  const tuesday = Date.UTC(2026, 0, 13, 12);
  const actions: Array<{ ids: number[]; action: TriageAction }> = [
    { ids: [c, other], action: { kind: 'status', status: 'done' } },
    { ids: [c], action: { kind: 'assign', assignee: billing.ref } },
    { ids: [c], action: { kind: 'assign', assignee: me.ref } },
    { ids: [c], action: { kind: 'assign', assignee: null } },
    { ids: [c, other], action: { kind: 'priority', priority: 'high' } },
    { ids: [c], action: { kind: 'deadline', at: tuesday } },
    { ids: [c], action: { kind: 'deadline', at: null } },
    { ids: [c], action: { kind: 'snooze', until: tuesday } },
    { ids: [c], action: { kind: 'unsnooze' } },
    { ids: [c], action: { kind: 'share', agent: stranger } },
    { ids: [c, other], action: { kind: 'tags', add: ['vip', 'refund'], remove: [] } },
    { ids: [c], action: { kind: 'tags', add: [], remove: ['refund'] } },
  ];
  const applied: number[] = [];
  for (const { ids, action } of actions) {
    clock.advance(60_000);
    applied.push((await desk.call('triage.apply', { conversationIds: ids, action })).applied);
  }
  const directory = await desk.call('team.directory', {});
  const timeline = (await desk.call('triage.get', { conversationId: c })).activity.flatMap((a) => (a.kind === 'event' ? [a] : []));
  const lines = () => timeline.map((e) => activityEventText(e.author?.name ?? 'Someone', e.change, directory, settings));
  const toasts = () => actions.map(({ action }, i) => triageSummary(action, applied[i] ?? 0, directory, settings));
  const date = (text: string) => text.replace(/\d\d?:\d\d( [AP]M)?/, 'hh:mm');

  expect(lines().map(date)).toEqual([
    'Alice Berg set the status to Solved',
    'Alice Berg assigned this to the Billing group',
    'Alice Berg took this',
    'Alice Berg unassigned this',
    'Alice Berg set the priority to High',
    'Alice Berg set the deadline to Tue, Jan 13, hh:mm',
    'Alice Berg removed the deadline',
    'Alice Berg snoozed this until Tue, Jan 13, hh:mm',
    'Alice Berg brought this back from snooze',
    'Alice Berg shared this with a colleague',
    'Alice Berg tagged this “vip”',
    'Alice Berg tagged this “refund”',
    'Alice Berg removed the tag “refund”',
  ]);
  expect(toasts().map(date)).toEqual([
    '2 conversations marked Solved',
    'Conversation assigned to the Billing group',
    'Conversation assigned to Alice Berg',
    'Conversation unassigned',
    'Priority of 2 conversations set to High',
    'Conversation due Tue, Jan 13, hh:mm',
    'Deadline removed',
    'Conversation snoozed until Tue, Jan 13, hh:mm',
    'Conversation brought back from snooze',
    'Conversation shared with a colleague',
    '2 conversations tagged “vip” and “refund”',
    'Removed “refund” from the conversation',
  ]);

  setLocale('de');
  expect(lines().map(date)).toEqual([
    'Alice Berg hat den Status auf Solved gesetzt',
    'Alice Berg hat das der Gruppe Billing zugewiesen',
    'Alice Berg hat das übernommen',
    'Alice Berg hat die Zuweisung entfernt',
    'Alice Berg hat die Priorität auf Hoch gesetzt',
    'Alice Berg hat die Frist auf Di., 13. Jan., hh:mm gesetzt',
    'Alice Berg hat die Frist entfernt',
    'Alice Berg hat das bis Di., 13. Jan., hh:mm zurückgestellt',
    'Alice Berg hat das Zurückstellen aufgehoben',
    'Alice Berg hat das mit einem Teammitglied geteilt',
    'Alice Berg hat das Schlagwort „vip“ hinzugefügt',
    'Alice Berg hat das Schlagwort „refund“ hinzugefügt',
    'Alice Berg hat das Schlagwort „refund“ entfernt',
  ]);
  expect(toasts().map(date)).toEqual([
    '2 Unterhaltungen als Solved markiert',
    'Unterhaltung der Gruppe Billing zugewiesen',
    'Unterhaltung Alice Berg zugewiesen',
    'Zuweisung der Unterhaltung entfernt',
    'Priorität von 2 Unterhaltungen auf Hoch gesetzt',
    'Unterhaltung fällig am Di., 13. Jan., hh:mm',
    'Frist entfernt',
    'Unterhaltung bis Di., 13. Jan., hh:mm zurückgestellt',
    'Unterhaltung nicht mehr zurückgestellt',
    'Unterhaltung mit einem Teammitglied geteilt',
    'Schlagwörter „vip“ und „refund“ zu 2 Unterhaltungen hinzugefügt',
    'Schlagwort „refund“ entfernt',
  ]);
  // Without the team's own name for a status, each language says its own.
  expect(triageSummary({ kind: 'status', status: 'done' }, 1, directory, null)).toBe('Unterhaltung als Erledigt markiert');
});
