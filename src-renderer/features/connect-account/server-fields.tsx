import type { Security, ServerCheck } from '../../../src-preload/api.ts';
import { Field } from '../../app/ui/field.tsx';
import { WarningIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import type { FieldErrors, ServerFields as ServerFieldValues, ServerKind } from './connect-form-model.ts';
import { ServerCheckBox } from './server-check.tsx';

interface ServerFieldsProps {
  kind: ServerKind;
  values: ServerFieldValues;
  errors: FieldErrors;
  check: ServerCheck | null;
  onChange(field: keyof ServerFieldValues, value: string): void;
  /** Editing a connected account: its IMAP host and user name the mailbox and cannot change. */
  lockedIdentity?: boolean;
  /** Editing: an empty password keeps the saved one, and the field says so. */
  keepsSavedPassword?: boolean;
}

const SECURITY_OPTIONS: Security[] = ['tls', 'starttls', 'none'];

export function ServerFieldset({ kind, values, errors, check, onChange, lockedIdentity = false, keepsSavedPassword = false }: ServerFieldsProps) {
  const error = (field: 'host' | 'port' | 'user' | 'password'): string | null => {
    const key = errors[`${kind}.${field}`];
    return key ? t(key) : null;
  };
  const title = kind === 'imap' ? t('connect.imapTitle') : t('connect.smtpTitle');
  return (
    <fieldset className="server-fieldset">
      <legend>{title}</legend>
      <p className="fieldset-hint">{kind === 'imap' ? t('connect.imapHint') : t('connect.smtpHint')}</p>
      <div className="field-row">
        <Field label={t('connect.host')} error={error('host')} hint={lockedIdentity ? t('editAccount.identityHint') : null} className="grow">
          {(control) => (
            <input
              {...control}
              data-testid={`${kind}-host`}
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              readOnly={lockedIdentity}
              placeholder={kind === 'imap' ? 'imap.example.com' : 'smtp.example.com'}
              value={values.host}
              onChange={(e) => onChange('host', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('connect.port')} error={error('port')} className="port">
          {(control) => (
            <input {...control} data-testid={`${kind}-port`} type="text" inputMode="numeric" autoComplete="off" value={values.port} onChange={(e) => onChange('port', e.target.value)} />
          )}
        </Field>
      </div>
      <Field label={t('connect.security')}>
        {(control) => (
          <select {...control} data-testid={`${kind}-security`} value={values.security} onChange={(e) => onChange('security', e.target.value)}>
            {SECURITY_OPTIONS.map((option) => (
              <option key={option} value={option}>{t(`connect.security.${option}`)}</option>
            ))}
          </select>
        )}
      </Field>
      {values.security === 'none' && (
        <p className="form-warning security-warning" role="alert" data-testid={`${kind}-security-warning`}>
          <WarningIcon />
          {t('connect.securityNoneWarning')}
        </p>
      )}
      <Field label={t('connect.user')} error={error('user')}>
        {(control) => (
          <input {...control} data-testid={`${kind}-user`} type="text" autoComplete="off" spellCheck={false} readOnly={lockedIdentity} value={values.user} onChange={(e) => onChange('user', e.target.value)} />
        )}
      </Field>
      <Field label={t('connect.password')} error={error('password')}>
        {(control) => (
          <input
            {...control}
            data-testid={`${kind}-password`}
            type="password"
            autoComplete="new-password"
            placeholder={keepsSavedPassword ? t('editAccount.passwordKept') : undefined}
            value={values.password}
            onChange={(e) => onChange('password', e.target.value)}
          />
        )}
      </Field>
      {check && <ServerCheckBox check={check} label={title} testId={`${kind}-check`} />}
    </fieldset>
  );
}
