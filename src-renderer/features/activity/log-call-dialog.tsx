import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Field } from '../../app/ui/field.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';

function CallForm({ conversationId, onDone }: { conversationId: number; onDone(): void }) {
  const logCall = useDesk((s) => s.logCall);
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [minutes, setMinutes] = useState('5');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = Number(minutes);
  const minutesError = Number.isInteger(parsed) && parsed >= 0 && parsed <= 1440 ? null : t('call.minutesInvalid');

  async function save(): Promise<void> {
    if (minutesError) return;
    setBusy(true);
    const result = await logCall(conversationId, direction, parsed, summary.trim());
    setBusy(false);
    if (result.ok) onDone();
    else setError(describeError(result.error));
  }

  return (
    <form
      className="call-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="call-direction">
        <legend className="field-label">{t('call.direction')}</legend>
        <label><input type="radio" name="direction" checked={direction === 'inbound'} onChange={() => setDirection('inbound')} autoFocus /> {t('call.inbound')}</label>
        <label><input type="radio" name="direction" checked={direction === 'outbound'} onChange={() => setDirection('outbound')} /> {t('call.outbound')}</label>
      </fieldset>
      <Field label={t('call.minutes')} error={minutesError}>
        {(control) => <input {...control} data-testid="call-minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
      </Field>
      <Field label={t('call.summary')} hint={t('notes.internalHint')}>
        {(control) => <textarea {...control} className="note-input" data-testid="call-summary" rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </Field>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="modal-actions">
        <button type="button" className="button" disabled={busy} onClick={onDone}>{t('common.cancel')}</button>
        <button type="submit" className="button button-primary" data-testid="call-save" disabled={busy || minutesError !== null}>{t('call.save')}</button>
      </div>
    </form>
  );
}

/** "Log a call": a phone call with the customer, recorded as an event on the conversation. */
export function LogCallDialog({ conversationId }: { conversationId: number }) {
  const { open, setOpen } = useDesk(useShallow((s) => ({ open: s.callFormOpen, setOpen: s.setCallFormOpen })));
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={() => setOpen(false)} className="call-dialog">
      <h2 id={titleId} className="modal-title">{t('call.title')}</h2>
      <CallForm conversationId={conversationId} onDone={() => setOpen(false)} />
    </Modal>
  );
}
