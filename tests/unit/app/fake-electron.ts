/**
 * Hand-written stand-in for the `electron` module (the binary cannot run
 * here). Each test file does `vi.mock('electron', () => import('./fake-electron.ts'))`
 * and inspects the fakes through `fake`. Only the surface the shell uses is
 * modelled; behaviour that matters to the tests (events, ports, the
 * safeStorage round trip) is real, not canned.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

/* ------------------------------------------------------------ app */

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstanceLock = true;
  private readyResolve: (() => void) | null = null;
  private readyPromise: Promise<void> = this.freshReady();
  private ready = false;

  private freshReady(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.readyResolve = resolve;
    });
  }

  requestSingleInstanceLock = vi.fn(() => this.singleInstanceLock);
  quit = vi.fn(() => {
    // Like Electron: quitting emits before-quit, which a listener may cancel.
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('will-quit');
  });
  exit = vi.fn();
  enableSandbox = vi.fn();
  setAppUserModelId = vi.fn();
  setBadgeCount = vi.fn(() => true);
  isDefaultProtocolClient = vi.fn(() => false);
  setAsDefaultProtocolClient = vi.fn(() => true);
  getPath = vi.fn((name: string) => `/fake/${name}`);
  locale = 'en-US';
  getLocale = vi.fn(() => this.locale);
  isReady = (): boolean => this.ready;
  whenReady = vi.fn(() => this.readyPromise);

  /** Test helper: Electron finished starting. */
  async becomeReady(): Promise<void> {
    this.ready = true;
    this.readyResolve?.();
    await this.readyPromise;
    await Promise.resolve();
  }

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.locale = 'en-US';
    this.singleInstanceLock = true;
    this.ready = false;
    this.readyPromise = this.freshReady();
  }
}

/* ------------------------------------------------------------ windows */

export interface FakeNavigationEvent {
  url: string;
  isMainFrame: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function navigationEvent(url: string, isMainFrame = true): FakeNavigationEvent {
  return {
    url,
    isMainFrame,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

class FakeWebContents extends EventEmitter {
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  posted: Array<{ channel: string; message: unknown; transfer: unknown[] }> = [];
  downloadURL = vi.fn();
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: 'allow' | 'deny' }) => {
    this.windowOpenHandler = handler;
  });
  getURL = (): string => this.url;
  replaceMisspelling = vi.fn();
  session = { addWordToSpellCheckerDictionary: vi.fn(() => true) };
  postMessage = vi.fn((channel: string, message: unknown, transfer: unknown[] = []) => {
    this.posted.push({ channel, message, transfer });
  });
}

class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static nextId = 1;
  static getAllWindows = (): FakeBrowserWindow[] => FakeBrowserWindow.instances.filter((w) => !w.destroyed);

  readonly id: number;
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  minimized = false;
  show = vi.fn(() => {
    this.visible = true;
  });
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  isMinimized = (): boolean => this.minimized;
  maximized = false;
  normalBounds = { x: 0, y: 0, width: 0, height: 0 };
  maximize = vi.fn(() => {
    this.maximized = true;
    this.visible = true;
  });
  isMaximized = (): boolean => this.maximized;
  getNormalBounds = (): { x: number; y: number; width: number; height: number } => ({ ...this.normalBounds });
  isDestroyed = (): boolean => this.destroyed;
  loadURL = vi.fn((url: string) => {
    this.webContents.url = url;
    return Promise.resolve();
  });

  constructor(options: Record<string, unknown>) {
    super();
    this.id = FakeBrowserWindow.nextId++;
    this.options = options;
    this.normalBounds = { x: Number(options['x'] ?? 0), y: Number(options['y'] ?? 0), width: Number(options['width'] ?? 800), height: Number(options['height'] ?? 600) };
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }

  /** Test helper: the user closed the window. */
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

/* ------------------------------------------------------------ utility process and ports */

let nextPortId = 1;

export class FakeMessagePortMain extends EventEmitter {
  readonly portId = nextPortId++;
  closed = false;
  close = vi.fn(() => {
    this.closed = true;
  });
  start = vi.fn();
  postMessage = vi.fn();
}

class FakeMessageChannelMain {
  static instances: FakeMessageChannelMain[] = [];
  port1 = new FakeMessagePortMain();
  port2 = new FakeMessagePortMain();
  constructor() {
    FakeMessageChannelMain.instances.push(this);
  }
}

export class FakeUtilityProcess extends EventEmitter {
  static instances: FakeUtilityProcess[] = [];
  pid: number | undefined = 4242;
  readonly modulePath: string;
  readonly args: string[];
  readonly options: { serviceName?: string; env?: Record<string, string>; execArgv?: string[] };
  posted: Array<{ message: unknown; transfer: unknown[] }> = [];
  exited = false;

  constructor(modulePath: string, args: string[], options: FakeUtilityProcess['options']) {
    super();
    this.modulePath = modulePath;
    this.args = args;
    this.options = options;
    FakeUtilityProcess.instances.push(this);
  }

  postMessage = vi.fn((message: unknown, transfer: unknown[] = []) => {
    this.posted.push({ message, transfer });
  });
  kill = vi.fn(() => {
    this.exitWith(143);
    return true;
  });

