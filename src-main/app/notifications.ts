/**
 * Core's `notify` and `badge` messages, shown with what the OS offers:
 * native notifications (clicking one brings the window forward), the dock /
 * launcher badge, and the tray tooltip where a tray exists (Windows has no
 * app badge, so the tooltip is where the count shows there).
 */
import { app, Notification } from 'electron';
import type { Logger } from './log.ts';

const MAX_LIVE = 20;

export interface TrayLike {
  setToolTip(text: string): void;
}

export interface Notifier {
  notify(title: string, body: string): void;
  badge(count: number): void;
}

export interface NotifierOptions {
  log: Logger;
  focusApp(): void;
  tray?: TrayLike | null;
}

export function badgeTooltip(count: number): string {
  if (count === 0) return 'Switchboard';
  return count === 1 ? 'Switchboard — 1 conversation waiting' : `Switchboard — ${count} conversations waiting`;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { log } = options;
  // Keep shown notifications referenced: a collected Notification loses its click handler.
  const live = new Set<Notification>();
  return {
    notify(title, body) {
      if (!Notification.isSupported()) {
        log.info('native notifications are not supported here');
        return;
      }
      const note = new Notification({ title, body });
      live.add(note);
      // 'close' is not emitted everywhere (notification centres keep them), so cap the set.
      if (live.size > MAX_LIVE) live.delete(live.values().next().value as Notification);
      note.on('click', () => options.focusApp());
      note.on('close', () => live.delete(note));
      note.show();
    },
    badge(count) {
      // false on platforms without an app badge; the tray tooltip still says it.
      app.setBadgeCount(count);
      options.tray?.setToolTip(badgeTooltip(count));
    },
  };
}
