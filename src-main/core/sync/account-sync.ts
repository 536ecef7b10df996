/**
 * Keeps one account mirrored: all its folders, headers first, then threading, then bodies;
 * the agent's queued changes written back; reconnects with backoff.
 *
 * Two connections per account:
 * - the sync connection does all the work, one thing at a time, in this
 *   priority: write-back replay → bodies the agent asked for → folder passes
 *   → one batch of the threading queue (what a large pass listed with
 *   provisional conversations, pipeline/thread-queue.ts) → one batch of the
 *   body backfill → wait. Long passes let the first two
 *   run between their batches, so opening a message never waits for a 50,000
 *   message initial sync. Without a connection, the threading queue is
 *   drained all the same (threading-phase.ts), its progress shown;
 * - the idle connection (change-watch.ts) IDLEs on INBOX and asks for an
 *   INBOX pass (new mail, flags) or a full pass (an expunge may be a move to
 *   another folder). Every other folder is polled by a full pass every
 *   `pollIntervalMs`; a full pass costs one LIST-STATUS when nothing changed.
 *
 * The write-back replay and the agent's requests are urgent-work.ts's.
 *
 * During a large pass (an initial sync, a desktop back after days) a third,
 * read-only connection lives in the listing worker (header-lister.ts): it
 * lists header batches while the sync connection's thread stores them, and
 * it is closed when the pass ends.
 *
 * Invariants:
 * - Passes never overlap (one loop per connection, one connection doing work).
 * - A message that lost its last location survives until a full pass that
 *   started after that completes without finding it again: a move made
 *   elsewhere is seen as "gone from INBOX" before "new in Archive".
 * - Every wait goes through the Clock. Connecting, noticing a lost
 *   connection and reconnecting with backoff is sync-connection.ts's job;
 *   this class reacts to "connected" and "lost".
 * - Health: `syncing` with progress while there is work, `connected` when
 *   idle, `offline`/`auth-failed`/`error` when the connection fails; the
 *   last error stays until a full pass completes. Nothing here throws at the
 *   caller: problems show up in `health`.
 */
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import type { AccountHealth, ServerSettings, SyncProgress } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { isCorruption, markCacheDamaged } from '../db/connection.ts';
import { getFolder, getFolderByPath, listFolders } from '../db/folders.repo.ts';
import { countPendingOps } from '../db/writeback.repo.ts';
import type { Logger } from '../log.ts';
import { HealthReporter } from './account-health.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { BodyContext } from './body-sync.ts';
import { BodyBackfill } from './body-sync.ts';
import { ChangeWatch } from './change-watch.ts';
import { classifyLocalError } from './classify-error.ts';
import { sentence } from '../sentences.ts';
import { finishFullPass, planFullPass } from './full-pass.ts';
import type { FolderSyncContext } from './folder-sync.ts';
import { DEFER_THREADING_AT, syncFolder } from './folder-sync.ts';
import { PassLister, startHeaderLister } from './header-lister.ts';
import type { ClientTimeouts } from './imap-client.ts';
import { PhaseProgress } from './progress.ts';
import type { ConnectionLoss } from './sync-connection.ts';
import { SyncConnection } from './sync-connection.ts';
import { ThreadingPhase } from './threading-phase.ts';
import { UrgentWork } from './urgent-work.ts';
import { WorkQueue } from './work-queue.ts';
import { isRejection } from './writeback-replay.ts';

export interface AccountSyncOptions {
  db: Database;
  dataDir: string;
  accountId: number;
  imap: ServerSettings;
  log: Logger;
  clock?: Clock;
  onHealth(health: AccountHealth): void;
  onMessagesChanged(messageRowIds: number[]): void;
  onFoldersChanged?(): void;
  /** Reconnect delays; default 2 s doubling to 5 min. */
  backoff?: BackoffPolicy;
  /** For tests: the jitter source, [0, 1). */
  random?: () => number;
  /** Header blocks per batch (default 500). */
  batchSize?: number;
  bodyBatchSize?: number;
  /** Queued messages threaded per transaction (default 1000). */
  threadBatchSize?: number;
  timeouts?: ClientTimeouts;
  /** The IDLE connection on INBOX (default on). */
  idle?: boolean;
  /** Fetch bodies in the background (default on); off, bodies come only when asked for. */
  bodies?: boolean;
  /** How often every folder is checked (default 60 s). */
  pollIntervalMs?: number;
  /** Folders never synced (e.g. the team-state folder). */
  skipFolder?: (path: string) => boolean;
  /**
   * IMAP extensions to use when the server offers them (default all). Off, the
   * sync takes the path a server without them gets: for servers whose
   * CONDSTORE/QRESYNC is known to be broken, and for tests of those paths.
   */
  extensions?: { condstore?: boolean; qresync?: boolean };
}


