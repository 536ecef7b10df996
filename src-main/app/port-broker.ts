/**
 * Gives each window its own MessagePort to core, so renderer and core talk
 * directly and main stays out of the data path.
 *
 * Invariants:
 * - A port goes only to a live window showing the app's own page.
 * - Ports are handed out only while core is ready; windows that asked
 *   earlier are connected when it becomes ready.
 * - After a core restart every window gets a fresh pair (the old ports died
 *   with the old core); after a page reload that window gets a fresh pair
 *   (the reloaded preload lost its port). Core replaces the port it holds for
 *   a windowId whenever a new `connect-renderer` arrives for it.
 */
import { MessageChannelMain } from 'electron';
import type { BrowserWindow } from 'electron';
import type { AppOrigin } from './app-origin.ts';
import type { CoreProcess } from './core-process.ts';
import type { Logger } from './log.ts';

/** The IPC channel the preload listens on for its port. */
export const PORT_CHANNEL = 'switchboard:port';

export interface PortBroker {
  /** Connect this window now, or as soon as core is ready. */
  connect(window: BrowserWindow): void;
  /** Core (re)became ready: connect every known window. */
  connectAll(): void;
}

export function createPortBroker(core: Pick<CoreProcess, 'isReady' | 'post'>, origin: AppOrigin, log: Logger): PortBroker {
  const windows = new Map<number, BrowserWindow>();

  const handOver = (window: BrowserWindow): void => {
    if (window.isDestroyed()) return;
    const contents = window.webContents;
    if (!origin.isOwnUrl(contents.getURL())) {
      log.warn('not connecting a window that is not showing the app', { windowId: window.id });
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    if (!core.post({ kind: 'connect-renderer', windowId: window.id }, [port1])) {
      port1.close();
      port2.close();
      return;
    }
    contents.postMessage(PORT_CHANNEL, null, [port2]);
  };

  return {
    connect(window) {
      const id = window.id;
      if (!windows.has(id)) {
        windows.set(id, window);
        // A destroyed window throws on property access, so remember the id now.
        window.once('closed', () => windows.delete(id));
      }
      if (core.isReady()) handOver(window);
    },
    connectAll() {
      for (const window of [...windows.values()]) handOver(window);
    },
  };
}
