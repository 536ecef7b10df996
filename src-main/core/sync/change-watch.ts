/**
 * How an account hears of changes made elsewhere once a full pass is done:
 * the idle connection (idle-watcher.ts) IDLEs on INBOX and asks for an INBOX
 * pass (new mail, flags) or a full pass (an expunge may be half of a move to
 * another folder); every other folder is polled by a full pass every
 * `pollIntervalMs`. Armed after each full pass, so a lost sync connection
 * polls nothing until it is back and has caught up.
 */
import type { ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { BackoffPolicy } from './backoff.ts';
import { IdleWatcher } from './idle-watcher.ts';
import type { ClientTimeouts } from './imap-client.ts';
import type { WorkQueue } from './work-queue.ts';

export interface ChangeWatchOptions {
  imap: ServerSettings;
  clock: Clock;
  log: Logger;
  work: WorkQueue;
  /** The IDLE connection on INBOX (default on). */
  idle?: boolean;
  /** How often every folder is checked (default 60 s). */
  pollIntervalMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  timeouts?: ClientTimeouts;
}

export class ChangeWatch {
  private readonly o: ChangeWatchOptions;
  private watcher: IdleWatcher | null = null;
  private cancelPoll: (() => void) | null = null;
  private stopped = false;

  constructor(o: ChangeWatchOptions) {
    this.o = o;
  }

  /** After a full pass: IDLE on INBOX if not yet, and the next poll one interval from now. */
  arm(): void {
    if (this.stopped) return;
    if (this.o.idle !== false && !this.watcher) {
      const { imap, clock, backoff, random, timeouts } = this.o;
      this.watcher = new IdleWatcher({
        imap,
        path: 'INBOX',
        log: this.o.log.child('idle'),
        clock,
        ...(backoff ? { backoff } : {}),
        ...(random ? { random } : {}),
        ...(timeouts ? { timeouts } : {}),
        onChange: (change) => {
          if (change === 'expunge') this.o.work.askFull();
          else this.o.work.askFolder('INBOX');
        },
      });
      this.watcher.start();
    }
    this.cancelPoll?.();
    this.cancelPoll = this.o.clock.schedule(this.o.pollIntervalMs ?? 60_000, () => {
      this.cancelPoll = null;
      this.o.work.askFull();
    });
  }

  /** The sync connection is gone: no polls and no IDLE until the next full pass arms them again. */
  disarm(): Promise<void> {
    this.cancelPoll?.();
    this.cancelPoll = null;
    const watcher = this.watcher;
    this.watcher = null;
    return watcher?.stop() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.disarm();
  }
}
