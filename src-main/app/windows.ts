/**
 * The app window. Its web preferences are the security boundary between mail
 * content and the machine: context isolation, the Chromium sandbox, no Node,
 * web security on, and a preload that exposes only the DeskTransport.
 */
import { BrowserWindow, screen } from 'electron';
import type { WebPreferences } from 'electron';
import type { AppOrigin } from './app-origin.ts';
import type { OpenExternal } from './external-links.ts';
import type { Logger } from './log.ts';
import { guardNavigation } from './navigation-guard.ts';
import { contextMenuLabels, installContextMenu } from './context-menu.ts';
import { MIN_SIZE, placeWindow, readWindowState, trackWindowState } from './window-state.ts';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

export interface WindowOptions {
  preloadPath: string;
  origin: AppOrigin;
  openExternal: OpenExternal;
  log: Logger;
  /** The OS's language as Electron reports it ("de-DE"): our context menu items are labelled in it. */
  locale: string;
  /** Where the window's size and place are kept between runs. */
  stateFile: string;
  /** Called each time the page (re)loads and its preload can take a port. */
  onPageReady(window: BrowserWindow): void;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const { origin, log } = options;
  // The primary display first (listed again among all of them): a window that cannot go back where it was opens there.
  const place = placeWindow(readWindowState(options.stateFile, log), [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea));
  const window = new BrowserWindow({
    ...place.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Switchboard',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const contents = window.webContents;
  guardNavigation(contents, origin, options.openExternal, log);
  installContextMenu(contents, contextMenuLabels(options.locale));
  trackWindowState(window, options.stateFile, log);
  window.once('ready-to-show', () => {
    // Maximizing shows the window on some systems: done when the page is ready, not before.
    if (place.maximized) window.maximize();
    window.show();
  });
  // dom-ready fires again after every reload, and a reloaded page has lost its port.
  contents.on('dom-ready', () => options.onPageReady(window));
  contents.on('render-process-gone', (_event, details) => {
    log.error('a window renderer stopped', { reason: details.reason, exitCode: details.exitCode });
  });
  window.loadURL(origin.entryUrl).catch((err: unknown) => {
    log.error('the window could not load the app', { err });
  });
  return window;
}

/** Bring the window forward (second launch, notification click, mailto:). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
