import { useEffect, useState } from 'react';
import type { ComposeSettings, DeskError } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';

const MAX_UNDO_SECONDS = 60;

/** The undo window and, per mailbox, who keeps the copy in Sent. */
export function SendingSettings() {
  const composeCall = useDesk((s) => s.composeCall);
  const accounts = useDesk((s) => s.accounts);
  const [settings, setSettings] = useState<ComposeSettings | null>(null);
  const [undoText, setUndoText] = useState('');
  const [error, setError] = useState<DeskError | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stale = false;
    void composeCall('compose.settings', {}).then((result) => {
      if (stale) return;
      if (result.ok) {
        setSettings(result.value);
        setUndoText(String(result.value.undoSeconds));
      } else setError(result.error);
    });
    return () => {
      stale = true;
    };
  }, [composeCall]);

  const undoSeconds = Number(undoText);
  const undoValid = /^\d+$/.test(undoText.trim()) && undoSeconds >= 0 && undoSeconds <= MAX_UNDO_SECONDS;

  async function save(): Promise<void> {
    if (!settings || !undoValid) return;
    setBusy(true);
    const result = await composeCall('compose.saveSettings', { ...settings, undoSeconds });
    setBusy(false);
    if (result.ok) {
      setSettings(result.value);
      setMessage({ ok: true, text: t('settings.saved') });
    } else setMessage({ ok: false, text: describeError(result.error) });
  }

  return (
    <div className="reply-settings-section">
      <header className="reply-settings-section-header">
        <h3>{t('settings.sending')}</h3>
      </header>
      {error && <ErrorNote error={error} />}
      {settings && (
        <form
          className="sending-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className={`field undo-field${undoValid ? '' : ' has-error'}`}>
            <span className="field-label">{t('sending.undoSeconds')}</span>
            <input type="number" min={0} max={MAX_UNDO_SECONDS} value={undoText} data-testid="undo-seconds" onChange={(e) => {
              setUndoText(e.target.value);
              setMessage(null);
            }} />
            {!undoValid && <span className="field-error">{t('sending.undoInvalid', { max: MAX_UNDO_SECONDS })}</span>}
            <span className="field-hint">{t('sending.undoHint')}</span>
          </label>
          {accounts.length > 0 && <h4>{t('sending.sentCopy')}</h4>}
          {accounts.map((account) => (
            <label key={account.id} className="field sent-copy-field">
              <span className="field-label">{account.name} ({account.email})</span>
              <select
                value={settings.sentCopy[account.id] ?? 'append'}
                onChange={(e) => {
                  const value = e.target.value === 'server-saves' ? 'server-saves' : 'append';
                  setSettings({ ...settings, sentCopy: { ...settings.sentCopy, [account.id]: value } });
                  setMessage(null);
                }}
              >
                <option value="append">{t('sending.appendCopy')}</option>
                <option value="server-saves">{t('sending.serverSaves')}</option>
              </select>
            </label>
          ))}
          <div className="modal-actions">
            {message && <span className={message.ok ? 'settings-saved' : 'field-error'} role="status">{message.text}</span>}
            <button type="submit" className="button button-primary" disabled={busy || !undoValid} data-testid="sending-save">
              {busy ? t('common.working') : t('settings.save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
