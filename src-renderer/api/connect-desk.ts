/**
 * The one place that decides how this window reaches core. Components and
 * stores see only `DeskApi` and a `ConnectionMonitor`.
 *
 * Electron: the preload exposes a `DeskTransport` on `window` (its
 * MessagePort lives as long as the window). Browser mode: a WebSocket to
 * the host that served this page, authorised by the token from the URL.
 */
import type { DeskApi, DeskTransport, RuntimeMode, TRANSPORT_GLOBAL } from '../../src-preload/api.ts';
import { takeBrowserToken } from './browser-token.ts';
import { alwaysOpenMonitor, type ConnectionMonitor } from './connection-status.ts';
import { createDeskClient } from './desk-client.ts';
import { createWebSocketTransport } from './websocket-transport.ts';

// The contract's constant is a value; the renderer may import only types, so
// we restate it and let the compiler hold the two equal.
const transportGlobal: typeof TRANSPORT_GLOBAL = 'switchboardTransport';

declare global {
  interface Window {
    [transportGlobal]?: DeskTransport;
  }
}

export interface DeskConnection {
  api: DeskApi;
  monitor: ConnectionMonitor;
  mode: RuntimeMode;
}

export type ConnectOutcome =
  | { kind: 'connected'; connection: DeskConnection }
  /** Browser mode opened without the URL the host printed. */
  | { kind: 'no-token' };

export function connectDesk(win: Window = window): ConnectOutcome {
  const preloadTransport = win[transportGlobal];
  if (preloadTransport) {
    const monitor = alwaysOpenMonitor();
    return { kind: 'connected', connection: { api: createDeskClient(preloadTransport, { monitor }), monitor, mode: 'electron' } };
  }
  const token = takeBrowserToken(win);
  if (!token) return { kind: 'no-token' };
  const url = `ws://${win.location.host}/desk?token=${encodeURIComponent(token)}`;
  const transport = createWebSocketTransport(url);
  return { kind: 'connected', connection: { api: createDeskClient(transport, { monitor: transport }), monitor: transport, mode: 'browser' } };
}
