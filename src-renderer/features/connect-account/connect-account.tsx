import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppInfo, ConnectionTestResult, DeskError, SavedAccountSettings, Sentence } from '../../../src-preload/api.ts';
import { Field } from '../../app/ui/field.tsx';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { say, t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import {
  emptyForm,
  formFromSaved,
  setEmail,
  setServerField,
  toSettingsInput,
  toUpdateInput,
  validateForm,
  type ConnectForm,
  type FieldErrors,
  type ServerKind,
  type ServerFields,
} from './connect-form-model.ts';
import { SecretStorageNote } from './secret-storage-note.tsx';
import { ServerFieldset } from './server-fields.tsx';
import './connect-account.css';

type Busy = 'testing' | 'connecting' | null;

/** A new mailbox, or a connected one's settings (above all a new password after the provider's changed). */
export type AccountFormMode = { kind: 'connect' } | { kind: 'edit'; saved: SavedAccountSettings; problem: Sentence | null };

interface ConnectAccountProps {
  secretStorage: AppInfo['secretStorage'];
  mode?: AccountFormMode;
  onCancel(): void;
}

export function ConnectAccount({ secretStorage, mode = { kind: 'connect' }, onCancel }: ConnectAccountProps) {
  const testAccount = useDesk((s) => s.testAccount);
  const connectAccount = useDesk((s) => s.connectAccount);
  const testAccountUpdate = useDesk((s) => s.testAccountUpdate);
  const updateAccount = useDesk((s) => s.updateAccount);
  const editing = mode.kind === 'edit' ? mode : null;
  const validation = { passwordsOptional: editing !== null };
  const [form, setForm] = useState<ConnectForm>(() => (editing ? formFromSaved(editing.saved) : emptyForm()));
  const [errors, setErrors] = useState<FieldErrors>({});
  // Validate as the agent types only after the first attempt, not while they start filling in.
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const [callError, setCallError] = useState<DeskError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // An agent editing an account has almost always come to type a new password; once, when the form opens.
  useEffect(() => {
    if (editing) formRef.current?.querySelector<HTMLElement>('[data-testid="imap-password"]')?.focus();
  }, []);

  function update(next: ConnectForm): void {
    setForm(next);
    if (attempted) setErrors(validateForm(next, validation));
  }

  function validOrFocus(): boolean {
    setAttempted(true);
    const found = validateForm(form, validation);
    setErrors(found);
    if (Object.keys(found).length === 0) return true;
    // Take the agent to the first field that needs them.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    return false;
  }

  async function run(kind: 'test' | 'connect'): Promise<void> {
    if (busy || !validOrFocus()) return;
    setBusy(kind === 'test' ? 'testing' : 'connecting');
    setCallError(null);
    if (kind === 'test') {
      const result = editing ? await testAccountUpdate(toUpdateInput(editing.saved.accountId, form)) : await testAccount(toSettingsInput(form));
      if (result.ok) setTest(result.value);
      else setCallError(result.error);
    } else {
      const result = editing ? await updateAccount(toUpdateInput(editing.saved.accountId, form)) : await connectAccount(toSettingsInput(form));
      if (!result.ok) setCallError(result.error);
      else if (!result.value.ok) setTest(result.value.test);
      // On success the store switches to the workspace; this form unmounts.
    }
    setBusy(null);
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void run('connect');
  }

  const onServerChange = (kind: ServerKind) => (field: keyof ServerFields, value: string) => update(setServerField(form, kind, field, value));
  const fieldError = (key: 'name' | 'email'): string | null => {
    const messageKey = errors[key];
    return messageKey ? t(messageKey) : null;
  };

  return (
    <main className="connect-screen">
      <form ref={formRef} className="connect-form card" onSubmit={onSubmit} noValidate aria-labelledby="connect-title" aria-busy={busy !== null}>
        <header className="connect-header">
          <h1 id="connect-title" className="screen-title">{editing ? t('editAccount.title', { name: editing.saved.name }) : t('connect.title')}</h1>
          <p className="muted">{editing ? t('editAccount.intro') : t('connect.intro')}</p>
          {editing?.problem && (
            <p className="form-warning edit-account-problem" role="alert" data-testid="edit-account-problem">
              <strong>{t('editAccount.problem')}</strong> {say(editing.problem)}
            </p>
          )}
        </header>

        <div className="field-row">
          <Field label={t('connect.accountName')} error={fieldError('name')} hint={t('connect.accountNameHint')} className="grow">
            {(control) => (
              <input {...control} data-testid="account-name" type="text" autoComplete="organization" autoFocus={!editing} value={form.name} onChange={(e) => update({ ...form, name: e.target.value })} />
            )}
          </Field>
          <Field label={t('connect.email')} error={fieldError('email')} hint={t('connect.emailHint')} className="grow">
            {(control) => (
              <input {...control} data-testid="account-email" type="email" autoComplete="email" spellCheck={false} value={form.email} onChange={(e) => update(setEmail(form, e.target.value))} />
            )}
          </Field>
        </div>

        <div className="server-grid">
          <ServerFieldset kind="imap" values={form.imap} errors={errors} check={test?.imap ?? null} onChange={onServerChange('imap')} lockedIdentity={editing !== null} keepsSavedPassword={editing !== null} />
          <ServerFieldset kind="smtp" values={form.smtp} errors={errors} check={test?.smtp ?? null} onChange={onServerChange('smtp')} keepsSavedPassword={editing !== null} />
        </div>

        <SecretStorageNote secretStorage={secretStorage} />
        {callError && <ErrorNote error={callError} testId="connect-error" />}

        <div className="form-actions">
          <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy === 'connecting'}>
            {t('common.back')}
          </button>
          <span className="spacer" />
          {busy && <span className="busy-text" role="status">{busy === 'testing' ? t('connect.testing') : editing ? t('editAccount.saving') : t('connect.connecting')}</span>}
          <button type="button" className="button" data-testid="test-connection" disabled={busy !== null} onClick={() => void run('test')}>
            {t('connect.test')}
          </button>
          <button type="submit" className="button button-primary" data-testid={editing ? 'save-account' : 'connect'} disabled={busy !== null}>
            {editing ? t('editAccount.save') : t('connect.connect')}
          </button>
        </div>
      </form>
    </main>
  );
}
