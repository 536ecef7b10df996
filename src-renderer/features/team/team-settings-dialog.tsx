import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Field } from '../../app/ui/field.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';

const DEFAULT_FOLDER = 'Switchboard Team';

function TeamSettingsForm({ onDone }: { onDone(): void }) {
  const { accounts, health, configureTeam, showNotice } = useDesk(
    useShallow((s) => ({ accounts: s.accounts, health: s.teamHealth, configureTeam: s.configureTeam, showNotice: s.showNotice })),
  );
  const mailboxes = accounts.filter((a) => a.kind === 'imap');
  const [accountId, setAccountId] = useState<number | null>(health?.accountId ?? mailboxes[0]?.id ?? null);
  const [folder, setFolder] = useState(health?.folder || DEFAULT_FOLDER);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passphraseError = passphrase !== '' && passphrase.length < 8 ? t('teamSettings.passphraseShort') : null;

  async function save(): Promise<void> {
    if (accountId === null || passphraseError || folder.trim() === '') return;
    setBusy(true);
    const result = await configureTeam(accountId, folder.trim(), passphrase === '' ? null : passphrase);
    setBusy(false);
    if (!result.ok) {
      setError(t('teamSettings.failed', { reason: describeError(result.error) }));
      return;
    }
    showNotice(t('teamSettings.saved'));
    onDone();
  }

  if (mailboxes.length === 0) return <p className="modal-text" data-testid="team-settings-no-mailbox">{t('teamSettings.noMailbox')}</p>;
  return (
    <form
      className="team-settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Field label={t('teamSettings.mailbox')}>
        {(control) => (
          <select {...control} data-testid="team-mailbox" value={accountId ?? ''} onChange={(e) => setAccountId(Number(e.target.value))}>
            {mailboxes.map((a) => (
              <option key={a.id} value={a.id}>{`${a.name} <${a.email}>`}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('teamSettings.folder')} hint={t('teamSettings.folderHint')}>
        {(control) => <input {...control} data-testid="team-folder" value={folder} onChange={(e) => setFolder(e.target.value)} />}
      </Field>
      <Field label={t('teamSettings.passphrase')} hint={t('teamSettings.passphraseHint')} error={passphraseError}>
        {(control) => <input {...control} type="password" autoComplete="new-password" data-testid="team-passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
      </Field>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="modal-actions">
        <button type="button" className="button" disabled={busy} onClick={onDone}>{t('common.cancel')}</button>
        <button type="submit" className="button button-primary" data-testid="team-settings-save" disabled={busy}>
          {busy ? t('common.working') : t('teamSettings.save')}
        </button>
      </div>
    </form>
  );
}

/** Which mailbox, folder and passphrase carry this desktop's team state. */
export function TeamSettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={onClose} className="team-settings-dialog">
      <h2 id={titleId} className="modal-title">{t('teamSettings.title')}</h2>
      <p className="modal-text">{t('teamSettings.intro')}</p>
      <TeamSettingsForm onDone={onClose} />
    </Modal>
  );
}
