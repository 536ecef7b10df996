/**
 * What core asked the agent to notice (`notify` events): a list to look back
 * at, a few toasts at a time, and a system notification when the browser
 * allows it and the window is not in front. Title and body are sentences by
 * key, said in the agent's language where they are shown.
 */
import type { DeskNotification } from '../../src-preload/api.ts';
import { say } from '../i18n/i18n.ts';
import type { DeskSlice } from './slice.ts';

const KEEP = 50;
const TOASTS = 3;

/** Whether following the notification leads anywhere: its conversation, or Mine for several customers' replies at once. */
export function canFollow(n: DeskNotification): boolean {
  return n.conversationId !== null || n.kind === 'replied';
}

export interface AppNotification extends DeskNotification {
  id: number;
  at: number;
  read: boolean;
}

export interface NotificationsSlice {
  /** Newest first. */
  notifications: AppNotification[];
  /** Ids of the notifications showing as toasts. */
  toastIds: number[];
  notificationsOpen: boolean;
  pushNotification(notification: DeskNotification): void;
  dismissToast(id: number): void;
  setNotificationsOpen(open: boolean): void;
  /** Opens the conversation the notification is about (Mine, for several replies at once) and marks it read. */
  followNotification(id: number): void;
}

function showSystemNotification(notification: DeskNotification): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (typeof document !== 'undefined' && document.hasFocus()) return; // The toast in the window says it already.
  try {
    new Notification(say(notification.title), { body: say(notification.body) });
  } catch {
    // Some browsers allow notifications only from a service worker; the in-app toast remains.
  }
}

export function createNotificationsSlice(): DeskSlice<NotificationsSlice> {
  let nextId = 0;
  return (set, get) => ({
    notifications: [],
    toastIds: [],
    notificationsOpen: false,

    pushNotification(notification) {
      nextId += 1;
      const entry: AppNotification = { ...notification, id: nextId, at: Date.now(), read: false };
      set((state) => ({
        notifications: [entry, ...state.notifications].slice(0, KEEP),
        toastIds: [entry.id, ...state.toastIds].slice(0, TOASTS),
      }));
      showSystemNotification(notification);
    },

    dismissToast(id) {
      set((state) => ({ toastIds: state.toastIds.filter((t) => t !== id) }));
    },

    setNotificationsOpen(open) {
      set((state) => ({
        notificationsOpen: open,
        // Looking at the list is reading it.
        notifications: open ? state.notifications : state.notifications.map((n) => (n.read ? n : { ...n, read: true })),
      }));
    },

    followNotification(id) {
      const entry = get().notifications.find((n) => n.id === id);
      set((state) => ({
        notifications: state.notifications.map((n) => (n.id === id ? { ...n, read: true } : n)),
        toastIds: state.toastIds.filter((t) => t !== id),
        notificationsOpen: false,
      }));
      if (entry?.conversationId != null) void get().openConversation(entry.conversationId);
      else if (entry?.kind === 'replied') get().setFolderChoice({ kind: 'drawer', drawer: 'mine' });
    },
  });
}