export class AccountSync {
  private readonly o: AccountSyncOptions;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly reporter: HealthReporter;
  private readonly backfill: BodyBackfill;
  private readonly threading: ThreadingPhase;
  private readonly work: WorkQueue;
  private readonly urgent: UrgentWork;
  private readonly changes: ChangeWatch;
  private started = false;
  private stopped = false;
  private readonly conn: SyncConnection;
  private loopDone: Promise<void> = Promise.resolve();
  private progress: PhaseProgress | null = null;
  private readonly lister: PassLister;
  /** Some message changed since the folder counts were last announced. */
  private countsChanged = false;

  constructor(o: AccountSyncOptions) {
    this.o = o;
    this.clock = o.clock ?? systemClock;
    this.log = o.log;
    this.reporter = new HealthReporter(this.clock, (h) => o.onHealth(h));
    this.backfill = new BodyBackfill(o.bodyBatchSize);
    this.threading = new ThreadingPhase({
      db: o.db,
      accountId: o.accountId,
      clock: this.clock,
      log: this.log,
      ...(o.threadBatchSize ? { batchSize: o.threadBatchSize } : {}),
      onThreaded: (ids) => o.onMessagesChanged(ids),
    });
    this.work = new WorkQueue(this.clock);
    this.urgent = new UrgentWork({ ...o, clock: this.clock, work: this.work });
    this.changes = new ChangeWatch({
      imap: o.imap,
      clock: this.clock,
      log: this.log,
      work: this.work,
      ...(o.idle === false ? { idle: false } : {}),
      ...(o.pollIntervalMs ? { pollIntervalMs: o.pollIntervalMs } : {}),
      ...(o.backoff ? { backoff: o.backoff } : {}),
      ...(o.random ? { random: o.random } : {}),
      ...(o.timeouts ? { timeouts: o.timeouts } : {}),
    });
    this.lister = new PassLister(() => startHeaderLister(o.imap, o.timeouts ?? {}, this.clock, this.log));
    this.conn = new SyncConnection({
      imap: o.imap,
      clock: this.clock,
      log: this.log,
      ...(o.timeouts ? { timeouts: o.timeouts } : {}),
      ...(o.backoff ? { backoff: o.backoff } : {}),
      ...(o.random ? { random: o.random } : {}),
      ...(o.extensions ? { extensions: o.extensions } : {}),
      // Synced on an earlier run: some folder has its UIDVALIDITY stored.
      workedBefore: () => listFolders(o.db, o.accountId).some((f) => f.uidvalidity !== null),
      onConnected: (client) => this.connected(client),
      onLost: (loss) => this.lost(loss),
    });
  }

  get health(): AccountHealth {
    return this.reporter.health;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.reporter.set({ state: 'syncing', progress: null });
    void this.conn.connect();
    this.threadWhileOffline();
  }

  /** A full pass now (or a reconnect at once when offline). Resolves when it is done or failed. */
  async syncNow(): Promise<void> {
    if (!this.started || this.stopped) return;
    const done = this.work.fullAndWait();
    if (!this.client?.usable) void this.conn.connect();
    return done;
  }

  /** Resolves once nothing is left to do (passes, write-back, bodies), or when the connection fails. */
  whenIdle(): Promise<void> {
    return this.stopped ? Promise.resolve() : this.work.whenIdle();
  }

  /** The agent queued changes (db/writeback.repo.ts): replay them as soon as connected. */
  writebackQueued(): void {
    this.work.askWriteback();
  }

  /** Fetches the message's body before anything else. False when offline or not on the server. */
  ensureBody(messageId: number): Promise<boolean> {
    return this.request('body', messageId);
  }

