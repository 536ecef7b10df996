/**
 * The connect form editing a connected account: it starts from the saved
 * settings, an empty password means "keep the saved one", and a new password
 * typed for IMAP carries over to SMTP only when one password served both.
 */
import { describe, expect, it } from 'vitest';
import type { SavedAccountSettings } from '../../../src-preload/api.ts';
import { emptyForm, formFromSaved, setServerField, toUpdateInput, validateForm } from '../../../src-renderer/features/connect-account/connect-form-model.ts';

function saved(samePassword: boolean): SavedAccountSettings {
  return {
    accountId: 7,
    name: 'Acme Support',
    email: 'support@acme.example',
    imap: { host: 'imap.acme.example', port: 993, security: 'tls', user: 'support@acme.example' },
    smtp: { host: 'relay.acme.example', port: 587, security: 'starttls', user: 'relay-user' },
    samePassword,
  };
}

describe('editing an account in the connect form', () => {
  it('starts from the saved settings with both passwords empty', () => {
    const form = formFromSaved(saved(true));
    expect(form.imap).toEqual({ host: 'imap.acme.example', port: '993', security: 'tls', user: 'support@acme.example', password: '' });
    expect(form.smtp).toEqual({ host: 'relay.acme.example', port: '587', security: 'starttls', user: 'relay-user', password: '' });
  });

  it('accepts empty passwords when editing, and still asks for them when connecting', () => {
    const form = formFromSaved(saved(true));
    expect(validateForm(form, { passwordsOptional: true })).toEqual({});
    expect(validateForm(form)).toMatchObject({ 'imap.password': 'connect.error.passwordRequired', 'smtp.password': 'connect.error.passwordRequired' });
    expect(validateForm(emptyForm(), { passwordsOptional: true })['imap.password']).toBeUndefined();
    expect(validateForm({ ...form, smtp: { ...form.smtp, port: '0' } }, { passwordsOptional: true })).toEqual({ 'smtp.port': 'connect.error.portInvalid' });
  });

  it('carries a new IMAP password over to SMTP only when one password served both', () => {
    const shared = setServerField(formFromSaved(saved(true)), 'imap', 'password', 'reset-2026');
    expect(shared.smtp.password).toBe('reset-2026');
    const separate = setServerField(formFromSaved(saved(false)), 'imap', 'password', 'reset-2026');
    expect(separate.smtp.password).toBe('');
  });

  it('keeps the saved SMTP server and user when the IMAP fields change', () => {
    const form = setServerField(setServerField(formFromSaved(saved(true)), 'imap', 'host', 'imap.other.example'), 'imap', 'user', 'someone');
    expect(form.smtp.host).toBe('relay.acme.example');
    expect(form.smtp.user).toBe('relay-user');
  });

  it('sends the account, its ports and security and the passwords as typed, never the IMAP host or user', () => {
    let form = formFromSaved(saved(false));
    form = setServerField(form, 'imap', 'security', 'starttls');
    form = setServerField(form, 'smtp', 'password', ' spaced ');
    form = { ...form, name: '  Acme Help ' };
    expect(toUpdateInput(7, form)).toEqual({
      accountId: 7,
      name: 'Acme Help',
      email: 'support@acme.example',
      imap: { port: 143, security: 'starttls', password: '' },
      smtp: { host: 'relay.acme.example', port: 587, security: 'starttls', user: 'relay-user', password: ' spaced ' },
    });
  });
});