  /** Test helper: the process ended. */
  exitWith(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.pid = undefined;
    this.emit('exit', code);
  }
}

/* ------------------------------------------------------------ session, protocol, net */

class FakeSession {
  headersListener: ((details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | null = null;
  sendHeadersListener: ((details: { url: string; requestHeaders: Record<string, string> }, callback: (response: unknown) => void) => void) | null = null;
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  webRequest = {
    onHeadersReceived: vi.fn((listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    }),
    onBeforeSendHeaders: vi.fn((listener: FakeSession['sendHeadersListener']) => {
      this.sendHeadersListener = listener;
    }),
  };
  setPermissionRequestHandler = vi.fn((handler: Listener) => {
    this.permissionRequestHandler = handler;
  });
  setPermissionCheckHandler = vi.fn((handler: Listener) => {
    this.permissionCheckHandler = handler;
  });
  setDevicePermissionHandler = vi.fn((handler: Listener) => {
    this.devicePermissionHandler = handler;
  });
}

/* ------------------------------------------------------------ safeStorage */

// A reversible, keyed transform standing in for the OS keychain: the point is
// that ciphertext differs from the plaintext and only decrypts with the header.
const HEADER = Buffer.from('v11');
function xor(bytes: Buffer): Buffer {
  return Buffer.from(bytes.map((b, i) => b ^ (0x5a + (i % 7))));
}

class FakeSafeStorage {
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' = 'gnome_libsecret';
  available = true;
  getSelectedStorageBackend = vi.fn(() => this.backend);
  isAsyncEncryptionAvailable = vi.fn(async () => this.available);
  isEncryptionAvailable = vi.fn(() => this.available);
  encryptStringAsync = vi.fn(async (plain: string) => Buffer.concat([HEADER, xor(Buffer.from(plain, 'utf8'))]));
  decryptStringAsync = vi.fn(async (cipher: Buffer) => {
    if (!cipher.subarray(0, HEADER.length).equals(HEADER)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { result: xor(cipher.subarray(HEADER.length)).toString('utf8'), shouldReEncrypt: false };
  });
}

/* ------------------------------------------------------------ notifications, menu, dialog */

class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported = (): boolean => FakeNotification.supported;
  readonly options: { title: string; body: string };
  show = vi.fn();
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
    FakeNotification.instances.push(this);
  }
}

/* ------------------------------------------------------------ renderer side */

class FakeIpcRenderer {
  listeners = new Map<string, Array<(event: { ports: unknown[] }) => void>>();
  on = vi.fn((channel: string, listener: (event: { ports: unknown[] }) => void) => {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  });
  /** Test helper: main sent `channel` with these ports. */
  deliver(channel: string, ports: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ ports });
  }
}

/* ------------------------------------------------------------ exports (the electron API surface) */

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;
export const MessageChannelMain = FakeMessageChannelMain;
export const utilityProcess = {
  fork: vi.fn((modulePath: string, args: string[] = [], options: FakeUtilityProcess['options'] = {}) => new FakeUtilityProcess(modulePath, args, options)),
};
export const session = { defaultSession: new FakeSession() };
export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
export const net = { fetch: vi.fn() };
export const shell = { openExternal: vi.fn(async () => {}) };
export const safeStorage = new FakeSafeStorage();
export const Notification = FakeNotification;
export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template, popup: vi.fn() })),
  setApplicationMenu: vi.fn(),
};
export const dialog = { showErrorBox: vi.fn() };
export const clipboard = { writeText: vi.fn() };

/** Displays as Electron describes them; the first is the primary. Tests replace `displays`. */
const DEFAULT_DISPLAYS = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
export const screen = {
  displays: DEFAULT_DISPLAYS,
  getPrimaryDisplay(): { id: number; workArea: { x: number; y: number; width: number; height: number } } {
    return screen.displays[0] as (typeof DEFAULT_DISPLAYS)[number];
  },
  getAllDisplays(): typeof DEFAULT_DISPLAYS {
    return screen.displays;
  },
};
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = { exposeInMainWorld: vi.fn() };

/* ------------------------------------------------------------ test access */

export const fake = {
  app,
  windows: FakeBrowserWindow.instances,
  channels: FakeMessageChannelMain.instances,
  utilityProcesses: FakeUtilityProcess.instances,
  notifications: FakeNotification.instances,
  session: session.defaultSession,
  safeStorage,
  ipcRenderer,
  setNotificationsSupported(value: boolean): void {
    FakeNotification.supported = value;
  },
  reset(): void {
    vi.clearAllMocks();
    app.reset();
    FakeBrowserWindow.instances.length = 0;
    FakeMessageChannelMain.instances.length = 0;
    FakeUtilityProcess.instances.length = 0;
    FakeNotification.instances.length = 0;
    FakeNotification.supported = true;
    session.defaultSession = new FakeSession();
    fake.session = session.defaultSession;
    screen.displays = DEFAULT_DISPLAYS;
    safeStorage.backend = 'gnome_libsecret';
    safeStorage.available = true;
    ipcRenderer.listeners.clear();
  },
};
