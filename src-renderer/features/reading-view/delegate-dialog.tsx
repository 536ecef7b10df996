import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Field } from '../../app/ui/field.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { isValidEmail } from '../composer/addresses.ts';

function DelegateForm({ conversationId, onDone }: { conversationId: number; onDone(): void }) {
  const { addresses, composeCall, showNotice } = useDesk(
    useShallow((s) => ({ addresses: s.triageSettings?.delegateAddresses ?? null, composeCall: s.composeCall, showNotice: s.showNotice })),
  );
  const listId = useId();
  const [to, setTo] = useState(addresses?.[0] ?? '');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The team's addresses may arrive after the dialog opened: the first one fills an untouched field.
  useEffect(() => {
    if (addresses?.[0]) setTo((current) => current || addresses[0] || '');
  }, [addresses]);
  const toError = tried && !isValidEmail(to.trim()) ? t('delegate.toInvalid') : null;

  async function submit(): Promise<void> {
    setTried(true);
    if (!isValidEmail(to.trim())) return;
    setBusy(true);
    const result = await composeCall('outbox.delegate', { conversationId, to: to.trim(), note: note.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    showNotice(t('delegate.queued', { to: to.trim() }));
    onDone();
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label={t('delegate.to')} error={toError} hint={addresses && addresses.length > 0 ? null : t('delegate.toHint')}>
        {(control) => <input {...control} type="email" list={listId} autoFocus data-testid="delegate-to" value={to} onChange={(e) => setTo(e.target.value)} />}
      </Field>
      <datalist id={listId}>{(addresses ?? []).map((a) => <option key={a} value={a} />)}</datalist>
      <Field label={t('delegate.note')} hint={t('delegate.noteHint')}>
        {(control) => <textarea {...control} rows={4} data-testid="delegate-note" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="modal-actions">
        <button type="button" className="button" disabled={busy} onClick={onDone}>{t('common.cancel')}</button>
        <button type="submit" className="button button-primary" data-testid="delegate-send" disabled={busy}>{busy ? t('common.working') : t('delegate.send')}</button>
      </div>
    </form>
  );
}

/**
 * "Delegate": hands the open conversation to someone outside the desk by mail
 * (core's outbox.delegate: the note, then every message as a digest, through
 * the outbox and its undo window), and the timeline says so.
 */
export function DelegateDialog() {
  const { conversationId, setDelegateFor, settings, loadSettings } = useDesk(
    useShallow((s) => ({ conversationId: s.delegateFor, setDelegateFor: s.setDelegateFor, settings: s.triageSettings, loadSettings: s.loadTriageSettings })),
  );
  const close = (): void => setDelegateFor(null);
  const titleId = useId();
  useEffect(() => {
    if (conversationId !== null && settings === null) void loadSettings();
  }, [conversationId, settings, loadSettings]);
  return (
    <Modal open={conversationId !== null} labelledBy={titleId} onClose={close} className="delegate-dialog">
      <h2 id={titleId} className="modal-title">{t('delegate.title')}</h2>
      <p className="modal-text">{t('delegate.intro')}</p>
      {conversationId !== null && <DelegateForm key={conversationId} conversationId={conversationId} onDone={close} />}
    </Modal>
  );
}
