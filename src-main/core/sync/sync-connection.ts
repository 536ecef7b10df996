/**
 * One IMAP connection kept up: connects, notices when it is lost, and
 * reconnects with exponential backoff and jitter (the longest delay after a
 * rejected password, so a wrong password is not hammered at the server).
 * An account's sync (account-sync.ts) and the team transport each own one.
 *
 * Invariants:
 * - At most one connection attempt runs at a time; `connect()` while one
 *   runs returns that attempt.
 * - Only the first loss reported for a client counts: `error` and `close`
 *   often both fire, and a stale client's events are ignored.
 * - Every wait goes through the Clock. After `stop()` nothing reconnects.
 * - The failure count (which sets the next delay) is reset only by the
 *   owner (`healthy()`), once real work succeeded, not merely on login: a
 *   server that accepts the login and then drops the connection still backs off.
 */
import type { ImapFlow, ImapFlowOptions } from 'imapflow';
import type { HealthState, Sentence, ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { BackoffPolicy } from './backoff.ts';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import type { ClassifiedError } from './classify-error.ts';
import { classifyConnectionError, healthStateFor } from './classify-error.ts';
import { sentence } from '../sentences.ts';
import type { ClientTimeouts } from './imap-client.ts';
import { closeGracefully, createImapClient } from './imap-client.ts';

/** Faults of our own in a row before the agent is asked to send the log rather than wait. */
export const REPEATS_WORTH_REPORTING = 3;

export interface ConnectionLoss {
  state: Exclude<HealthState, 'connected' | 'syncing'>;
  /** In plain words, for the UI. */
  message: Sentence;
}

export interface SyncConnectionOptions {
  imap: ServerSettings;
  clock: Clock;
  log: Logger;
  timeouts?: ClientTimeouts;
  backoff?: BackoffPolicy;
  random?: () => number;
  extensions?: { condstore?: boolean; qresync?: boolean };
  /**
   * This account has synced before (on an earlier run): a refused or
   * unanswered connection is then the server being down, not a setting to
   * check. A connection up earlier in this run counts too.
   */
  workedBefore?: () => boolean;
  /**
   * Client options over the sync's own (no auto-IDLE: the sync IDLEs on a
   * connection of its own). The team transport, which IDLEs here, sets its own.
   */
  client?: Partial<ImapFlowOptions>;
  /** A new connection is up (logged in, extensions settled). */
  onConnected(client: ImapFlow): void;
  /** The connection failed or was lost; a reconnect is already scheduled. Not called after `stop()`. */
  onLost(loss: ConnectionLoss): void;
}

export class SyncConnection {
  private readonly o: SyncConnectionOptions;
  private current: ImapFlow | null = null;
  private connecting: Promise<void> | null = null;
  private failures = 0;
  /** Faults of Switchboard's own in a row: from the third the agent is asked to send the log. */
  private ownFaults = 0;
  private cancelRetry: (() => void) | null = null;
  private stopped = false;
  private connectedOnce = false;

  constructor(o: SyncConnectionOptions) {
    this.o = o;
  }

  /** The live connection, or null. */
  get client(): ImapFlow | null {
    return this.current;
  }

  /** A connection attempt is running. */
  get pending(): boolean {
    return this.connecting !== null;
  }

  /** Real work succeeded on this connection: the next failure starts the backoff from its shortest delay. */
  healthy(): void {
    this.failures = 0;
    this.ownFaults = 0;
  }

  connect(): Promise<void> {
    if (this.stopped || this.current?.usable) return Promise.resolve();
    if (this.connecting) return this.connecting;
    this.cancelRetry?.();
    this.cancelRetry = null;
    const attempt = this.attempt();
    const tracked = attempt.finally(() => {
      if (this.connecting === tracked) this.connecting = null;
    });
    this.connecting = tracked;
    return tracked;
  }

  private async attempt(): Promise<void> {
    const { extensions } = this.o;
    const useQresync = extensions?.qresync !== false && extensions?.condstore !== false;
    const client = createImapClient(this.o.imap, this.o.timeouts, { disableAutoIdle: true, qresync: useQresync, ...this.o.client });
    client.on('error', (err: Error) => this.lose(client, err));
    try {
      await client.connect();
    } catch (err) {
      this.current = client;
      this.lose(client, err);
      return;
    }
    if (this.stopped) {
      await closeGracefully(client, this.o.clock);
      return;
    }
    // imapflow enables CONDSTORE whenever offered; without it in `enabled` no modseq is ever asked for.
    if (extensions?.condstore === false) client.enabled.delete('CONDSTORE');
    this.current = client;
    this.connectedOnce = true;
    client.on('close', () => this.lose(client, null));
    this.o.log.info('connected', { host: this.o.imap.host, port: this.o.imap.port });
    this.o.onConnected(client);
  }

  /** The connection `client` is gone (err null: closed by the server or the network). */
  lose(client: ImapFlow, err: unknown): void {
    if (client !== this.current) return;
    this.current = null;
    client.close();
    if (this.stopped) return;
    const { host, port } = this.o.imap;
    const classified = err
      ? classifyConnectionError(err, { protocol: 'imap', host, port })
      : { problem: 'unknown' as const, message: sentence('connectionLost', { host }), detail: null };
    const state = err ? healthStateFor(err, classified.problem) : 'offline';
    // A bug that recurs on every retry is not going away by itself: after a few, say so and ask for the log.
    this.ownFaults = classified.problem === 'internal' ? this.ownFaults + 1 : 0;
    const repeating = this.ownFaults >= REPEATS_WORTH_REPORTING;
    // The work loop's failures include this computer's own (disk full) and ours (a bug): logged as what they are.
    if (classified.problem === 'local-storage') this.o.log.error('the cache could not be written; retrying later', { detail: classified.detail });
    else if (classified.problem === 'internal')
      this.o.log.error(repeating ? 'sync stopped on an unexpected error again; retrying later' : 'sync stopped on an unexpected error; retrying later', {
        err,
        detail: classified.detail,
        inARow: this.ownFaults,
      });
    else this.o.log.warn('connection failed', { state, problem: classified.problem, detail: classified.detail });
    this.scheduleReconnect(state === 'auth-failed');
    this.o.onLost({ state, message: repeating ? sentence('internalRepeating', { count: String(this.ownFaults) }) : this.sayLoss(classified) });
  }

  /**
   * "Check the port and security settings" is advice for a new account. For
   * a server that worked before, refusing or not answering means it is down
   * or restarting: say so, and that the sync keeps trying.
   */
  private sayLoss(classified: ClassifiedError): Sentence {
    const serverDown = classified.problem === 'connection-refused' || classified.problem === 'timeout';
    if (!serverDown || !(this.connectedOnce || this.o.workedBefore?.() === true)) return classified.message;
    return sentence('serverNotAnswering', { host: this.o.imap.host });
  }

  private scheduleReconnect(slow: boolean): void {
    if (this.stopped || this.cancelRetry) return;
    const policy = this.o.backoff ?? defaultBackoff;
    const delay = slow ? policy.maxMs : backoffDelay(this.failures, policy, this.o.random);
    this.failures++;
    this.o.log.info('reconnecting later', { delayMs: delay });
    this.cancelRetry = this.o.clock.schedule(delay, () => {
      this.cancelRetry = null;
      void this.connect();
    });
  }

  /** Closes the connection and waits for a running attempt; nothing reconnects afterwards. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelRetry?.();
    this.cancelRetry = null;
    const client = this.current;
    this.current = null;
    if (client) await closeGracefully(client, this.o.clock);
    await this.connecting?.catch(() => {});
  }
}
