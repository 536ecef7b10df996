/**
 * Keeps one account's INBOX in the cache: connect, sync, IDLE, and reconnect
 * with backoff when anything goes wrong.
 *
 * Lifecycle of a connection:
 *   connect → full pass (folder-sync.ts) → IDLE on INBOX
 *   EXISTS → `new` pass; EXPUNGE → `full` pass; FETCH FLAGS → applied directly
 *   error/close → health offline|auth-failed|error → retry after backoff
 *
 * Invariants:
 * - One connection per account, and passes never overlap: they run one after
 *   another on a queue; requests that arrive while one is waiting are merged
 *   (a waiting `new` becomes `full` when a full pass is asked for).
 * - Every wait goes through the Clock (tests drive reconnects with a
 *   ManualClock); the retry delay grows exponentially with jitter, and is the
 *   longest after a rejected password, so we do not get the account locked.
 * - Health changes are reported only when they change. `lastError` stays
 *   after a reconnect until a pass completes (as the contract says).
 * - Nothing here throws at the caller: `syncNow()` and `stop()` always
 *   resolve, problems show up in `health`.
 */
import type { Database } from 'better-sqlite3';
import type { FlagsEvent, ImapFlow } from 'imapflow';
import type { AccountHealth, ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { BackoffPolicy } from './backoff.ts';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import { classifyConnectionError, healthStateFor } from './classify-error.ts';
import type { FolderTarget, PassKind } from './folder-sync.ts';
import { applyServerFlags, syncFolder } from './folder-sync.ts';
import type { ClientTimeouts } from './imap-client.ts';
import { createImapClient } from './imap-client.ts';

export interface AccountSyncOptions {
  db: Database;
  dataDir: string;
  accountId: number;
  imap: ServerSettings;
  log: Logger;
  clock?: Clock;
  onHealth(health: AccountHealth): void;
  onMessagesChanged(messageRowIds: number[]): void;
  /** Reconnect delays; default 2 s doubling to 5 min. */
  backoff?: BackoffPolicy;
  /** For tests: the jitter source, [0, 1). */
  random?: () => number;
  batchSize?: number;
  timeouts?: ClientTimeouts;
}

const INBOX: FolderTarget = { path: 'INBOX', role: 'inbox' };
// Servers drop IDLE after 30 min (RFC 2177 says re-issue before); NAT boxes sooner.
const MAX_IDLE_MS = 4 * 60_000;
const LOGOUT_GRACE_MS = 2_000;

interface QueuedPass {
  kind: PassKind;
  promise: Promise<void>;
}

export class AccountSync {
  private readonly o: AccountSyncOptions;
  private readonly clock: Clock;
  private readonly log: Logger;
  private healthNow: AccountHealth = { state: 'offline', progress: null, lastError: null, lastSyncAt: null };
  private started = false;
  private stopped = false;
  private client: ImapFlow | null = null;
  private connecting: Promise<void> | null = null;
  private failures = 0;
  private cancelRetry: (() => void) | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: QueuedPass | null = null;
  private inbox: { folderId: number; uidvalidity: number } | null = null;
  private passActive = false;
  /** An EXPUNGE arrived after the running pass took its listing: another full pass is needed. */
  private expungedSinceListing = false;

  constructor(o: AccountSyncOptions) {
    this.o = o;
    this.clock = o.clock ?? systemClock;
    this.log = o.log;
  }

  get health(): AccountHealth {
    return this.healthNow;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.setHealth({ state: 'syncing', progress: null });
    void this.connect();
  }

  /** Syncs now: a full pass when connected, else an immediate reconnect. Resolves when done. */
  async syncNow(): Promise<void> {
    if (!this.started || this.stopped) return;
    if (this.connecting) return this.connecting;
    if (this.client?.usable) return this.enqueue('full');
    return this.connect();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelRetry?.();
    this.cancelRetry = null;
    const client = this.client;
    this.client = null;
    if (client) await this.closeClient(client);
    await this.connecting?.catch(() => {});
    await this.chain.catch(() => {});
    this.setHealth({ state: 'offline', progress: null });
  }

  /* ---------------------------------------------------------------- connection */

  private connect(): Promise<void> {
    if (this.stopped || this.client?.usable) return Promise.resolve();
    if (this.connecting) return this.connecting;
    // Whoever connects now (syncNow, the retry timer) makes a pending retry pointless.
    this.cancelRetry?.();
    this.cancelRetry = null;
    const attempt = (async () => {
      const client = createImapClient(this.o.imap, this.o.timeouts, { maxIdleTime: MAX_IDLE_MS });
      // Until connect() settles, its rejection is the error; afterwards, events are.
      client.on('error', (err: Error) => this.lose(client, err));
      try {
        await client.connect();
      } catch (err) {
        this.client = client;
        this.lose(client, err);
        return;
      }
      if (this.stopped) {
        await this.closeClient(client);
        return;
      }
      this.client = client;
      client.on('close', () => this.lose(client, null));
      client.on('exists', (e) => {
        if (e.path === INBOX.path) this.request('new');
      });
      client.on('expunge', (e) => {
        if (e.path !== INBOX.path) return;
        if (this.passActive) this.expungedSinceListing = true;
        else this.request('full');
      });
      client.on('flags', (e) => this.onFlags(e));
      this.log.info('connected', { host: this.o.imap.host, port: this.o.imap.port });
      await this.enqueue('full');
    })();
    this.connecting = attempt.finally(() => {
      if (this.connecting === tracked) this.connecting = null;
    });
    const tracked = this.connecting;
    return tracked;
  }

  /** The connection `client` is gone (err null: closed). Only the first report per client counts. */
  private lose(client: ImapFlow, err: unknown): void {
    if (client !== this.client) return;
    this.client = null;
    this.inbox = null;
    client.close();
    if (this.stopped) return;
    const { host, port } = this.o.imap;
    const classified = err
      ? classifyConnectionError(err, { protocol: 'imap', host, port })
      : { problem: 'unknown' as const, message: `The connection to ${host} was lost.`, detail: null };
    const state = err ? healthStateFor(err, classified.problem) : 'offline';
    this.log.warn('connection failed', { state, problem: classified.problem, detail: classified.detail });
    this.setHealth({ state, progress: null, lastError: classified.message });
    this.scheduleReconnect(state === 'auth-failed');
  }

  private scheduleReconnect(slow: boolean): void {
    if (this.stopped || this.cancelRetry) return;
    const policy = this.o.backoff ?? defaultBackoff;
    const delay = slow ? policy.maxMs : backoffDelay(this.failures, policy, this.o.random);
    this.failures++;
    this.log.info('reconnecting later', { delayMs: delay });
    this.cancelRetry = this.clock.schedule(delay, () => {
      this.cancelRetry = null;
      void this.connect();
    });
  }

  private async closeClient(client: ImapFlow): Promise<void> {
    await new Promise<void>((resolve) => {
      const cancel = this.clock.schedule(LOGOUT_GRACE_MS, () => {
        client.close();
        resolve();
      });
      client.logout().then(
        () => {
          cancel();
          resolve();
        },
        () => {
          cancel();
          client.close();
          resolve();
        },
      );
    });
  }

  /* ---------------------------------------------------------------- passes */

  private request(kind: PassKind): void {
    void this.enqueue(kind);
  }

  private enqueue(kind: PassKind): Promise<void> {
    const waiting = this.queued;
    if (waiting) {
      if (kind === 'full') waiting.kind = 'full';
      return waiting.promise;
    }
    const entry: QueuedPass = { kind, promise: Promise.resolve() };
    entry.promise = this.chain.then(() => {
      this.queued = null;
      return this.pass(entry.kind);
    });
    this.queued = entry;
    this.chain = entry.promise.catch(() => {});
    return entry.promise;
  }

  private async pass(kind: PassKind): Promise<void> {
    const client = this.client;
    if (!client || !client.usable || this.stopped) return;
    this.passActive = true;
    this.expungedSinceListing = false;
    try {
      const result = await syncFolder(
        {
          db: this.o.db,
          dataDir: this.o.dataDir,
          accountId: this.o.accountId,
          client,
          clock: this.clock,
          log: this.log,
          ...(this.o.batchSize ? { batchSize: this.o.batchSize } : {}),
          onProgress: (done, total) => {
            if (total > 0 && done < total) this.setHealth({ state: 'syncing', progress: { done, total } });
          },
          onChanged: (ids) => this.o.onMessagesChanged(ids),
          onListed: () => {
            this.expungedSinceListing = false;
          },
        },
        INBOX,
        kind,
      );
      if (client !== this.client) return;
      this.inbox = { folderId: result.folderId, uidvalidity: result.uidvalidity };
      this.failures = 0;
      this.setHealth({ state: 'connected', progress: null, lastError: null, lastSyncAt: this.clock.now() });
      if (this.expungedSinceListing) this.request('full');
      // Listen for new mail right away rather than after imapflow's auto-IDLE delay.
      else client.idle({ whenFree: true }).catch(() => {});
    } catch (err) {
      this.lose(client, err);
    } finally {
      this.passActive = false;
    }
  }

  private onFlags(e: FlagsEvent): void {
    if (e.path !== INBOX.path) return;
    const inbox = this.inbox;
    if (!inbox || e.uid === undefined) {
      this.request('full');
      return;
    }
    try {
      const id = applyServerFlags(this.o.db, { ...inbox, uid: e.uid }, e.flags ?? []);
      if (id !== null) this.o.onMessagesChanged([id]);
    } catch (err) {
      this.log.error('could not apply flag change', { err });
    }
  }

  /* ---------------------------------------------------------------- health */

  private setHealth(patch: Partial<AccountHealth>): void {
    const next: AccountHealth = { ...this.healthNow, ...patch };
    const same =
      next.state === this.healthNow.state &&
      next.lastError === this.healthNow.lastError &&
      next.lastSyncAt === this.healthNow.lastSyncAt &&
      next.progress?.done === this.healthNow.progress?.done &&
      next.progress?.total === this.healthNow.progress?.total;
    this.healthNow = next;
    if (!same) this.o.onHealth(next);
  }
}