  /** Writes the message's attachment files again from the server. */
  ensureAttachments(messageId: number): Promise<boolean> {
    return this.request('attachments', messageId);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.work.signal();
    await Promise.all([this.changes.stop(), this.conn.stop()]);
    await this.loopDone.catch(() => {});
    this.urgent.failAll();
    this.work.settle();
    this.reporter.set({ state: 'offline', progress: null });
  }

  /* ---------------------------------------------------------------- connection */

  private get client(): ImapFlow | null {
    return this.conn.client;
  }

  private connected(client: ImapFlow): void {
    this.work.reset(countPendingOps(this.o.db, this.o.accountId) > 0);
    this.loopDone = this.runLoop(client);
  }

  /** The connection is gone (sync-connection.ts has scheduled the reconnect): stop what depended on it. */
  private lost(loss: ConnectionLoss): void {
    void this.changes.disarm();
    this.progress = null;
    this.work.signal();
    this.urgent.failAll();
    this.work.settle();
    this.reporter.set({ state: loss.state, progress: null, lastError: loss.message });
    this.threadWhileOffline();
  }

  /** Until a connection is up (the work loop then threads, one thing at a time), with its progress shown. */
  private threadWhileOffline(): void {
    const go = (): boolean => !this.stopped && this.client === null;
    this.threading.drainOffline(
      go,
      (progress) => this.reporter.set({ progress }),
      (err) => {
        if (isCorruption(err)) markCacheDamaged(this.o.db);
        this.reporter.set({ lastError: classifyLocalError(err)?.message ?? sentence('threadingFailed') });
      },
    );
  }

  /* ---------------------------------------------------------------- the work loop */

  private request(kind: 'body' | 'attachments', messageId: number): Promise<boolean> {
    // While (re)connecting the request waits for the connection; offline it is answered at once.
    if (this.stopped || (!this.client?.usable && !this.conn.pending)) return Promise.resolve(false);
    const answer = this.urgent.add(kind, messageId);
    this.work.signal();
    return answer;
  }

  private async runLoop(client: ImapFlow): Promise<void> {
    try {
      while (!this.stopped && client === this.client) {
        if (this.urgent.pending()) await this.urgent.run(client);
        else if (this.work.wantsFull()) await this.withLister(() => this.fullPass(client));
        else if (this.work.wantsFolders()) await this.withLister(() => this.folderPasses(client));
        else if (this.threading.pending()) await this.threadStep();
        else if (this.o.bodies !== false && this.backfill.hasWork(this.bodyContext(client))) await this.bodyStep(client);
        else {
          this.progress = null;
          this.reporter.set({ state: 'connected', progress: null });
          await this.work.wait();
        }
      }
    } catch (err) {
      // The agent is told to restart; the restart must then set the damaged cache aside.
      if (isCorruption(err)) markCacheDamaged(this.o.db);
      this.conn.lose(client, err);
    }
  }

  /** A pass's listing worker lives as long as the pass: its connection and memory are not held afterwards. */
  private async withLister(pass: () => Promise<void>): Promise<void> {
    try {
      await pass();
    } finally {
      this.lister.end();
    }
  }

  private bodyContext(client: ImapFlow): BodyContext {
    return { db: this.o.db, dataDir: this.o.dataDir, accountId: this.o.accountId, client, clock: this.clock, log: this.log };
  }

  private folderContext(client: ImapFlow): FolderSyncContext {
    return {
      db: this.o.db,
      dataDir: this.o.dataDir,
      accountId: this.o.accountId,
      client,
      clock: this.clock,
      log: this.log,
      ...(this.o.batchSize ? { headerBatchSize: this.o.batchSize } : {}),
      urgent: { pending: () => this.urgent.pending(), run: () => this.urgent.run(client) },
      lister: () => (this.stopped ? null : this.lister.get()),
      stopped: () => this.stopped || client !== this.client,
      onStored: (n) => this.advance('headers', n),
      onChanged: (ids) => {
        this.countsChanged = true;
        this.o.onMessagesChanged(ids);
      },
    };
  }

  private advance(phase: SyncProgress['phase'], count: number): void {
    if (this.progress?.phase !== phase) return;
    this.progress.add(count);
    this.reporter.set({ state: 'syncing', progress: this.progress.snapshot(this.clock.now()) });
  }

