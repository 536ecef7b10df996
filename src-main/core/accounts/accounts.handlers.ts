/**
 * accounts.*: list, test, connect, edit, remove, sync now. Connecting and
 * saving changed settings test both servers first and save nothing unless
 * both answer, so a typo never leaves a half-made or broken account behind.
 */
import type { Database } from 'better-sqlite3';
import type { AccountSummary } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { startSlaClockIfUnset } from '../triage/triage-settings.ts';
import { deleteAccount, getAccount, insertAccount, listAccounts, updateAccountSettings } from '../db/accounts.repo.ts';
import { testConnection } from '../sync/connection-test.ts';
import { encodeAccountSecret } from './account-secret.ts';
import { mergedSettings, savedSettingsOf } from './account-update.ts';
import { demoHealth, toAccountSummary } from './account-summary.ts';
import type { SyncManager } from './sync-manager.ts';

export type AccountHandlers = Pick<
  Handlers,
  'accounts.list' | 'accounts.test' | 'accounts.connect' | 'accounts.settings' | 'accounts.testUpdate' | 'accounts.update' | 'accounts.remove' | 'accounts.syncNow'
>;

export interface AccountDeps {
  db: Database;
  secrets: SecretStore;
  syncs: SyncManager;
  events: EventBus;
  log: Logger;
  clock: Clock;
  /** Records the team's SLA start when the first mailbox is connected. */
  actor: LocalActor;
  /** Injected so tests of the handlers can run without servers. */
  test?: typeof testConnection;
}

export function summarizeAccounts(deps: Pick<AccountDeps, 'db' | 'syncs'>): AccountSummary[] {
  return listAccounts(deps.db).map((row) => toAccountSummary(row, row.kind === 'demo' ? demoHealth(row) : deps.syncs.health(row.id)));
}

export function createAccountHandlers(deps: AccountDeps): AccountHandlers {
  const test = deps.test ?? testConnection;
  return {
    'accounts.list': () => summarizeAccounts(deps),
    'accounts.test': (settings) => test(settings),
    'accounts.connect': async (settings) => {
      const result = await test(settings);
      if (!result.imap.ok || !result.smtp.ok) return { ok: false, test: result };
      const secret = await encodeAccountSecret(deps.secrets, { imapPassword: settings.imap.password, smtpPassword: settings.smtp.password });
      const strip = ({ host, port, security, user }: typeof settings.imap) => ({ host, port, security, user });
      const id = insertAccount(deps.db, {
        kind: 'imap',
        name: settings.name,
        email: settings.email,
        imap: strip(settings.imap),
        smtp: strip(settings.smtp),
        secret,
        createdAt: deps.clock.now(),
      });
      const row = getAccount(deps.db, id);
      if (!row) throw new Error('account vanished right after insert');
      deps.log.info('account connected', { accountId: id, host: settings.imap.host, user: settings.imap.user });
      // Years of old mail are about to arrive: none of it was ever on this desk's clock.
      const slaFrom = startSlaClockIfUnset(deps.db, deps.actor, deps.clock.now());
      if (slaFrom !== null) deps.log.info('SLA times count for mail from now on', { accountId: id, slaFrom: new Date(slaFrom).toISOString() });
      await deps.syncs.start(row);
      deps.events.emit({ type: 'changed', table: 'accounts', ids: [id] });
      return { ok: true, account: toAccountSummary(row, deps.syncs.health(id)) };
    },
    'accounts.settings': ({ accountId }) => savedSettingsOf(deps.secrets, getAccount(deps.db, accountId)),
    'accounts.testUpdate': async (input) => test(await mergedSettings(deps.secrets, getAccount(deps.db, input.accountId), input)),
    'accounts.update': async (input) => {
      const settings = await mergedSettings(deps.secrets, getAccount(deps.db, input.accountId), input);
      const result = await test(settings);
      if (!result.imap.ok || !result.smtp.ok) return { ok: false, test: result };
      const secret = await encodeAccountSecret(deps.secrets, { imapPassword: settings.imap.password, smtpPassword: settings.smtp.password });
      const { host, port, security, user } = settings.smtp;
      const saved = updateAccountSettings(deps.db, input.accountId, {
        name: settings.name,
        email: settings.email,
        imap: { port: settings.imap.port, security: settings.imap.security },
        smtp: { host, port, security, user },
        secret,
      });
      const row = getAccount(deps.db, input.accountId);
      // Removed while its servers were being tested.
      if (!saved || !row) throw new DeskFailure('not-found', sentence('accountGone'));
      deps.log.info('account settings changed', { accountId: row.id, host: settings.imap.host, smtpHost: host });
      // The running sync holds the old password: start it again with the new settings.
      await deps.syncs.restart(row);
      deps.events.emit({ type: 'changed', table: 'accounts', ids: [row.id] });
      return { ok: true, account: toAccountSummary(row, deps.syncs.health(row.id)) };
    },
    'accounts.remove': async ({ accountId }) => {
      await deps.syncs.stop(accountId);
      if (!deleteAccount(deps.db, accountId)) throw new DeskFailure('not-found', sentence('accountGone'));
      deps.log.info('account removed', { accountId });
      deps.events.emit({ type: 'changed', table: 'accounts', ids: [accountId] });
      deps.events.emit({ type: 'changed', table: 'messages' });
      return null;
    },
    'accounts.syncNow': async ({ accountId }) => {
      if (!getAccount(deps.db, accountId)) throw new DeskFailure('not-found', sentence('accountGone'));
      await deps.syncs.syncNow(accountId);
      return null;
    },
  };
}
