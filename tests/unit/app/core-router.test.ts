import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import { recordingLogger } from './test-helpers.ts';
import { createCoreRouter } from '../../../src-main/app/core-router.ts';
import { badgeTooltip, createNotifier } from '../../../src-main/app/notifications.ts';
import { createSecretKeeper } from '../../../src-main/app/secrets.ts';
import type { MainToCore } from '../../../src-main/core/shell-protocol.ts';
import { app } from 'electron';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

function setup(coreAlive = true) {
  const { log, entries } = recordingLogger();
  const toCore: MainToCore[] = [];
  let focused = 0;
  const tooltips: string[] = [];
  const notifier = createNotifier({ log, focusApp: () => focused++, tray: { setToolTip: (t) => tooltips.push(t) } });
  const route = createCoreRouter({
    secrets: createSecretKeeper(log, 'darwin'),
    notifier,
    post: (m) => {
      if (coreAlive) toCore.push(m);
      return coreAlive;
    },
    log,
  });
  return { route, toCore, entries, tooltips, focused: () => focused };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('messages from core', () => {
  it('answers a secret-request with a secret-result for the same id', async () => {
    const { route, toCore } = setup();
    route({ kind: 'secret-request', id: 41, op: 'encrypt', data: 'pw' });
    await settle();
    expect(toCore).toHaveLength(1);
    expect(toCore[0]).toMatchObject({ kind: 'secret-result', id: 41, ok: true });
  });

  it('logs, without crashing, when core died before the answer', async () => {
    const { route, entries } = setup(false);
    route({ kind: 'secret-request', id: 9, op: 'encrypt', data: 'pw' });
    await settle();
    expect(entries.some((e) => e.msg.includes('went away') && e.fields?.['id'] === 9)).toBe(true);
  });

  it('shows a native notification whose click brings the window forward', () => {
    const { route, focused } = setup();
    route({ kind: 'notify', title: 'New message', body: 'Ada: my order is late' });
    expect(fake.notifications).toHaveLength(1);
    const note = fake.notifications[0]!;
    expect(note.options).toEqual({ title: 'New message', body: 'Ada: my order is late' });
    expect(note.show).toHaveBeenCalled();
    note.emit('click');
    expect(focused()).toBe(1);
  });

  it('skips notifications where the OS has none', () => {
    fake.setNotificationsSupported(false);
    const { route } = setup();
    route({ kind: 'notify', title: 't', body: 'b' });
    expect(fake.notifications).toHaveLength(0);
  });

  it('sets the app badge and the tray tooltip from badge counts', () => {
    const { route, tooltips } = setup();
    route({ kind: 'badge', count: 4 });
    route({ kind: 'badge', count: 1 });
    route({ kind: 'badge', count: 0 });
    expect(vi.mocked(app.setBadgeCount).mock.calls).toEqual([[4], [1], [0]]);
    expect(tooltips).toEqual([badgeTooltip(4), badgeTooltip(1), 'Switchboard']);
    expect(badgeTooltip(4)).toContain('4 conversations');
  });

  it('logs a fatal report from core as an error', () => {
    const { route, entries } = setup();
    route({ kind: 'fatal', message: 'database is locked' });
    expect(entries.find((e) => e.level === 'error')?.fields).toEqual({ message: 'database is locked' });
  });
});
