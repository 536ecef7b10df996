/**
 * Changing a connected account's settings: above all a new password after
 * the provider's one changed and the account shows "Authentication failed".
 * The account keeps its row, so its cache, tickets and team state stay; only
 * the IMAP host and user cannot change, because they say which mailbox that
 * cache mirrors (another mailbox is another account).
 */
import type { AccountSettingsInput, AccountUpdateInput, SavedAccountSettings } from '../../../src-preload/api.ts';
import type { AccountRow } from '../db/accounts.repo.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { AccountSecret } from './account-secret.ts';
import { decodeAccountSecret } from './account-secret.ts';

/** The account's IMAP row, or a plain-words failure for a demo or a removed account. */
function editableAccount(row: AccountRow | undefined): AccountRow & { imap_host: string; imap_user: string } {
  if (!row) throw new DeskFailure('not-found', sentence('accountGone'));
  if (row.kind !== 'imap' || !row.imap_host || !row.imap_user) throw new DeskFailure('conflict', sentence('demoHasNoSettings'));
  return { ...row, imap_host: row.imap_host, imap_user: row.imap_user };
}

/** The saved passwords, or null when they cannot be read (a keychain that changed, a damaged file). */
async function savedSecret(store: SecretStore, row: AccountRow): Promise<AccountSecret | null> {
  try {
    return await decodeAccountSecret(store, row.secret);
  } catch {
    return null;
  }
}

export async function savedSettingsOf(store: SecretStore, row: AccountRow | undefined): Promise<SavedAccountSettings> {
  const account = editableAccount(row);
  const secret = await savedSecret(store, account);
  return {
    accountId: account.id,
    name: account.name,
    email: account.email,
    imap: { host: account.imap_host, port: account.imap_port ?? 993, security: account.imap_security ?? 'tls', user: account.imap_user },
    smtp: { host: account.smtp_host ?? '', port: account.smtp_port ?? 465, security: account.smtp_security ?? 'tls', user: account.smtp_user ?? '' },
    samePassword: secret !== null && secret.imapPassword === secret.smtpPassword,
  };
}

/**
 * The complete settings to test and save: the update, with the saved
 * password wherever the agent left one empty. A saved password that cannot
 * be read must be typed again, and the failure says so.
 */
export async function mergedSettings(store: SecretStore, row: AccountRow | undefined, input: AccountUpdateInput): Promise<AccountSettingsInput> {
  const account = editableAccount(row);
  const typed = { imap: input.imap.password, smtp: input.smtp.password };
  const saved = typed.imap === '' || typed.smtp === '' ? await savedSecret(store, account) : null;
  if ((typed.imap === '' || typed.smtp === '') && saved === null) {
    throw new DeskFailure('conflict', sentence('savedPasswordsUnreadable'));
  }
  return {
    name: input.name,
    email: input.email,
    imap: { host: account.imap_host, user: account.imap_user, port: input.imap.port, security: input.imap.security, password: typed.imap || (saved?.imapPassword ?? '') },
    smtp: { ...input.smtp, password: typed.smtp || (saved?.smtpPassword ?? '') },
  };
}
