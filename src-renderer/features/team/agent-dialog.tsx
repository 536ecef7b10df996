import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Field } from '../../app/ui/field.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function IdentityForm({ onDone }: { onDone(): void }) {
  const { me, setAgentIdentity, showNotice } = useDesk(
    useShallow((s) => ({ me: s.directory?.me ?? null, setAgentIdentity: s.setAgentIdentity, showNotice: s.showNotice })),
  );
  const [name, setName] = useState(me?.name ?? '');
  const [address, setAddress] = useState(me?.address ?? '');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameError = tried && name.trim() === '' ? t('agent.nameRequired') : null;
  const addressError = tried && !EMAIL.test(address.trim()) ? t('agent.addressInvalid') : null;

  async function save(): Promise<void> {
    setTried(true);
    if (name.trim() === '' || !EMAIL.test(address.trim())) return;
    setBusy(true);
    const result = await setAgentIdentity(name.trim(), address.trim());
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    showNotice(t('agent.saved', { name: result.value.name }));
    onDone();
  }

  return (
    <form
      className="agent-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Field label={t('agent.name')} error={nameError} hint={t('agent.nameHint')}>
        {(control) => <input {...control} data-testid="agent-name" autoFocus autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('agent.address')} error={addressError} hint={t('agent.addressHint')}>
        {(control) => <input {...control} type="email" data-testid="agent-address" autoComplete="email" value={address} onChange={(e) => setAddress(e.target.value)} />}
      </Field>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="modal-actions">
        <button type="button" className="button" disabled={busy} onClick={onDone}>{t('agent.later')}</button>
        <button type="submit" className="button button-primary" data-testid="agent-save" disabled={busy}>{busy ? t('common.working') : t('agent.save')}</button>
      </div>
    </form>
  );
}

/** Name and address this desktop's agent appears under to colleagues (their ops' actor). */
export function AgentDialog() {
  const { open, setOpen } = useDesk(useShallow((s) => ({ open: s.agentDialogOpen, setOpen: s.setAgentDialogOpen })));
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={() => setOpen(false)} className="agent-dialog">
      <h2 id={titleId} className="modal-title">{t('agent.title')}</h2>
      <p className="modal-text">{t('agent.intro')}</p>
      <IdentityForm onDone={() => setOpen(false)} />
    </Modal>
  );
}
