import { useId } from 'react';
import type { CollisionMessage, PresenceBadge } from '../../../src-preload/api.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { WarningIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import { displayName, formatRelativeTime, formatWhen } from '../../i18n/format.ts';
import { scheduledLate } from '../triage/triage-labels.ts';

interface CollisionDialogProps {
  collision: { messages: CollisionMessage[]; colleaguesSending: PresenceBadge[] } | null;
  busy: boolean;
  onSendAnyway(): void;
  onReview(): void;
}

/**
 * Someone wrote while the agent was replying, or a colleague's reply is on its
 * way out: say who and what, and let the agent choose.
 */
export function CollisionDialog({ collision, busy, onSendAnyway, onReview }: CollisionDialogProps) {
  const titleId = useId();
  // Only a reply on its way out: nothing new to read yet, so the words are about waiting for it.
  const onlySending = collision !== null && collision.messages.length === 0;
  return (
    <Modal open={collision !== null} labelledBy={titleId} locked={busy} onClose={onReview} className="collision-dialog">
      <h2 id={titleId} className="modal-title collision-title">
        <WarningIcon /> {t(onlySending ? 'collision.titleSending' : 'collision.title')}
      </h2>
      <p className="modal-text">{t(onlySending ? 'collision.bodySending' : 'collision.body')}</p>
      <ul className="collision-list" data-testid="collision-list">
        {(collision?.colleaguesSending ?? []).map((p) => (
          <li key={p.agent} className="collision-item is-colleague" data-testid="collision-sending">
            {p.activity === 'scheduled' && p.sendAt !== null ? (
              <>
                <strong>{t(scheduledLate(p, Date.now()) ? 'collision.colleagueScheduledLate' : 'collision.colleagueScheduled', { name: p.name ?? t('activity.someone'), when: formatWhen(p.sendAt) })}</strong>
                <span className="collision-snippet">{t(scheduledLate(p, Date.now()) ? 'collision.colleagueScheduledLateHint' : 'collision.colleagueScheduledHint')}</span>
              </>
            ) : (
              <>
                <strong>{t('collision.colleagueSending', { name: p.name ?? t('activity.someone') })}</strong>
                <span className="collision-snippet">{t('collision.colleagueSendingHint')}</span>
              </>
            )}
          </li>
        ))}
        {(collision?.messages ?? []).map((m, i) => (
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
