/**
 * Browser mode's `DeskTransport`: a WebSocket to the core host that
 * reconnects on its own.
 *
 * Invariant: `send` either hands the frame to an open socket or throws; it
 * never queues. A queued call could reach core long after the UI gave up on
 * it (timeout), and a write such as "connect account" must not run twice or
 * late. The client turns the throw into an `unavailable` result.
 */
import type { ClientMessage, DeskTransport, ServerMessage } from '../../src-preload/api.ts';
import type { ConnectionMonitor, ConnectionStatus } from './connection-status.ts';
import { parseServerMessage } from './server-message.ts';

export interface WebSocketTransport extends DeskTransport, ConnectionMonitor {
  close(): void;
}

/** 0.5 s, 1 s, 2 s, 4 s, 8 s, then every 10 s, each ±20 % so tabs do not reconnect in lockstep. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function createWebSocketTransport(url: string): WebSocketTransport {
  const messageListeners = new Set<(message: ServerMessage) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting' };
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failedAttempts = 0;
  let closed = false;

  function setStatus(next: ConnectionStatus): void {
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  }

  function dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      console.warn('Switchboard: dropped a frame from core that is not JSON');
      return;
    }
    const message = parseServerMessage(parsed);
    if (!message) {
      console.warn('Switchboard: dropped a malformed frame from core', parsed);
      return;
    }
    for (const listener of [...messageListeners]) listener(message);
  }

  function scheduleRetry(): void {
    if (closed || retryTimer) return;
    failedAttempts += 1;
    setStatus({ state: 'reconnecting', attempt: failedAttempts });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      open();
    }, reconnectDelayMs(failedAttempts));
  }

  function open(): void {
    if (closed) return;
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      failedAttempts = 0;
      setStatus({ state: 'open' });
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      if (socket === ws) dispatch(event.data);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      scheduleRetry();
    });
    // 'error' is always followed by 'close', which does the work.
  }

  // Coming back online or to the tab should not wait out a long backoff.
  function retryNow(): void {
    if (closed || !retryTimer) return;
    clearTimeout(retryTimer);
    retryTimer = null;
    open();
  }
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') retryNow();
  };
  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', onVisible);

  open();

  return {
    send(message: ClientMessage) {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        throw new Error('Not connected to Switchboard core.');
      }
      socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => {
        messageListeners.delete(listener);
      };
    },
    current: () => status,
    subscribe(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      window.removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', onVisible);
      socket?.close();
      socket = null;
    },
  };
}
