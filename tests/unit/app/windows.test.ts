import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, navigationEvent } from './fake-electron.ts';
import { recordingLogger } from './test-helpers.ts';
import { createAppOrigin } from '../../../src-main/app/app-origin.ts';
import { createExternalOpener, externalUrlOrNull } from '../../../src-main/app/external-links.ts';
import { createMainWindow, focusWindow } from '../../../src-main/app/windows.ts';
import { shell } from 'electron';
import type { BrowserWindow } from 'electron';

vi.mock('electron', () => import('./fake-electron.ts'));

function openWindow(onPageReady: (w: BrowserWindow) => void = () => {}) {
  const { log, entries } = recordingLogger();
  const origin = createAppOrigin(null);
  const window = createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    origin,
    openExternal: createExternalOpener(log),
    log,
    locale: 'en-US',
    stateFile: '/nonexistent/window-state.json',
    onPageReady,
  });
  const fakeWindow = fake.windows.at(-1)!;
  return { window, fakeWindow, contents: fakeWindow.webContents, entries };
}

beforeEach(() => fake.reset());

describe('the app window', () => {
  it('is created with isolated, sandboxed, Node-free web preferences and our preload', () => {
    const { fakeWindow } = openWindow();
    expect(fakeWindow.options['webPreferences']).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app from its own scheme, not file://', () => {
    const { fakeWindow } = openWindow();
    expect(fakeWindow.loadURL).toHaveBeenCalledWith('app://switchboard/index.html');
  });

  it('denies every window.open; web and mailto links go to the OS, other schemes go nowhere', () => {
    const { contents } = openWindow();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'mailto:someone@example.com' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'smb://attacker/share' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://switchboard/index.html' })).toEqual({ action: 'deny' });
    expect(vi.mocked(shell.openExternal).mock.calls.map((c) => c[0])).toEqual([
      'https://example.com/help',
      'http://example.com/',
      'mailto:someone@example.com',
    ]);
  });

  it('saves attachment blobs of our own page instead of opening a window; foreign blobs go nowhere', () => {
    const { contents } = openWindow();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'blob:app://switchboard/6f1c2d' })).toEqual({ action: 'deny' });
    expect(contents.downloadURL).toHaveBeenCalledWith('blob:app://switchboard/6f1c2d');
    expect(handler({ url: 'blob:https://evil.example/1' })).toEqual({ action: 'deny' });
    expect(contents.downloadURL).toHaveBeenCalledTimes(1);
  });

  it('keeps the page on the app: navigation away is prevented and only web links open in the browser', () => {
    const { contents } = openWindow();
    const own = navigationEvent('app://switchboard/index.html#inbox');
    contents.emit('will-navigate', own);
    expect(own.defaultPrevented).toBe(false);

    const web = navigationEvent('https://phish.example/login');
    contents.emit('will-navigate', web);
    expect(web.defaultPrevented).toBe(true);

    const local = navigationEvent('file:///home/agent/.ssh/id_rsa');
    contents.emit('will-navigate', local);
    expect(local.defaultPrevented).toBe(true);

    const lookalike = navigationEvent('app://switchboard.evil/index.html');
    contents.emit('will-navigate', lookalike);
    expect(lookalike.defaultPrevented).toBe(true);

    expect(vi.mocked(shell.openExternal).mock.calls.map((c) => c[0])).toEqual(['https://phish.example/login']);
  });

  it('lets frames show only blank, blob:, data: or our own documents, and opens nothing for them', () => {
    const { contents } = openWindow();
    for (const url of ['about:srcdoc', 'about:blank', 'blob:app://switchboard/1234', 'data:text/html,hi', 'app://switchboard/frame.html']) {
      const event = navigationEvent(url, false);
      contents.emit('will-frame-navigate', event);
      expect(event.defaultPrevented, url).toBe(false);
    }
    const away = navigationEvent('https://tracker.example/pixel', false);
    contents.emit('will-frame-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('blocks redirects of the page away from the app and refuses <webview>', () => {
    const { contents } = openWindow();
    const redirect = navigationEvent('https://elsewhere.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const webview = navigationEvent('');
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('asks for a port every time the page becomes ready (first load and reloads)', () => {
    const ready: BrowserWindow[] = [];
    const { window, contents } = openWindow((w) => ready.push(w));
    contents.emit('dom-ready');
    contents.emit('dom-ready');
    expect(ready).toEqual([window, window]);
  });

  it('shows itself when ready, and focusing restores a minimized window', () => {
    const { window, fakeWindow } = openWindow();
    expect(fakeWindow.visible).toBe(false);
    fakeWindow.emit('ready-to-show');
    expect(fakeWindow.visible).toBe(true);
    fakeWindow.minimized = true;
    focusWindow(window);
    expect(fakeWindow.restore).toHaveBeenCalled();
    expect(fakeWindow.focus).toHaveBeenCalled();
    fakeWindow.close();
    expect(() => focusWindow(window)).not.toThrow();
  });
});

describe('externalUrlOrNull', () => {
  it('lets out http, https and mailto only', () => {
    expect(externalUrlOrNull('https://example.com/a?b=c')).toBe('https://example.com/a?b=c');
    expect(externalUrlOrNull('HTTP://Example.com')).toBe('http://example.com/');
    expect(externalUrlOrNull('mailto:a@example.com')).toBe('mailto:a@example.com');
    for (const bad of ['javascript:alert(1)', 'file:///C:/Windows/System32/calc.exe', 'ms-msdt:/id', 'vbscript:x', 'data:text/html,x', 'not a url', 'https://', `https://example.com/${'a'.repeat(9000)}`]) {
      expect(externalUrlOrNull(bad), bad).toBeNull();
    }
  });
});

describe('createAppOrigin', () => {
  it('in development, treats only the dev server (same port) as the app', () => {
    const origin = createAppOrigin('http://localhost:5173/');
    expect(origin.entryUrl).toBe('http://localhost:5173/');
    expect(origin.isOwnUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(origin.isOwnUrl('http://localhost:8080/')).toBe(false);
    expect(origin.isOwnUrl('https://localhost:5173/')).toBe(false);
    expect(origin.isOwnUrl('http://user:pw@localhost:5173/')).toBe(false);
  });

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => createAppOrigin('file:///tmp/index.html')).toThrow(/not an http/);
  });
});
