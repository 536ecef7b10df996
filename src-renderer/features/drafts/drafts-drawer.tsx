import { useState } from 'react';
import type { DraftSummary } from '../../../src-preload/api.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { SideDrawer } from '../../app/ui/side-drawer.tsx';
import { t } from '../../i18n/i18n.ts';
import { formatAddress, formatFullDate, formatRelativeTime } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';
import '../outbox/outbox.css';
import './drafts.css';

function DraftRow({ draft, now }: { draft: DraftSummary; now: number }) {
  const open = useDesk((s) => s.openDraftSummary);
  const discard = useDesk((s) => s.discardDraftSummary);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const recipients = draft.to.map(formatAddress).join(', ');
  return (
    <li className="outbox-item draft-item" data-testid="draft-item" data-draft-id={draft.id}>
      <button type="button" className="draft-open" data-testid="draft-open" disabled={busy} onClick={() => void open(draft)}>
        <span className="outbox-subject">{draft.subject.trim() || t('message.noSubject')}</span>
        <span className="outbox-to muted">{recipients ? t('outbox.to', { to: recipients }) : t('drafts.noRecipients')}</span>
        <span className={`draft-preview${draft.preview ? '' : ' muted'}`} data-testid="draft-preview">{draft.preview || t('drafts.noText')}</span>
      </button>
      <div className="draft-side">
        <time className="muted draft-saved" dateTime={new Date(draft.savedAt).toISOString()} title={formatFullDate(draft.savedAt)}>
          {formatRelativeTime(draft.savedAt, now)}
        </time>
        {draft.mode === 'new' && <span className="outbox-state">{t('drafts.newMail')}</span>}
        <button type="button" className="button button-small button-quiet" data-testid="draft-discard" disabled={busy} onClick={() => setConfirming(true)}>
          {t('drafts.discard')}
        </button>
      </div>
      {/* A list makes a stray click easy, and a discarded draft cannot be brought back. */}
      <ConfirmDialog
        open={confirming}
        title={t('drafts.discardTitle')}
        body={t('drafts.discardBody', { subject: draft.subject.trim() || t('message.noSubject') })}
        confirmLabel={t('drafts.discard')}
        busy={busy}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setBusy(true);
          void discard(draft.id).finally(() => {
            setBusy(false);
            setConfirming(false);
          });
        }}
      />
    </li>
  );
}

/** "My drafts": what this desktop started writing and has not sent, newest first; a click resumes it. */
export function DraftsDrawer() {
  const open = useDesk((s) => s.draftsOpen);
  const drafts = useDesk((s) => s.draftSummaries);
  const error = useDesk((s) => s.draftsError);
  const setOpen = useDesk((s) => s.setDraftsOpen);
  const now = Date.now();
  return (
    <SideDrawer open={open} title={t('drafts.title')} lead={t('drafts.lead')} error={error} testId="drafts-drawer" closeTestId="drafts-close" onClose={() => setOpen(false)}>
      {drafts.length > 0 ? (
        <ul className="outbox-list">
          {drafts.map((d) => <DraftRow key={d.id} draft={d} now={now} />)}
        </ul>
      ) : (
        <p className="outbox-empty muted" data-testid="drafts-empty">{t('drafts.empty')}</p>
      )}
    </SideDrawer>
  );
}
