/**
 * `DeskApi` on top of any `DeskTransport` (Electron MessagePort or WebSocket).
 *
 * Invariant: every call resolves exactly once, with a `Result`, never a
 * rejection. An answer that never comes resolves as `unavailable` after the
 * timeout; a link that drops fails every call in flight at once (we cannot
 * know whether core acted on it, so we do not resend: the UI re-queries).
 */
import type {
  CallMessage,
  DeskApi,
  DeskError,
  DeskEvent,
  DeskMethodName,
  DeskParams,
  DeskResult,
  DeskTransport,
  Result,
  ServerMessage,
} from '../../src-preload/api.ts';
import type { ConnectionMonitor } from './connection-status.ts';

export const CALL_TIMEOUT_MS = 30_000;

interface PendingCall {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface DeskClientOptions {
  timeoutMs?: number;
  /** When given, calls in flight fail as soon as the link is no longer open. */
  monitor?: ConnectionMonitor;
}

export interface DeskClient extends DeskApi {
  dispose(): void;
}

function unavailable(message: string): { ok: false; error: DeskError } {
  return { ok: false, error: { code: 'unavailable', message } };
}

export function createDeskClient(transport: DeskTransport, options: DeskClientOptions = {}): DeskClient {
  const timeoutMs = options.timeoutMs ?? CALL_TIMEOUT_MS;
  const pending = new Map<number, PendingCall>();
  const eventListeners = new Set<(event: DeskEvent) => void>();
  let nextId = 1;

  function settle(id: number, result: Result<unknown>): void {
    const call = pending.get(id);
    if (!call) return; // Late answer after a timeout or a dropped link: already settled.
    pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  }

  function failAll(message: string): void {
    for (const id of [...pending.keys()]) settle(id, unavailable(message));
  }

  function onMessage(message: ServerMessage): void {
    switch (message.kind) {
      case 'result':
        settle(message.id, message.result);
        return;
      case 'event':
        for (const listener of [...eventListeners]) {
          try {
            listener(message.event);
          } catch (error) {
            // One broken subscriber must not starve the others of events.
            console.error('Switchboard: event listener failed', error);
          }
        }
        return;
      case 'rejected':
        console.warn(`Switchboard core rejected a message: ${message.error.message}`);
        return;
    }
  }

  const unsubscribeTransport = transport.onMessage(onMessage);
  const unsubscribeMonitor = options.monitor?.subscribe((status) => {
    if (status.state !== 'open') failAll('Lost connection to Switchboard core.');
  });

  return {
    call<M extends DeskMethodName>(method: M, params: DeskParams<M>): Promise<Result<DeskResult<M>>> {
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          settle(id, unavailable(`Switchboard core did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`));
        }, timeoutMs);
        // Core answers with the result type the contract declares for `method`.
        pending.set(id, { resolve: resolve as (result: Result<unknown>) => void, timer });
        const message: CallMessage<M> = { kind: 'call', id, method, params };
        try {
          transport.send(message as CallMessage);
        } catch (error) {
          settle(id, unavailable(error instanceof Error ? error.message : 'Not connected to Switchboard core.'));
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    dispose() {
      unsubscribeTransport();
      unsubscribeMonitor?.();
      failAll('The connection to Switchboard core was closed.');
      eventListeners.clear();
    },
  };
}
