/**
 * The second connection of an account: it only selects INBOX and IDLEs, so
 * new mail, expunges and flag changes made elsewhere are pushed to us within
 * a second while the sync connection is busy with a long initial sync or
 * with other folders. It never writes to the cache; it tells AccountSync
 * what kind of change happened and the sync connection does the rest.
 *
 * Servers without IDLE are polled by imapflow (NOOP every few seconds), the
 * fallback the protocol allows. Its own connection failures are retried with
 * backoff and jitter through the Clock and do not change the account's
 * health: the sync connection reports that.
 */
import type { ImapFlow } from 'imapflow';
import type { ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { BackoffPolicy } from './backoff.ts';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import type { ClientTimeouts } from './imap-client.ts';
import { closeGracefully, createImapClient } from './imap-client.ts';

export type MailboxChange = 'exists' | 'expunge' | 'flags';

export interface IdleWatcherOptions {
  imap: ServerSettings;
  path: string;
  log: Logger;
  clock: Clock;
  backoff?: BackoffPolicy;
  random?: () => number;
  timeouts?: ClientTimeouts;
  onChange(change: MailboxChange): void;
}

// Servers drop IDLE after 30 min (RFC 2177 says re-issue before); NAT boxes sooner.
const MAX_IDLE_MS = 4 * 60_000;
const LOGOUT_GRACE_MS = 1_000;

export class IdleWatcher {
  private readonly o: IdleWatcherOptions;
  private client: ImapFlow | null = null;
  private stopped = false;
  private failures = 0;
  private cancelRetry: (() => void) | null = null;

  constructor(o: IdleWatcherOptions) {
    this.o = o;
  }

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry?.();
    this.cancelRetry = null;
    const client = this.client;
    this.client = null;
    if (!client) return;
    await closeGracefully(client, this.o.clock, LOGOUT_GRACE_MS);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = createImapClient(this.o.imap, this.o.timeouts, { maxIdleTime: MAX_IDLE_MS, qresync: true });
    this.client = client;
    client.on('error', (err: Error) => this.lose(client, err));
    client.on('close', () => this.lose(client, null));
    const report = (path: string, change: MailboxChange): void => {
      if (path === this.o.path && client === this.client) this.o.onChange(change);
    };
    client.on('exists', (e) => report(e.path, 'exists'));
    client.on('expunge', (e) => report(e.path, 'expunge'));
    client.on('flags', (e) => report(e.path, 'flags'));
    try {
      await client.connect();
      await client.mailboxOpen(this.o.path);
      if (this.stopped || client !== this.client) return;
      this.failures = 0;
      // Changes between the sync connection's pass and this SELECT would otherwise go unnoticed.
      this.o.onChange('exists');
      client.idle().catch(() => undefined);
    } catch (err) {
      this.lose(client, err);
    }
  }

  private lose(client: ImapFlow, err: unknown): void {
    if (client !== this.client) return;
    this.client = null;
    client.close();
    if (this.stopped) return;
    this.o.log.debug('idle connection lost', { err });
    const delay = backoffDelay(this.failures++, this.o.backoff ?? defaultBackoff, this.o.random);
    this.cancelRetry = this.o.clock.schedule(delay, () => {
      this.cancelRetry = null;
      void this.connect();
    });
  }
}