  private async fullPass(client: ImapFlow): Promise<void> {
    const waiters = this.work.takeFull();
    // A poll in the middle of the body backfill must not restart its progress bar.
    const bodies = this.progress?.phase === 'bodies' ? this.progress : null;
    const plan = await planFullPass(this.o.db, this.o.accountId, client, this.o.skipFolder);
    if (plan.foldersChanged) this.o.onFoldersChanged?.();
    // Starting the listing worker takes a second or two (its modules, LOGIN): it starts while the first folder is planned.
    if (plan.largest >= DEFER_THREADING_AT && !this.stopped) this.lister.get();
    if (plan.estimate > 0) {
      this.progress = new PhaseProgress('headers', plan.estimate, this.clock.now());
      this.reporter.set({ state: 'syncing', progress: this.progress.snapshot(this.clock.now()) });
    }
    let complete = true;
    for (const t of plan.todo) {
      if (client !== this.client || this.stopped) return;
      complete &&= await this.passOne(client, t.folder.id);
    }
    if (client !== this.client || this.stopped) return;
    if (complete) {
      const deleted = finishFullPass(this.o.db, plan);
      if (deleted.length > 0) {
        this.countsChanged = true;
        this.o.onMessagesChanged(deleted);
      }
    }
    this.announceCounts();
    this.conn.healthy();
    this.backfill.restart();
    this.progress = this.threading.pending()
      ? this.threading.progress()
      : this.o.bodies !== false && this.backfill.hasWork(this.bodyContext(client))
        ? this.bodiesProgress(client, bodies)
        : null;
    const now = this.clock.now();
    this.reporter.set({ state: this.progress ? 'syncing' : 'connected', progress: this.progress?.snapshot(now) ?? null, lastError: null, lastSyncAt: now });
    for (const w of waiters) w();
    this.changes.arm();
  }

  /** One folder; a folder the server refuses to open (deleted meanwhile) is skipped, not fatal. */
  private async passOne(client: ImapFlow, folderId: number): Promise<boolean> {
    const folder = getFolder(this.o.db, folderId);
    if (!folder) return false;
    try {
      return (await syncFolder(this.folderContext(client), folder)).complete;
    } catch (err) {
      if (!isRejection(err) || !client.usable) throw err;
      this.log.warn('folder could not be synced', { folder: folder.path, err });
      return false;
    }
  }

  private async folderPasses(client: ImapFlow): Promise<void> {
    for (const path of this.work.takeFolders()) {
      const folder = getFolderByPath(this.o.db, this.o.accountId, path);
      if (!folder) {
        this.work.askFull();
        continue;
      }
      await this.passOne(client, folder.id);
    }
    this.backfill.restart();
    this.announceCounts();
  }

  private announceCounts(): void {
    if (!this.countsChanged) return;
    this.countsChanged = false;
    this.o.onFoldersChanged?.();
  }

  /**
   * One batch of the threading queue (what a large pass listed with provisional conversations).
   * Database only: between batches the event loop runs, so the agent's requests are answered meanwhile.
   */
  private async threadStep(): Promise<void> {
    if (this.progress?.phase !== 'threading') {
      this.progress = this.threading.progress();
      this.reporter.set({ state: 'syncing', progress: this.progress.snapshot(this.clock.now()) });
    }
    this.advance('threading', await this.threading.step());
  }

  private async bodyStep(client: ImapFlow): Promise<void> {
    const ctx = this.bodyContext(client);
    if (this.progress?.phase !== 'bodies') {
      this.progress = this.bodiesProgress(client, null);
      this.reporter.set({ state: 'syncing', progress: this.progress.snapshot(this.clock.now()) });
    }
    const stored = await this.backfill.step(ctx);
    if (stored === null) {
      this.progress = null;
      return;
    }
    if (stored.length > 0) this.o.onMessagesChanged(stored);
    this.advance('bodies', stored.length);
  }

  /** The bodies phase's progress: the one running (grown by what arrived meanwhile), or a new one. */
  private bodiesProgress(client: ImapFlow, running: PhaseProgress | null): PhaseProgress {
    const remaining = this.backfill.remaining(this.bodyContext(client));
    if (!running) return new PhaseProgress('bodies', remaining, this.clock.now());
    running.grow(remaining - (running.total - running.done));
    return running;
  }
}
