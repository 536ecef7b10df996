import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import type { FakeMessagePortMain } from './fake-electron.ts';
import { recordingLogger } from './test-helpers.ts';
import { createAppOrigin } from '../../../src-main/app/app-origin.ts';
import { createPortBroker, PORT_CHANNEL } from '../../../src-main/app/port-broker.ts';
import type { MainToCore } from '../../../src-main/core/shell-protocol.ts';
import { BrowserWindow } from 'electron';
import type { BrowserWindow as RealWindow } from 'electron';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

function setup(initiallyReady: boolean) {
  const toCore: Array<{ message: MainToCore; transfer: unknown[] }> = [];
  let ready = initiallyReady;
  let alive = true;
  const core = {
    isReady: () => ready,
    post: (message: MainToCore, transfer: unknown[] = []) => {
      if (!alive) return false;
      toCore.push({ message, transfer });
      return true;
    },
  };
  const { log } = recordingLogger();
  const broker = createPortBroker(core as never, createAppOrigin(null), log);
  const newWindow = (url = 'app://switchboard/index.html') => {
    const window = new BrowserWindow({}) as unknown as RealWindow;
    const fw = fake.windows.at(-1)!;
    fw.webContents.url = url;
    return { window, fw };
  };
  return { broker, toCore, newWindow, setReady: (v: boolean) => (ready = v), kill: () => (alive = false) };
}

describe('port broker', () => {
  it('gives each window its own port pair: one end to core with connect-renderer, the other to the page', () => {
    const { broker, toCore, newWindow } = setup(true);
    const a = newWindow();
    const b = newWindow();
    broker.connect(a.window);
    broker.connect(b.window);

    expect(fake.channels).toHaveLength(2);
    const [first, second] = fake.channels;
    expect(toCore).toEqual([
      { message: { kind: 'connect-renderer', windowId: a.fw.id }, transfer: [first!.port1] },
      { message: { kind: 'connect-renderer', windowId: b.fw.id }, transfer: [second!.port1] },
    ]);
    expect(a.fw.webContents.posted).toEqual([{ channel: PORT_CHANNEL, message: null, transfer: [first!.port2] }]);
    expect(b.fw.webContents.posted).toEqual([{ channel: PORT_CHANNEL, message: null, transfer: [second!.port2] }]);
    expect(first!.port2).not.toBe(second!.port2);
  });

  it('waits for core to be ready, then connects every waiting window', () => {
    const { broker, toCore, newWindow, setReady } = setup(false);
    const a = newWindow();
    broker.connect(a.window);
    expect(toCore).toEqual([]);
    expect(a.fw.webContents.posted).toEqual([]);
    setReady(true);
    broker.connectAll();
    expect(toCore.map((t) => t.message)).toEqual([{ kind: 'connect-renderer', windowId: a.fw.id }]);
    expect(a.fw.webContents.posted).toHaveLength(1);
  });

  it('after a core restart, hands every open window a fresh port and forgets closed ones', () => {
    const { broker, toCore, newWindow } = setup(true);
    const a = newWindow();
    const b = newWindow();
    broker.connect(a.window);
    broker.connect(b.window);
    b.fw.close();
    broker.connectAll();
    expect(toCore.map((t) => t.message)).toEqual([
      { kind: 'connect-renderer', windowId: a.fw.id },
      { kind: 'connect-renderer', windowId: b.fw.id },
      { kind: 'connect-renderer', windowId: a.fw.id },
    ]);
    expect(a.fw.webContents.posted).toHaveLength(2);
    expect(a.fw.webContents.posted[1]!.transfer[0]).not.toBe(a.fw.webContents.posted[0]!.transfer[0]);
  });

  it('never hands a port to a window that is not showing the app', () => {
    const { broker, toCore, newWindow } = setup(true);
    const stray = newWindow('https://evil.example/');
    broker.connect(stray.window);
    expect(toCore).toEqual([]);
    expect(stray.fw.webContents.posted).toEqual([]);
  });

  it('closes both ends when core is gone between ready and hand-over', () => {
    const { broker, newWindow, kill } = setup(true);
    const a = newWindow();
    kill();
    broker.connect(a.window);
    const channel = fake.channels[0]!;
    expect((channel.port1 as FakeMessagePortMain).closed).toBe(true);
    expect((channel.port2 as FakeMessagePortMain).closed).toBe(true);
    expect(a.fw.webContents.posted).toEqual([]);
  });
});
