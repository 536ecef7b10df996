/**
 * The link between this window and core, as the UI sees it. Electron's
 * MessagePort never drops while the window lives, so there it is always
 * `open`; the browser-mode WebSocket can drop and reconnect.
 */
export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  /** `attempt` counts failed tries since the link was last open (1-based). */
  | { state: 'reconnecting'; attempt: number };

export interface ConnectionMonitor {
  current(): ConnectionStatus;
  subscribe(listener: (status: ConnectionStatus) => void): () => void;
}

export function alwaysOpenMonitor(): ConnectionMonitor {
  const open: ConnectionStatus = { state: 'open' };
  return {
    current: () => open,
    subscribe: () => () => {},
  };
}
