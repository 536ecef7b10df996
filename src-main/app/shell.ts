/**
 * The shell's lifecycle: one instance per user, then on `ready` the session
 * defences, core, the window and the port broker; on quit, core is asked to
 * shut down (it owns the SQLite file) before the app exits.
 *
 * Invariants:
 * - A second launch never starts a second core (two writers on one cache):
 *   it hands its arguments (a mailto: link) to the first and quits.
 * - Every window is created through windows.ts, so none escapes the secure
 *   web preferences or the navigation guard.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createAppOrigin } from './app-origin.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import type { BuildPaths } from './build-paths.ts';
import { createCoreProcess } from './core-process.ts';
import type { Scheduler } from './core-process.ts';
import { createCoreRouter } from './core-router.ts';
import { createExternalOpener } from './external-links.ts';
import type { Logger } from './log.ts';
import { createMailtoInbox, findMailtoArg, registerMailtoHandler } from './mailto.ts';
import type { MailtoInbox } from './mailto.ts';
import { installMenu } from './menu.ts';
import { createNotifier } from './notifications.ts';
import { createPortBroker } from './port-broker.ts';
import { createSecretKeeper } from './secrets.ts';
import { hardenSession } from './session-security.ts';
import { createMainWindow, focusWindow } from './windows.ts';

export const APP_USER_MODEL_ID = 'app.switchboard.desktop';
const CORE_STOP_TIMEOUT_MS = 5_000;

export interface ShellConfig {
  paths: BuildPaths;
  /** electron-vite's ELECTRON_RENDERER_URL; ignored when packaged. */
  devServerUrl: string | null;
  argv: readonly string[];
  platform: NodeJS.Platform;
  log: Logger;
  schedule?: Scheduler;
}

/** What a running (first) instance offers; a second instance gets null and quits. */
export interface Shell {
  mailto: MailtoInbox;
  /** Resolves once the first window exists. */
  ready: Promise<void>;
}

export function startShell(config: ShellConfig): Shell | null {
  const { log, platform, paths } = config;
  // Before anything else: the second launch must not touch the cache or the scheme registry.
  if (!app.requestSingleInstanceLock()) {
    log.info('Switchboard is already running; passing this launch to it');
    app.quit();
    return null;
  }
  app.enableSandbox();
  registerAppScheme();

  const origin = createAppOrigin(app.isPackaged ? null : config.devServerUrl);
  const openExternal = createExternalOpener(log.child('links'));
  let mainWindow: BrowserWindow | null = null;
  let openWindow: () => BrowserWindow = () => {
    throw new Error('window requested before app ready');
  };
  const focusApp = (): void => {
    if (!app.isReady()) return; // the window will open anyway
    if (mainWindow === null || mainWindow.isDestroyed()) mainWindow = openWindow();
    focusWindow(mainWindow);
  };
  const mailto = createMailtoInbox(log.child('mailto'), focusApp);

  // macOS delivers mailto: as an event, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    mailto.receive(url);
  });
  app.on('second-instance', (_event, argv) => {
    const url = findMailtoArg(argv);
    if (url !== null) mailto.receive(url);
    else focusApp();
  });
  // Defaults for any web contents, ours or not (devtools, future windows): no popups, no <webview>.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  let coreStopped = false;
  let stopCore: () => Promise<void> = async () => {};
  app.on('before-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    coreStopped = true; // set now: a second quit request must not stop core twice
    void stopCore().finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  const ready = app.whenReady().then(() => {
    if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    hardenSession(session.defaultSession, origin);
    serveRenderer(paths.renderer);
    installMenu({ platform, isPackaged: app.isPackaged });
    registerMailtoHandler(app.isPackaged, log.child('mailto'));

    const notifier = createNotifier({ log: log.child('notify'), focusApp });
    const secrets = createSecretKeeper(log.child('secrets'), platform);
    let lastFatal: string | null = null;
    const core = createCoreProcess({
      modulePath: paths.core,
      dataDir: app.getPath('userData'),
      log: log.child('core'),
      schedule: config.schedule,
      // router and broker are defined below; core calls these only after start().
      onMessage: (message) => {
        if (message.kind === 'fatal') lastFatal = message.message;
        router(message);
      },
      onReady: () => broker.connectAll(),
      onGiveUp: () =>
        dialog.showErrorBox(
          'Switchboard cannot start its mail service',
          'The background service stopped several times in a row. Restart Switchboard; if this keeps happening, send the log folder to support.' +
            (lastFatal ? `\n\nLast error: ${lastFatal}` : ''),
        ),
    });
    const router = createCoreRouter({ secrets, notifier, post: (m) => core.post(m), log: log.child('core') });
    const broker = createPortBroker(core, origin, log.child('ports'));
    stopCore = () => core.stop(CORE_STOP_TIMEOUT_MS);

    openWindow = () =>
      createMainWindow({
        preloadPath: paths.preload,
        origin,
        openExternal,
        log: log.child('window'),
        locale: app.getLocale(),
        stateFile: path.join(app.getPath('userData'), 'window-state.json'),
        onPageReady: (window) => broker.connect(window),
      });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
    });

    core.start();
    mainWindow = openWindow();
    const launchLink = findMailtoArg(config.argv);
    if (launchLink !== null) mailto.receive(launchLink);
  });
  ready.catch((err: unknown) => {
    log.error('Switchboard failed to start', { err });
    app.exit(1);
  });
  return { mailto, ready };
}
