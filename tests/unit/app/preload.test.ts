import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import { PORT_CHANNEL } from '../../../src-main/app/port-broker.ts';
import { TRANSPORT_GLOBAL } from '../../../src-preload/api.ts';
import type { ClientMessage, DeskTransport, ServerMessage } from '../../../src-preload/api.ts';
import { contextBridge } from 'electron';

vi.mock('electron', () => import('./fake-electron.ts'));

/** A page-side MessagePort stand-in: records what the page sends, lets the test play core. */
class PagePort {
  sent: unknown[] = [];
  closed = false;
  started = false;
  private listeners: Array<(event: { data: unknown }) => void> = [];
  postMessage(message: unknown): void {
    if (this.closed) throw new Error('port closed');
    this.sent.push(structuredClone(message));
  }
  addEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
    this.listeners.push(listener);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
  /** Core answers. */
  reply(data: unknown): void {
    for (const l of this.listeners) l({ data });
  }
}

const call = (id: number): ClientMessage => ({ kind: 'call', id, method: 'accounts.list', params: {} });

async function loadPreload(): Promise<DeskTransport> {
  fake.reset();
  vi.resetModules();
  await import('../../../src-preload/index.ts');
  const calls = vi.mocked(contextBridge.exposeInMainWorld).mock.calls;
  expect(calls).toHaveLength(1);
  return calls[0]![1] as DeskTransport;
}

describe('preload', () => {
  beforeEach(() => fake.reset());

  it('exposes exactly one thing: the transport, with only send and onMessage', async () => {
    const transport = await loadPreload();
    const calls = vi.mocked(contextBridge.exposeInMainWorld).mock.calls;
    expect(calls[0]![0]).toBe(TRANSPORT_GLOBAL);
    expect(Object.keys(transport).sort()).toEqual(['onMessage', 'send']);
    expect(typeof transport.send).toBe('function');
    expect(fake.ipcRenderer.listeners.has(PORT_CHANNEL)).toBe(true);
  });

  it('buffers calls until the port arrives, then sends them in order', async () => {
    const transport = await loadPreload();
    transport.send(call(1));
    transport.send(call(2));
    const port = new PagePort();
    fake.ipcRenderer.deliver(PORT_CHANNEL, [port]);
    expect(port.started).toBe(true);
    expect(port.sent).toEqual([call(1), call(2)]);
    transport.send(call(3));
    expect(port.sent).toEqual([call(1), call(2), call(3)]);
  });

  it('delivers core’s answers and events to listeners until they unsubscribe', async () => {
    const transport = await loadPreload();
    const port = new PagePort();
    fake.ipcRenderer.deliver(PORT_CHANNEL, [port]);
    const seen: ServerMessage[] = [];
    const off = transport.onMessage((m) => seen.push(m));
    transport.onMessage(() => {
      throw new Error('a broken listener');
    });
    const event: ServerMessage = { kind: 'event', event: { type: 'changed', table: 'messages', ids: [1] } };
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    port.reply(event);
    off();
    port.reply({ kind: 'event', event: { type: 'changed', table: 'accounts' } });
    errorSpy.mockRestore();
    expect(seen).toEqual([event]);
  });

  it('drops messages that are not envelopes', async () => {
    const transport = await loadPreload();
    const port = new PagePort();
    fake.ipcRenderer.deliver(PORT_CHANNEL, [port]);
    const seen: unknown[] = [];
    transport.onMessage((m) => seen.push(m));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    port.reply('hello');
    port.reply({ kind: 'exec', code: 'rm -rf /' });
    port.reply(null);
    warn.mockRestore();
    expect(seen).toEqual([]);
  });

  it('on a new port (core restarted), fails unanswered calls as unavailable and carries on with the new port', async () => {
    const transport = await loadPreload();
    const first = new PagePort();
    fake.ipcRenderer.deliver(PORT_CHANNEL, [first]);
    const seen: ServerMessage[] = [];
    transport.onMessage((m) => seen.push(m));
    transport.send(call(1));
    transport.send(call(2));
    first.reply({ kind: 'result', id: 1, result: { ok: true, value: [] } });

    const second = new PagePort();
    fake.ipcRenderer.deliver(PORT_CHANNEL, [second]);
    expect(first.closed).toBe(true);
    expect(seen).toEqual([
      { kind: 'result', id: 1, result: { ok: true, value: [] } },
      { kind: 'result', id: 2, result: { ok: false, error: { code: 'unavailable', message: expect.any(String) } } },
    ]);
    first.reply({ kind: 'result', id: 2, result: { ok: true, value: [] } }); // too late, already failed
    expect(seen).toHaveLength(2);
    transport.send(call(3));
    expect(second.sent).toEqual([call(3)]);
  });

  it('rejects malformed sends with a clear error and bounds the waiting buffer', async () => {
    const transport = await loadPreload();
    expect(() => transport.send({ kind: 'exec' } as never)).toThrow(TypeError);
    expect(() => transport.send({ kind: 'call', id: 'x', method: 'app.info', params: {} } as never)).toThrow(/kind: "call"/);
    expect(() => transport.onMessage('nope' as never)).toThrow(TypeError);
    for (let i = 0; i < 1000; i++) transport.send(call(i));
    expect(() => transport.send(call(1000))).toThrow(/not connected/);
  });
});
