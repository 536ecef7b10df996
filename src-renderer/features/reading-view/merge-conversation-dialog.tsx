import { useCallback, useId, useState } from 'react';
import type { ContactCard, ConversationSummary } from '../../../src-preload/api.ts';
import { useDebouncedLookup } from '../../app/use-debounced-lookup.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { displayName, formatRelativeTime } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';

interface MergeConversationDialogProps {
  open: boolean;
  source: ConversationSummary;
  contact: ContactCard | null;
  onClose(): void;
}

/** Pick the conversation this one belongs to (by ticket or words), then confirm. */
export function MergeConversationDialog({ open, source, contact, onClose }: MergeConversationDialogProps) {
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={onClose} className="merge-dialog">
      <MergeBody titleId={titleId} source={source} contact={contact} onClose={onClose} />
    </Modal>
  );
}

function MergeBody({ titleId, source, contact, onClose }: Omit<MergeConversationDialogProps, 'open'> & { titleId: string }) {
  const lookup = useDesk((s) => s.lookupConversations);
  const mergeOpenedInto = useDesk((s) => s.mergeOpenedInto);
  const [text, setText] = useState('');
  const [target, setTarget] = useState<ConversationSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const suggestions = (contact?.conversations ?? []).filter((c) => c.id !== source.id);
  const find = useCallback((words: string) => lookup(words, source.id), [lookup, source.id]);
  const { found, error, setError } = useDebouncedLookup(text, text.trim() !== '', find);

  const candidates = text.trim() === '' ? suggestions : (found ?? []);

  async function merge(): Promise<void> {
    if (!target) return;
    setBusy(true);
    const result = await mergeOpenedInto(target.id);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  }

  return (
    <>
      <h2 id={titleId} className="modal-title">{t('merge.title', { ticket: source.ticket })}</h2>
      {target ? (
        <p className="modal-text" data-testid="merge-summary">
          {t('merge.summary', { source: source.ticket, target: target.ticket, subject: target.subject || t('message.noSubject') })}
        </p>
      ) : (
        <>
          <p className="modal-text">{t('merge.intro')}</p>
          <input
            type="search"
            className="dialog-input"
            data-testid="merge-search"
            autoFocus
            value={text}
            placeholder={t('merge.placeholder')}
            aria-label={t('merge.placeholder')}
            onChange={(event) => setText(event.target.value)}
          />
          {text.trim() === '' && suggestions.length > 0 && <p className="dialog-subhead">{t('merge.sameCustomer')}</p>}
          <ul className="pick-list" aria-label={t('merge.candidates')}>
            {candidates.map((c) => (
              <li key={c.id}>
                <button type="button" className="pick-item" data-testid="merge-candidate" data-ticket={c.ticket} onClick={() => setTarget(c)}>
                  <span className="pick-main">
                    <span className="ticket-badge">#{c.ticket}</span>
                    <span className="pick-title">{c.subject || t('message.noSubject')}</span>
                  </span>
                  <span className="pick-sub">{displayName(c.customer)} · {formatRelativeTime(c.lastMessageAt)}</span>
                </button>
              </li>
            ))}
          </ul>
          {text.trim() !== '' && found !== null && candidates.length === 0 && <p className="muted">{t('merge.none')}</p>}
        </>
      )}
      {error && <ErrorNote error={error} />}
      <div className="modal-actions">
        <button type="button" className="button" disabled={busy} onClick={target ? () => setTarget(null) : onClose}>
          {target ? t('common.back') : t('common.cancel')}
        </button>
        {target && (
          <button type="button" className="button button-primary" data-testid="confirm-merge" autoFocus disabled={busy} onClick={() => void merge()}>
            {busy ? t('common.working') : t('merge.confirm')}
          </button>
        )}
      </div>
    </>
  );
}
