/**
 * Keeps one AccountSync running per IMAP account and turns its health and
 * changes into events for the renderers. Passwords are decrypted only here,
 * just before connecting, and live only in memory.
 *
 * It is also how the rest of core reaches the sync engine: "fetch this
 * message's body now" (opening a message or conversation), "write the
 * attachment files again", and "the write-back queue has new ops".
 */
import type { Database } from 'better-sqlite3';
import type { AccountHealth, ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { AccountRow } from '../db/accounts.repo.ts';
import { getBodyState } from '../db/messages.repo.ts';
import { AccountSync } from '../sync/account-sync.ts';
import { sentence } from '../sentences.ts';
import { DEFAULT_TEAM_FOLDER } from '../team/imap-team-folder.ts';
import { teamFolderOf } from '../team/team-config.ts';
import { decodeAccountSecret } from './account-secret.ts';

export interface SyncManagerOptions {
  db: Database;
  dataDir: string;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  clock: Clock;
}

const offlineUntilStarted: AccountHealth = { state: 'offline', progress: null, lastError: null, lastSyncAt: null };

export class SyncManager {
  private readonly syncs = new Map<number, AccountSync>();
  private readonly failures = new Map<number, AccountHealth>();
  private readonly o: SyncManagerOptions;

  constructor(options: SyncManagerOptions) {
    this.o = options;
  }

  health(accountId: number): AccountHealth {
    return this.syncs.get(accountId)?.health ?? this.failures.get(accountId) ?? offlineUntilStarted;
  }

  async start(account: AccountRow): Promise<void> {
    if (account.kind !== 'imap' || this.syncs.has(account.id)) return;
    const log = this.o.log.child(`sync#${account.id}`);
    let imap: ServerSettings;
    try {
      const secret = await decodeAccountSecret(this.o.secrets, account.secret);
      if (!account.imap_host || !account.imap_port || !account.imap_security || !account.imap_user) {
        throw new Error('The account has no IMAP settings.');
      }
      imap = { host: account.imap_host, port: account.imap_port, security: account.imap_security, user: account.imap_user, password: secret.imapPassword };
    } catch (err) {
      log.error('cannot read saved password', { err });
      const lastError = sentence('passwordUnreadable', { reason: (err as Error).message });
      const health: AccountHealth = { state: 'error', progress: null, lastError, lastSyncAt: null };
      this.failures.set(account.id, health);
      this.o.events.emit({ type: 'accountHealth', accountId: account.id, health });
      return;
    }
    const sync = new AccountSync({
      db: this.o.db,
      dataDir: this.o.dataDir,
      accountId: account.id,
      imap,
      log,
      clock: this.o.clock,
      onHealth: (health) => this.o.events.emit({ type: 'accountHealth', accountId: account.id, health }),
      onMessagesChanged: (ids) => this.o.events.emit({ type: 'changed', table: 'messages', ids }),
      onFoldersChanged: () => this.o.events.emit({ type: 'changed', table: 'folders' }),
      // Team state travels in its own folder (team/): it is not mail.
      skipFolder: (path) => path === DEFAULT_TEAM_FOLDER || path === teamFolderOf(this.o.db, account.id),
    });
    this.syncs.set(account.id, sync);
    sync.start();
  }

  /**
   * Makes sure the message's body is cached, fetching it ahead of everything
   * else when it is not. False when it is not cached and cannot be fetched
   * now (offline, no longer on the server).
   */
  async ensureBody(messageId: number): Promise<boolean> {
    const state = getBodyState(this.o.db, messageId);
    if (!state) return false;
    if (state.hasBody) return true;
    return (await this.syncs.get(state.accountId)?.ensureBody(messageId)) ?? false;
  }

  /** Writes a message's attachment files again from the server (one went missing on disk). */
  async ensureAttachments(messageId: number): Promise<boolean> {
    const state = getBodyState(this.o.db, messageId);
    if (!state) return false;
    return (await this.syncs.get(state.accountId)?.ensureAttachments(messageId)) ?? false;
  }

  /** Ops were added to the account's write-back queue. */
  writebackQueued(accountId: number): void {
    this.syncs.get(accountId)?.writebackQueued();
  }

  async syncNow(accountId: number): Promise<void> {
    await this.syncs.get(accountId)?.syncNow();
  }

  async stop(accountId: number): Promise<void> {
    const sync = this.syncs.get(accountId);
    this.syncs.delete(accountId);
    this.failures.delete(accountId);
    await sync?.stop();
  }

  /** Stops the account's sync and starts it with the account as saved now (new settings or password). */
  async restart(account: AccountRow): Promise<void> {
    await this.stop(account.id);
    await this.start(account);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.syncs.keys()].map((id) => this.stop(id)));
  }
}
