import { useCallback, useId, useState } from 'react';
import type { ContactCard } from '../../../src-preload/api.ts';
import { useDebouncedLookup } from '../../app/use-debounced-lookup.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import type { ContactCandidate } from '../../store/contacts.slice.ts';
import { useDesk } from '../../store/store-context.tsx';

interface MergeContactDialogProps {
  open: boolean;
  contact: ContactCard;
  onClose(): void;
}

/** Find the other contact by name or address, then fold it into this one. */
export function MergeContactDialog({ open, contact, onClose }: MergeContactDialogProps) {
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={onClose} className="merge-dialog">
      <MergeContactBody titleId={titleId} contact={contact} onClose={onClose} />
    </Modal>
  );
}

function MergeContactBody({ titleId, contact, onClose }: { titleId: string; contact: ContactCard; onClose(): void }) {
  const findContacts = useDesk((s) => s.findContacts);
  const mergeContacts = useDesk((s) => s.mergeContacts);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<ContactCandidate | null>(null);
  const [busy, setBusy] = useState(false);
  const find = useCallback((words: string) => findContacts(words, contact.id), [findContacts, contact.id]);
  const { found, error, setError } = useDebouncedLookup(text, text.trim().length >= 2, find);

  async function merge(): Promise<void> {
    if (!picked) return;
    setBusy(true);
    const result = await mergeContacts(contact.id, picked.contactId);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  }

  const candidates = text.trim().length < 2 ? [] : (found ?? []);
  return (
    <>
      <h2 id={titleId} className="modal-title">{t('contactMerge.title', { name: contact.name || contact.addresses[0] || '' })}</h2>
      {picked ? (
        <p className="modal-text" data-testid="contact-merge-summary">
          {t('contactMerge.summary', { other: picked.name ? `${picked.name} <${picked.address}>` : picked.address, name: contact.name || contact.addresses[0] || '' })}
        </p>
      ) : (
        <>
          <p className="modal-text">{t('contactMerge.intro')}</p>
          <input
            type="search"
            className="dialog-input"
            data-testid="contact-merge-search"
            autoFocus
            value={text}
            placeholder={t('contactMerge.placeholder')}
            aria-label={t('contactMerge.placeholder')}
            onChange={(event) => setText(event.target.value)}
          />
          <ul className="pick-list" aria-label={t('contactMerge.candidates')}>
            {candidates.map((c) => (
              <li key={c.contactId}>
                <button type="button" className="pick-item" data-testid="contact-merge-candidate" onClick={() => setPicked(c)}>
                  <span className="pick-title">{c.name || c.address}</span>
                  <span className="pick-sub">{c.address}</span>
                </button>
              </li>
            ))}
          </ul>
          {found !== null && candidates.length === 0 && text.trim().length >= 2 && <p className="muted">{t('contactMerge.none')}</p>}
        </>
      )}
      {error && <ErrorNote error={error} />}
      <div className="modal-actions">
        <button type="button" className="button" disabled={busy} onClick={picked ? () => setPicked(null) : onClose}>
          {picked ? t('common.back') : t('common.cancel')}
        </button>
        {picked && (
          <button type="button" className="button button-primary" data-testid="confirm-contact-merge" autoFocus disabled={busy} onClick={() => void merge()}>
            {busy ? t('common.working') : t('contactMerge.confirm')}
          </button>
        )}
      </div>
    </>
  );
}
