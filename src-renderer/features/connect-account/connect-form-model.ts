/**
 * The connect form as data: defaults, the rules that fill fields in for the
 * agent, and validation before anything is sent to core. The same form edits
 * a connected account, starting from its saved settings with the passwords
 * empty ("keep the saved one"). Pure, so the rules are easy to read and to test.
 */
import type { AccountSettingsInput, AccountUpdateInput, SavedAccountSettings, Security } from '../../../src-preload/api.ts';
import type { MessageKey } from '../../i18n/i18n.ts';

export type ServerKind = 'imap' | 'smtp';

export interface ServerFields {
  host: string;
  /** Kept as typed; validated into a number on submit. */
  port: string;
  security: Security;
  user: string;
  password: string;
}

export interface ConnectForm {
  name: string;
  email: string;
  imap: ServerFields;
  smtp: ServerFields;
  /** SMTP fields the agent edited by hand; the others follow IMAP. */
  smtpEdited: { host: boolean; user: boolean; password: boolean };
  imapUserEdited: boolean;
}

export type FieldPath = 'name' | 'email' | `${ServerKind}.${'host' | 'port' | 'user' | 'password'}`;
export type FieldErrors = Partial<Record<FieldPath, MessageKey>>;

const DEFAULT_PORTS: Record<ServerKind, Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 587 },
};

export function defaultPort(kind: ServerKind, security: Security): number {
  return DEFAULT_PORTS[kind][security];
}

export function emptyForm(): ConnectForm {
  const server = (kind: ServerKind): ServerFields => ({ host: '', port: String(defaultPort(kind, 'tls')), security: 'tls', user: '', password: '' });
  return { name: '', email: '', imap: server('imap'), smtp: server('smtp'), smtpEdited: { host: false, user: false, password: false }, imapUserEdited: false };
}

/** `imap.example.com` → `smtp.example.com`; anything else is copied as is. */
function guessSmtpHost(imapHost: string): string {
  return imapHost.replace(/^imap\./i, 'smtp.');
}

export function setEmail(form: ConnectForm, email: string): ConnectForm {
  const next = { ...form, email };
  if (!form.imapUserEdited) return setServerField(next, 'imap', 'user', email, false);
  return next;
}

/**
 * Changes one server field. IMAP host/user/password flow on to SMTP until
 * the agent edits the SMTP one; a security change moves the port along while
 * it still holds the previous default.
 */
export function setServerField(form: ConnectForm, kind: ServerKind, field: keyof ServerFields, value: string, byHand = true): ConnectForm {
  const server = { ...form[kind] };
  let next: ConnectForm = { ...form };
  if (field === 'security') {
    const security = value as Security;
    if (server.port.trim() === '' || Number(server.port) === defaultPort(kind, server.security)) {
      server.port = String(defaultPort(kind, security));
    }
    server.security = security;
  } else {
    server[field] = value;
  }
  next[kind] = server;

  if (kind === 'imap' && field === 'user' && byHand) next.imapUserEdited = true;
  if (kind === 'smtp' && byHand && (field === 'host' || field === 'user' || field === 'password')) {
    next.smtpEdited = { ...next.smtpEdited, [field]: true };
  }
  if (kind === 'imap' && (field === 'host' || field === 'user' || field === 'password') && !next.smtpEdited[field]) {
    next = { ...next, smtp: { ...next.smtp, [field]: field === 'host' ? guessSmtpHost(value) : value } };
  }
  return next;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$|^\[[0-9a-f:.]+\]$|^[0-9a-f:]+$/i;

function parsePort(port: string): number | null {
  if (!/^\d{1,5}$/.test(port.trim())) return null;
  const value = Number(port.trim());
  return value >= 1 && value <= 65535 ? value : null;
}

/**
 * An account's saved settings as the form. Every SMTP field counts as edited
 * by hand, so nothing typed for IMAP overwrites it, except the password when
 * one password served both: a provider's reset changes both at once.
 */
export function formFromSaved(saved: SavedAccountSettings): ConnectForm {
  const server = (s: SavedAccountSettings['imap']): ServerFields => ({ host: s.host, port: String(s.port), security: s.security, user: s.user, password: '' });
  return {
    name: saved.name,
    email: saved.email,
    imap: server(saved.imap),
    smtp: server(saved.smtp),
    smtpEdited: { host: true, user: true, password: !saved.samePassword },
    imapUserEdited: true,
  };
}

export interface ValidateOptions {
  /** Editing a connected account: an empty password keeps the saved one. */
  passwordsOptional?: boolean;
}

export function validateForm(form: ConnectForm, options: ValidateOptions = {}): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.name.trim()) errors.name = 'connect.error.nameRequired';
  if (!form.email.trim()) errors.email = 'connect.error.emailRequired';
  else if (!EMAIL.test(form.email.trim())) errors.email = 'connect.error.emailInvalid';
  for (const kind of ['imap', 'smtp'] as const) {
    const server = form[kind];
    if (!server.host.trim()) errors[`${kind}.host`] = 'connect.error.hostRequired';
    else if (!HOST.test(server.host.trim())) errors[`${kind}.host`] = 'connect.error.hostInvalid';
    if (parsePort(server.port) === null) errors[`${kind}.port`] = 'connect.error.portInvalid';
    if (!server.user.trim()) errors[`${kind}.user`] = 'connect.error.userRequired';
    if (!server.password && !options.passwordsOptional) errors[`${kind}.password`] = 'connect.error.passwordRequired';
  }
  return errors;
}

function serverInput(fields: ServerFields) {
  return {
    host: fields.host.trim(),
    port: parsePort(fields.port) ?? 0,
    security: fields.security,
    user: fields.user.trim(),
    // Passwords may legitimately start or end with spaces.
    password: fields.password,
  };
}

/** Only call after `validateForm` found nothing. */
export function toSettingsInput(form: ConnectForm): AccountSettingsInput {
  return { name: form.name.trim(), email: form.email.trim(), imap: serverInput(form.imap), smtp: serverInput(form.smtp) };
}

/** Only call after `validateForm(form, { passwordsOptional: true })` found nothing. The IMAP host and user are the mailbox's and stay. */
export function toUpdateInput(accountId: number, form: ConnectForm): AccountUpdateInput {
  const { port, security, password } = serverInput(form.imap);
  return { accountId, name: form.name.trim(), email: form.email.trim(), imap: { port, security, password }, smtp: serverInput(form.smtp) };
}
