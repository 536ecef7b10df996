/**
 * Listing header batches on a second connection, in a worker thread.
 *
 * Why: once threading waits for its own pass (a large pass lists first), the
 * header phase is one thread doing three things in turn: imapflow reading the
 * server's responses, parsing the header blocks, and storing the rows. The
 * first two are pure work on bytes, so a worker with its own read-only
 * connection does them for the next batches while the main thread stores
 * the current one, and the second core works too (docs/decisions.md, "Where
 * the header phase's time goes", ninth pass).
 *
 * Invariants:
 * - Every `list` call is answered: with prepared rows, or with null when the
 *   worker cannot serve it (no worker file, start or login failed, died,
 *   UIDVALIDITY changed, no answer within the deadline). The caller then
 *   lists that batch on its own connection; the first failure retires the
 *   worker for good, so a broken second connection costs one batch's wait.
 * - The worker only reads (EXAMINE) and prepares; the main thread stores, on
 *   the one database connection, in the order of its batches.
 * - The worker exists only during a large pass (folder-sync.ts asks for it
 *   from DEFER_THREADING_AT new messages on) and is closed with the pass, so
 *   its memory and its connection are not held for the rest of the sync.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry.ts';
import type { ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { PreparedHeaders } from './header-batch.ts';
import type { ClientTimeouts } from './imap-client.ts';
import type { ListingRequest, ListingStart } from './listing-protocol.ts';
import { isListingReply } from './listing-protocol.ts';

export type ListingAsk = Omit<ListingRequest, 'id'>;

export interface HeaderLister {
  /** False once the lister has failed: asking it again only returns null. */
  readonly usable: boolean;
  /**
   * The worker has loaded its modules and tried to log in (a second or two after
   * it started): until then the pass lists on its own connection rather than wait.
   */
  readonly ready: boolean;
  list(ask: ListingAsk): Promise<PreparedHeaders | null>;
  close(): void;
}

/** Set to 1 to list on the sync connection only (diagnostics: what the worker costs and gains). */
export const NO_LISTING_WORKER_ENV = 'SWITCHBOARD_NO_LISTING_WORKER';

// Longer than any header batch takes on a working connection; a worker stuck longer (a server that accepts the
// connection and never answers) is given up, and the main thread lists on the connection it already has.
export const LIST_DEADLINE_MS = 30_000;

// The worker holds at most a few batches of header rows; a small young generation keeps its share of core's memory low.
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

interface Pending {
  resolve(prepared: PreparedHeaders | null): void;
  cancelDeadline(): void;
}

class WorkerLister implements HeaderLister {
  private worker: Worker | null;
  private nextId = 1;
  private loaded = false;
  private readonly pending = new Map<number, Pending>();
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(worker: Worker, clock: Clock, log: Logger) {
    this.worker = worker;
    this.clock = clock;
    this.log = log;
    worker.on('message', (reply: unknown) => this.answer(reply));
    worker.on('error', (err) => this.fail('the listing worker failed', err));
    worker.on('exit', (code) => this.fail('the listing worker exited', code));
  }

  get usable(): boolean {
    return this.worker !== null;
  }

  get ready(): boolean {
    return this.worker !== null && this.loaded;
  }

  list(ask: ListingAsk): Promise<PreparedHeaders | null> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise<PreparedHeaders | null>((resolve) => {
      const cancelDeadline = this.clock.schedule(LIST_DEADLINE_MS, () => this.fail('the listing worker did not answer in time', { folder: ask.path }));
      this.pending.set(id, { resolve, cancelDeadline });
      worker.postMessage({ ...ask, id } satisfies ListingRequest);
    });
  }

  private answer(reply: unknown): void {
    if (reply === 'ready') {
      this.loaded = true;
      return;
    }
    if (!isListingReply(reply)) {
      this.fail('the listing worker sent a malformed reply', null);
      return;
    }
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    p.cancelDeadline();
    if (reply.ok) {
      p.resolve(reply.prepared);
      return;
    }
    p.resolve(null);
    this.fail('listing on the second connection failed', reply.error);
  }

  /** Retires the worker: every pending and later request is answered null (the caller lists it itself). */
  private fail(what: string, detail: unknown): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.log.warn(`${what}; listing on the sync connection`, { detail: detail instanceof Error ? detail.message : detail });
    this.answerPendingNull();
    void worker.terminate();
  }

  private answerPendingNull(): void {
    for (const p of this.pending.values()) {
      p.cancelDeadline();
      p.resolve(null);
    }
    this.pending.clear();
  }

  close(): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.answerPendingNull();
    // LOGOUT first; a worker that cannot say goodbye within the grace period is ended anyway.
    worker.removeAllListeners('exit');
    worker.on('error', () => undefined);
    worker.postMessage('close');
    const kill = setTimeout(() => void worker.terminate(), 2_000);
    kill.unref();
    worker.once('exit', () => clearTimeout(kill));
  }
}

/** A lister for one large pass (it starts logging in at once), or null when no worker can run here (the pass then lists on its own connection). */
export function startHeaderLister(imap: ServerSettings, timeouts: ClientTimeouts, clock: Clock, log: Logger): HeaderLister | null {
  const file = process.env[NO_LISTING_WORKER_ENV] === '1' ? null : workerEntry(import.meta.url, 'listing-worker');
  if (!file) return null;
  try {
    const worker = new Worker(file, { workerData: { imap, timeouts } satisfies ListingStart, resourceLimits: WORKER_LIMITS });
    return new WorkerLister(worker, clock, log);
  } catch (err) {
    log.warn('the listing worker could not start; listing on the sync connection', { err });
    return null;
  }
}

/**
 * The lister of one pass: started when first wanted, at most once a pass (a
 * second connection that failed is not tried again until the next pass), and
 * closed when the pass ends.
 */
export class PassLister {
  private readonly start: () => HeaderLister | null;
  private lister: HeaderLister | null = null;
  private tried = false;

  constructor(start: () => HeaderLister | null) {
    this.start = start;
  }

  get(): HeaderLister | null {
    if (!this.tried) {
      this.tried = true;
      this.lister = this.start();
    }
    return this.lister?.usable ? this.lister : null;
  }

  end(): void {
    this.lister?.close();
    this.lister = null;
    this.tried = false;
  }
}
