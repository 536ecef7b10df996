import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import { manualClock, recordingLogger } from './test-helpers.ts';
import { startShell } from '../../../src-main/app/shell.ts';
import type { ShellConfig } from '../../../src-main/app/shell.ts';
import { PORT_CHANNEL } from '../../../src-main/app/port-broker.ts';
import { app, dialog, protocol, utilityProcess } from 'electron';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

function config(overrides: Partial<ShellConfig> = {}) {
  const { log, entries } = recordingLogger();
  const clock = manualClock();
  const cfg: ShellConfig = {
    paths: { preload: '/app/out/preload/index.cjs', core: '/app/out/main/core.js', renderer: '/app/out/renderer' },
    devServerUrl: null,
    argv: ['/opt/Switchboard/switchboard'],
    platform: 'linux',
    log,
    schedule: clock.schedule,
    ...overrides,
  };
  return { cfg, entries, clock };
}

async function boot(overrides: Partial<ShellConfig> = {}) {
  const { cfg, entries, clock } = config(overrides);
  const shell = startShell(cfg)!;
  await fake.app.becomeReady();
  await shell.ready;
  return { shell, entries, clock };
}

describe('single instance', () => {
  it('a second instance quits at once without starting core or a window', () => {
    fake.app.singleInstanceLock = false;
    const { cfg } = config();
    expect(startShell(cfg)).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(utilityProcess.fork).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('the first instance brings its window forward when launched again, and takes a mailto: link from it', async () => {
    const { shell } = await boot();
    const window = fake.windows[0]!;
    window.minimized = true;
    fake.app.emit('second-instance', {}, ['/opt/Switchboard/switchboard']);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalledTimes(1);
    fake.app.emit('second-instance', {}, ['/opt/Switchboard/switchboard', 'mailto:ada@example.com?subject=Refund']);
    expect(window.focus).toHaveBeenCalledTimes(2);
    expect(shell.mailto.take()).toEqual([{ to: ['ada@example.com'], cc: [], bcc: [], subject: 'Refund', body: '' }]);
  });
});

describe('startup', () => {
  it('turns on the sandbox for every renderer and registers the app scheme before ready', () => {
    const { cfg } = config();
    startShell(cfg);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('on ready: hardens the session, serves the renderer, forks core with the user-data dir, opens a secure window', async () => {
    await boot();
    expect(fake.session.headersListener).not.toBeNull();
    expect(fake.session.permissionRequestHandler).not.toBeNull();
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.utilityProcesses).toHaveLength(1);
    expect(fake.utilityProcesses[0]!.modulePath).toBe('/app/out/main/core.js');
    expect(fake.utilityProcesses[0]!.options.env).toMatchObject({ SWITCHBOARD_DATA_DIR: '/fake/userData', SWITCHBOARD_MODE: 'electron' });
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('connects the window to core once both the page and core are ready, and again after core restarts', async () => {
    const { clock } = await boot();
    const window = fake.windows[0]!;
    const core = fake.utilityProcesses[0]!;
    window.webContents.emit('dom-ready');
    expect(window.webContents.posted).toEqual([]); // core not ready yet
    core.emit('message', { kind: 'ready' });
    expect(core.posted.map((p) => p.message)).toEqual([{ kind: 'connect-renderer', windowId: window.id }]);
    expect(window.webContents.posted.map((p) => p.channel)).toEqual([PORT_CHANNEL]);

    core.exitWith(1);
    clock.advance(60_000);
    const restarted = fake.utilityProcesses[1]!;
    restarted.emit('message', { kind: 'ready' });
    expect(restarted.posted.map((p) => p.message)).toEqual([{ kind: 'connect-renderer', windowId: window.id }]);
    expect(window.webContents.posted).toHaveLength(2);
  });

  it('tells the agent, with core’s last error, when core keeps crashing', async () => {
    const { clock } = await boot();
    for (let i = 0; i < 20 && vi.mocked(dialog.showErrorBox).mock.calls.length === 0; i++) {
      const core = fake.utilityProcesses.at(-1)!;
      core.emit('message', { kind: 'fatal', message: 'database disk image is malformed' });
      core.exitWith(1);
      clock.advance(30_000);
    }
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(vi.mocked(dialog.showErrorBox).mock.calls[0]![1]).toContain('database disk image is malformed');
  });

  it('handles a mailto: link given at launch', async () => {
    const { shell } = await boot({ argv: ['/opt/Switchboard/switchboard', 'mailto:bob@example.org'] });
    expect(shell.mailto.take().map((r) => r.to)).toEqual([['bob@example.org']]);
  });

  it('refuses popups from any web contents, not only our window', () => {
    const { cfg } = config();
    startShell(cfg);
    const contents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    fake.app.emit('web-contents-created', {}, contents);
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(handler()).toEqual({ action: 'deny' });
  });
});

describe('quitting', () => {
  it('asks core to shut down and quits only after it has exited', async () => {
    await boot();
    const core = fake.utilityProcesses[0]!;
    app.quit();
    expect(core.posted.map((p) => p.message)).toContainEqual({ kind: 'shutdown' });
    const quitsSoFar = vi.mocked(app.quit).mock.calls.length;
    expect(fake.utilityProcesses).toHaveLength(1);
    core.exitWith(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(vi.mocked(app.quit).mock.calls.length).toBe(quitsSoFar + 1);
    expect(fake.utilityProcesses).toHaveLength(1); // no restart of a core we stopped
  });

  it('quits when the last window closes, except on macOS', async () => {
    await boot({ platform: 'darwin' });
    fake.windows[0]!.close();
    fake.app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    fake.app.emit('activate');
    expect(fake.windows).toHaveLength(2);
  });
});
