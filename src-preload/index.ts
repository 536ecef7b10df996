/**
 * The preload: exposes exactly one thing to the page, a `DeskTransport`
 * under `window[TRANSPORT_GLOBAL]`, backed by the MessagePort main hands over
 * on `switchboard:port`. No ipcRenderer, no Node, nothing else.
 *
 * Invariants:
 * - `send` never loses a call made before the port arrives: calls wait in a
 *   bounded buffer and go out in order when it does.
 * - When a new port replaces the old one (core restarted, window reloaded),
 *   every call sent on the old port and not answered gets an `unavailable`
 *   result, so no promise in the renderer waits forever.
 * - Only envelope-shaped messages reach the page's listeners; a throwing
 *   listener does not stop the others.
 *
 * Built as one CommonJS file (sandboxed preloads can only require 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import { TRANSPORT_GLOBAL } from './api.ts';
import type { ClientMessage, DeskTransport, ServerMessage } from './api.ts';

// Must equal PORT_CHANNEL in src-main/app/port-broker.ts (tests check). Not exported:
// a preload's exports go nowhere, and the page must see only the transport.
const PORT_CHANNEL = 'switchboard:port';
const MAX_BUFFERED_CALLS = 1000;

/** The DOM MessagePort as used here (this file is type-checked without DOM types). */
interface PagePort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

function isCallMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return m['kind'] === 'call' && Number.isInteger(m['id']) && typeof m['method'] === 'string' && typeof m['params'] === 'object' && m['params'] !== null;
}

function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as Record<string, unknown>)['kind'];
  return kind === 'result' || kind === 'rejected' || kind === 'event';
}

let port: PagePort | null = null;
let buffered: ClientMessage[] = [];
const inFlight = new Set<number>();
const listeners = new Set<(message: ServerMessage) => void>();

function deliver(message: ServerMessage): void {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch (err) {
      console.error('switchboard: a transport listener threw', err);
    }
  }
}

function postOn(target: PagePort, message: ClientMessage): void {
  target.postMessage(message);
  inFlight.add(message.id);
}

function failInFlight(): void {
  const ids = [...inFlight];
  inFlight.clear();
  for (const id of ids) {
    deliver({
      kind: 'result',
      id,
      result: { ok: false, error: { code: 'unavailable', message: 'The connection to Switchboard core was reset before it answered. Try again.' } },
    });
  }
}

function attach(next: PagePort): void {
  const previous = port;
  port = next;
  next.addEventListener('message', (event) => {
    if (port !== next) return; // an answer on a replaced port belongs to a call already failed
    const data = event.data;
    if (!isServerMessage(data)) {
      console.warn('switchboard: dropped a malformed message from core');
      return;
    }
    if (data.kind === 'result') inFlight.delete(data.id);
    deliver(data);
  });
  next.start();
  if (previous !== null) {
    previous.close();
    failInFlight();
  }
  const waiting = buffered;
  buffered = [];
  for (const message of waiting) postOn(next, message);
}

const transport: DeskTransport = {
  send(message) {
    if (!isCallMessage(message)) {
      throw new TypeError('switchboardTransport.send expects { kind: "call", id: integer, method: string, params: object }.');
    }
    if (port === null) {
      if (buffered.length >= MAX_BUFFERED_CALLS) throw new Error('Switchboard core is not connected yet and too many calls are waiting.');
      buffered.push(message);
      return;
    }
    postOn(port, message);
  },
  onMessage(listener) {
    if (typeof listener !== 'function') throw new TypeError('switchboardTransport.onMessage expects a function.');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

ipcRenderer.on(PORT_CHANNEL, (event) => {
  const received = event.ports[0] as unknown as PagePort | undefined;
  if (received !== undefined) attach(received);
});

contextBridge.exposeInMainWorld(TRANSPORT_GLOBAL, transport);
