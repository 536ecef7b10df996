import { formatCount } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { needsAgent, pendingCount } from './outbox-words.ts';
import './outbox.css';

/** Sidebar entries of replying: "New conversation", "My drafts", "To send" with its count (red when something failed), and Settings. */
export function OutboxSidebarEntry() {
  const items = useDesk((s) => s.outboxItems);
  const setOpen = useDesk((s) => s.setOutboxOpen);
  const drafts = useDesk((s) => s.draftSummaries.length);
  const setDraftsOpen = useDesk((s) => s.setDraftsOpen);
  const startCompose = useDesk((s) => s.startCompose);
  const openSettings = useDesk((s) => s.openSettings);
  const count = pendingCount(items);
  // Red only when the agent has to act; mail waiting for a connection is on its way.
  const failed = items.some(needsAgent);
  return (
    <ul className="folder-list outbox-entries">
      <li>
        <button type="button" className="folder-button" data-testid="compose-new" onClick={() => void startCompose('new')}>
          <span className="folder-name">{t('outbox.newConversation')}</span>
          <kbd className="entry-key">c</kbd>
        </button>
      </li>
      <li>
        <button type="button" className="folder-button" data-testid="drafts-entry" onClick={() => setDraftsOpen(true)}>
          <span className="folder-name">{t('drafts.title')}</span>
          {drafts > 0 && (
            <span className="folder-unread is-quiet" data-testid="drafts-count" aria-label={t('drafts.count', { count: drafts })}>
              {formatCount(drafts)}
            </span>
          )}
        </button>
      </li>
      <li>
        <button type="button" className="folder-button" data-testid="outbox-entry" onClick={() => setOpen(true)}>
          <span className="folder-name">{t('outbox.title')}</span>
          {count > 0 && (
            <span className={`folder-unread${failed ? ' is-failed' : ''}`} data-testid="outbox-count" aria-label={t('outbox.count', { count })}>
              {formatCount(count)}
            </span>
          )}
        </button>
      </li>
      <li>
        <button type="button" className="folder-button" data-testid="open-settings" onClick={() => openSettings('templates')}>
          <span className="folder-name">{t('settings.title')}</span>
        </button>
      </li>
    </ul>
  );
}
