import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Modal } from '../../app/ui/modal.tsx';
import { say, t } from '../../i18n/i18n.ts';
import { formatRelativeTime } from '../../i18n/format.ts';
import type { AppNotification } from '../../store/notifications.slice.ts';
import { canFollow } from '../../store/notifications.slice.ts';
import { useDesk } from '../../store/store-context.tsx';
import './notifications.css';

const TOAST_MS = 12_000;

function Toast({ notification }: { notification: AppNotification }) {
  const { dismiss, follow } = useDesk(useShallow((s) => ({ dismiss: s.dismissToast, follow: s.followNotification })));
  useEffect(() => {
    const timer = setTimeout(() => dismiss(notification.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [notification.id, dismiss]);
  return (
    <div className={`notification-toast kind-${notification.kind}`} role="status" data-testid="notification-toast" data-kind={notification.kind}>
      <div className="notification-text">
        <strong>{say(notification.title)}</strong>
        <span>{say(notification.body)}</span>
      </div>
      <div className="notification-actions">
        {canFollow(notification) && (
          <button type="button" className="link-button" onClick={() => follow(notification.id)}>{t('notifications.open')}</button>
        )}
        <button type="button" className="link-button" aria-label={t('common.dismiss')} onClick={() => dismiss(notification.id)}>×</button>
      </div>
    </div>
  );
}

/** Toasts for what core asked the agent to notice, newest on top. */
export function NotificationToasts() {
  const { notifications, toastIds } = useDesk(useShallow((s) => ({ notifications: s.notifications, toastIds: s.toastIds })));
  const shown = toastIds.flatMap((id) => notifications.filter((n) => n.id === id));
  if (shown.length === 0) return null;
  return (
    <div className="notification-stack" aria-live="polite">
      {shown.map((n) => <Toast key={n.id} notification={n} />)}
    </div>
  );
}

/** Every notification of this session, to look back at what a toast said. */
export function NotificationList() {
  const { open, setOpen, notifications, follow } = useDesk(
    useShallow((s) => ({ open: s.notificationsOpen, setOpen: s.setNotificationsOpen, notifications: s.notifications, follow: s.followNotification })),
  );
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={() => setOpen(false)} className="notification-dialog">
      <h2 id={titleId} className="modal-title">{t('notifications.title')}</h2>
      {notifications.length === 0 ? (
        <p className="modal-text">{t('notifications.none')}</p>
      ) : (
        <ul className="notification-list" data-testid="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.read ? '' : 'is-unread'}>
              <button type="button" className="notification-item" disabled={!canFollow(n)} onClick={() => follow(n.id)}>
                <strong>{say(n.title)}</strong>
                <span>{say(n.body)}</span>
                <time className="muted">{formatRelativeTime(n.at)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <button type="button" className="button" autoFocus onClick={() => setOpen(false)}>{t('common.close')}</button>
      </div>
    </Modal>
  );
}

/** The sidebar's bell: how many notifications are unread. */
export function NotificationBell() {
  const { unread, setOpen } = useDesk(useShallow((s) => ({ unread: s.notifications.filter((n) => !n.read).length, setOpen: s.setNotificationsOpen })));
  return (
    <button type="button" className="link-button notification-bell" data-testid="notification-bell" onClick={() => setOpen(true)}>
      {t('notifications.title')}
      {unread > 0 && <span className="drawer-count has-unread" data-testid="notification-unread">{unread}</span>}
    </button>
  );
}
