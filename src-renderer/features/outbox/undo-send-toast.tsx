import { useEffect, useState } from 'react';
import { t } from '../../i18n/i18n.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';
import './outbox.css';

/** After the undo window ends, the toast lingers this long while core reports the send. */
const LINGER_MS = 2500;

/**
 * "Sending in 10 s — Undo" with a live countdown after a send, or
 * "Scheduled for …" after a send-later. Undo takes the mail out of the
 * outbox and reopens the composer with it.
 */
export function UndoSendToast() {
  const item = useDesk((s) => s.undoItem);
  const dismiss = useDesk((s) => s.dismissUndo);
  const cancel = useDesk((s) => s.cancelOutboxItem);
  const [now, setNow] = useState(() => Date.now());
  const [undoing, setUndoing] = useState(false);

  useEffect(() => {
    if (!item) return;
    setUndoing(false);
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [item]);

  useEffect(() => {
    if (!item) return;
    // Scheduled mail waits for its time: the toast only confirms the choice.
    const until = item.state === 'scheduled' ? Date.now() + 8000 : item.sendAt + LINGER_MS;
    const timer = setTimeout(dismiss, Math.max(0, until - Date.now()));
    return () => clearTimeout(timer);
  }, [item, dismiss]);

  if (!item) return null;
  const seconds = Math.max(0, Math.ceil((item.sendAt - now) / 1000));
  const scheduled = item.state === 'scheduled';
  const text = scheduled
    ? t('undo.scheduled', { time: formatFullDate(item.sendAt) })
    : seconds > 0
      ? t('undo.sendingIn', { count: seconds })
      : t('undo.sendingNow');
  return (
    <div className="send-undo-toast" role="status" data-testid="send-undo-toast" data-outbox-id={item.id}>
      <span data-testid="send-undo-text">{text}</span>
      {(scheduled || seconds > 0) && (
        <button
          type="button"
          className="send-undo-button"
          data-testid="send-undo"
          disabled={undoing}
          onClick={() => {
            setUndoing(true);
            void cancel(item.id, true);
          }}
        >
          {t('undo.undo')}
        </button>
      )}
      <button type="button" className="link-button" aria-label={t('common.dismiss')} onClick={dismiss}>×</button>
    </div>
  );
}
