import { useId } from 'react';
import type { CollisionMessage } from '../../../src-preload/api.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { WarningIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import { displayName, formatRelativeTime } from '../../i18n/format.ts';

interface CollisionDialogProps {
  messages: CollisionMessage[] | null;
  busy: boolean;
  onSendAnyway(): void;
  onReview(): void;
}

/** Someone wrote while the agent was replying: say who and what, and let the agent choose. */
export function CollisionDialog({ messages, busy, onSendAnyway, onReview }: CollisionDialogProps) {
  const titleId = useId();
  return (
    <Modal open={messages !== null} labelledBy={titleId} locked={busy} onClose={onReview} className="collision-dialog">
      <h2 id={titleId} className="modal-title collision-title">
        <WarningIcon /> {t('collision.title')}
      </h2>
      <p className="modal-text">{t('collision.body')}</p>
      <ul className="collision-list" data-testid="collision-list">
        {(messages ?? []).map((m, i) => (
          <li key={`${m.at}-${i}`} className={`collision-item${m.outgoing ? ' is-colleague' : ''}`} data-testid="collision-message">
            <strong>
              {m.outgoing
                ? t('collision.colleagueReplied', { name: displayName(m.from), when: formatRelativeTime(m.at) })
                : t('collision.customerWrote', { name: displayName(m.from), when: formatRelativeTime(m.at) })}
            </strong>
            <span className="collision-snippet">{m.snippet}</span>
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        {/* Reviewing first is the safe choice, so it is the focused one. */}
        <button type="button" className="button" autoFocus disabled={busy} data-testid="collision-review" onClick={onReview}>
          {t('collision.review')}
        </button>
        <button type="button" className="button button-primary" disabled={busy} data-testid="collision-send-anyway" onClick={onSendAnyway}>
          {busy ? t('common.working') : t('collision.sendAnyway')}
        </button>
      </div>
    </Modal>
  );
}
