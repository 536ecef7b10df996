import { useRef, useState, type FormEvent } from 'react';
import type { AppInfo, ConnectionTestResult, DeskError } from '../../../src-preload/api.ts';
import { Field } from '../../app/ui/field.tsx';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import {
  emptyForm,
  setEmail,
  setServerField,
  toSettingsInput,
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

interface ConnectAccountProps {
  secretStorage: AppInfo['secretStorage'];
  onCancel(): void;
}

export function ConnectAccount({ secretStorage, onCancel }: ConnectAccountProps) {
  const testAccount = useDesk((s) => s.testAccount);
  const connectAccount = useDesk((s) => s.connectAccount);
  const [form, setForm] = useState<ConnectForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Validate as the agent types only after the first attempt, not while they start filling in.
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const [callError, setCallError] = useState<DeskError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function update(next: ConnectForm): void {
    setForm(next);
    if (attempted) setErrors(validateForm(next));
  }

  function validOrFocus(): boolean {
    setAttempted(true);
    const found = validateForm(form);
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
    const input = toSettingsInput(form);
    if (kind === 'test') {
      const result = await testAccount(input);
      if (result.ok) setTest(result.value);
      else setCallError(result.error);
    } else {
      const result = await connectAccount(input);
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
          <h1 id="connect-title" className="screen-title">{t('connect.title')}</h1>
          <p className="muted">{t('connect.intro')}</p>
        </header>

        <div className="field-row">
          <Field label={t('connect.accountName')} error={fieldError('name')} hint={t('connect.accountNameHint')} className="grow">
            {(control) => (
              <input {...control} data-testid="account-name" type="text" autoComplete="organization" autoFocus value={form.name} onChange={(e) => update({ ...form, name: e.target.value })} />
            )}
          </Field>
          <Field label={t('connect.email')} error={fieldError('email')} hint={t('connect.emailHint')} className="grow">
            {(control) => (
              <input {...control} data-testid="account-email" type="email" autoComplete="email" spellCheck={false} value={form.email} onChange={(e) => update(setEmail(form, e.target.value))} />
            )}
          </Field>
        </div>

        <div className="server-grid">
          <ServerFieldset kind="imap" values={form.imap} errors={errors} check={test?.imap ?? null} onChange={onServerChange('imap')} />
          <ServerFieldset kind="smtp" values={form.smtp} errors={errors} check={test?.smtp ?? null} onChange={onServerChange('smtp')} />
        </div>

        <SecretStorageNote secretStorage={secretStorage} />
        {callError && <ErrorNote error={callError} testId="connect-error" />}

        <div className="form-actions">
          <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy === 'connecting'}>
            {t('common.back')}
          </button>
          <span className="spacer" />
          {busy && <span className="busy-text" role="status">{busy === 'testing' ? t('connect.testing') : t('connect.connecting')}</span>}
          <button type="button" className="button" data-testid="test-connection" disabled={busy !== null} onClick={() => void run('test')}>
            {t('connect.test')}
          </button>
          <button type="submit" className="button button-primary" data-testid="connect" disabled={busy !== null}>
            {t('connect.connect')}
          </button>
        </div>
      </form>
    </main>
  );
}
