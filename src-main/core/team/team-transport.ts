/**
 * Team sync for one account: its own IMAP connection to the hidden team
 * folder, IDLE on it, and the replica's pull/push/compaction run when there
 * is something to do.
 *
 *   connect → open folder (create if missing) → push queued ops → pull → IDLE
 *   EXISTS in the folder → pull        local op recorded → push after `debounceMs`
 *   many messages in the folder → compaction after a random delay
 *   error/close → health offline|auth-failed|error → reconnect after backoff
 *
 * Invariants:
 * - Folder work never overlaps: one worker runs the wanted steps (push,
 *   pull, compact) one after another; requests made meanwhile are merged.
 * - Every wait goes through the Clock (debounce, backoff, compaction delay).
 * - Ops made while offline stay queued in the op log and are pushed first
 *   thing after each (re)connect.
 * - Nothing here throws at the caller; problems show up in `health`.
 */
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import type { Sentence, ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { unsentOpCount } from '../db/team.repo.ts';
import type { Logger } from '../log.ts';
import type { BackoffPolicy } from '../sync/backoff.ts';
import type { ClientTimeouts } from '../sync/imap-client.ts';
import { SyncConnection } from '../sync/sync-connection.ts';
import type { TeamMessageProblem } from './batch-codec.ts';
import { describeProblem } from './batch-codec.ts';
import type { CompactionResult } from './compaction.ts';
import { compactTeamFolder, DEFAULT_COMPACTION_MIN_AGE_MS } from './compaction.ts';
import { DEFAULT_TEAM_FOLDER, ImapTeamFolder } from './imap-team-folder.ts';
import type { LocalActor } from './local-actor.ts';
import type { TeamKey } from './team-crypto.ts';
import { TeamReplica } from './team-replica.ts';

export type TeamHealthState = 'connecting' | 'connected' | 'offline' | 'auth-failed' | 'error';

export interface TeamHealth {
  state: TeamHealthState;
  /** Epoch ms of the last complete read of the team folder ("last heard from the team"). */
  lastHeardAt: number | null;
  /** Plain-words connection error, kept until the next successful read. */
  lastError: Sentence | null;
  /** Local changes not yet delivered to the team. */
  unsentOps: number;
  /** Why some team changes cannot be used here (passphrase...), in plain words; null when all is readable. */
  problem: Sentence | null;
  problemKind: TeamMessageProblem | null;
}

export interface TeamTransportOptions {
  db: Database;
  accountId: number;
  imap: ServerSettings;
  actor: LocalActor;
  log: Logger;
  key: TeamKey | null;
  clock?: Clock;
  folderName?: string;
  onRemoteChanges(entities: string[]): void;
  onHealth?(health: TeamHealth): void;
  /** Wait after a local change before sending, so a burst becomes one message (default 300 ms). */
  debounceMs?: number;
  maxOpsPerMessage?: number;
  /** Compact when the folder holds more messages than this (default 500). */
  compactAbove?: number;
  /** Compaction starts after a random delay up to this, so desktops rarely compact together (default 30 s). */
  compactionJitterMs?: number;
  compactionMinAgeMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  timeouts?: ClientTimeouts;
}

// Servers drop IDLE after 30 min (RFC 2177: re-issue before); NAT boxes sooner.
const MAX_IDLE_MS = 4 * 60_000;
// Worst first: the one the agent can fix comes before the ones they can only report.
const PROBLEM_ORDER: TeamMessageProblem[] = ['sealed-no-passphrase', 'sealed-other-passphrase', 'tampered', 'unsealed-refused', 'unsupported-version', 'malformed', 'foreign'];

interface Wanted {
  push: boolean;
  pull: boolean;
  compact: boolean;
  repair: boolean;
}

export class TeamTransport {
  readonly replica: TeamReplica;
  private readonly o: TeamTransportOptions;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly folderName: string;
  private healthNow: TeamHealth;
  private started = false;
  private stopped = false;
  /** Connecting, losing and backing off are the sync's own (sync-connection.ts); opening the folder is ours. */
  private readonly connection: SyncConnection;
  private folder: ImapTeamFolder | null = null;
  /** Opening the team folder on the newest connection (then pushing and pulling). */
  private opening: Promise<void> | null = null;
  private cancelDebounce: (() => void) | null = null;
  private cancelCompaction: (() => void) | null = null;
  private readonly wanted: Wanted = { push: false, pull: false, compact: false, repair: false };
  private worker: Promise<void> | null = null;
  /** Requests made / requests the worker has fully served: callers wait for their ticket. */
  private requested = 0;
  private completed = 0;
  private lastCompaction: CompactionResult | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(o: TeamTransportOptions) {
    this.o = o;
    this.clock = o.clock ?? systemClock;
    this.log = o.log;
    this.folderName = o.folderName ?? DEFAULT_TEAM_FOLDER;
    this.replica = new TeamReplica({
      db: o.db,
      accountId: o.accountId,
      actor: o.actor,
      clock: this.clock,
      log: o.log,
      folderName: this.folderName,
      key: o.key,
      ...(o.maxOpsPerMessage ? { maxOpsPerMessage: o.maxOpsPerMessage } : {}),
    });
    this.connection = new SyncConnection({
      imap: o.imap,
      clock: this.clock,
      log: o.log,
      ...(o.timeouts ? { timeouts: o.timeouts } : {}),
      ...(o.backoff ? { backoff: o.backoff } : {}),
      ...(o.random ? { random: o.random } : {}),
      // The team IDLEs on this connection itself (no second one), re-issued before servers or NAT boxes drop it.
      client: { disableAutoIdle: false, qresync: false, maxIdleTime: MAX_IDLE_MS },
      onConnected: (client) => {
        this.opening = this.open(client);
      },
      onLost: (loss) => {
        this.folder = null;
        this.setHealth({ state: loss.state, lastError: loss.message });
      },
    });
    const status = this.replica.status();
    this.healthNow = { state: 'offline', lastHeardAt: status.lastHeardAt, lastError: null, unsentOps: status.unsentOps, problem: null, problemKind: null };
  }

  get health(): TeamHealth {
    return this.healthNow;
  }

  /** The account whose mailbox carries the team folder (claims are ordered there). */
  get accountId(): number {
    return this.o.accountId;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.unsubscribe = this.o.actor.onRecorded(() => this.flushSoon());
    this.setHealth({ state: 'connecting' });
    void this.connect();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    for (const cancel of [this.cancelDebounce, this.cancelCompaction]) cancel?.();
    this.cancelDebounce = this.cancelCompaction = null;
    this.folder = null;
    await this.connection.stop();
    await this.opening?.catch(() => {});
    await this.worker?.catch(() => {});
    this.setHealth({ state: 'offline' });
  }

  /** Sends queued changes soon (debounced): called for every local change. */
  flushSoon(): void {
    this.setHealth({ unsentOps: unsentOpCount(this.o.db) });
    if (this.stopped || this.cancelDebounce) return;
    this.cancelDebounce = this.clock.schedule(this.o.debounceMs ?? 300, () => {
      this.cancelDebounce = null;
      this.request({ push: true });
    });
  }

  /** Pushes and pulls now (reconnecting at once when offline); resolves when done. */
  async syncNow(): Promise<void> {
    if (!this.started || this.stopped) return;
    if (!this.client?.usable) return this.connect();
    await this.opening;
    await this.request({ push: true, pull: true });
  }

  /**
   * Pushes and pulls if connected, without forcing a reconnect (the backoff
   * keeps its pace): for loops like the claim protocol. False when offline.
   */
  async syncIfConnected(): Promise<boolean> {
    if (!this.started || this.stopped || !this.client?.usable || !this.folder) return false;
    await this.request({ push: true, pull: true });
    return this.client?.usable === true;
  }

  /** Compacts now (on demand); null when offline or nothing was worth compacting. */
  async compactNow(): Promise<CompactionResult | null> {
    if (!this.client?.usable) return null;
    this.lastCompaction = null;
    await this.request({ compact: true });
    return this.lastCompaction;
  }

  /* ---------------------------------------------------------------- connection */

  private get client(): ImapFlow | null {
    return this.connection.client;
  }

  /** Connects (at once, whatever the backoff) and waits until the folder is open and synced, or the attempt failed. */
  private async connect(): Promise<void> {
    if (this.stopped) return;
    await this.connection.connect();
    await this.opening;
  }

  private async open(client: ImapFlow): Promise<void> {
    const folder = new ImapTeamFolder(client, this.folderName);
    try {
      const { changed } = await this.replica.open(folder);
      if (client !== this.client || this.stopped) return;
      this.folder = folder;
      // A folder that was rebuilt or recreated may have lost messages: restore it from what we know.
      if (changed) this.wanted.repair = true;
    } catch (err) {
      this.connection.lose(client, err);
      return;
    }
    client.on('exists', (e: { path: string }) => {
      if (e.path === folder.mailboxPath) void this.request({ pull: true });
    });
    this.log.info('team folder open', { folder: folder.mailboxPath });
    await this.request({ push: true, pull: true });
  }

  /* ---------------------------------------------------------------- work */

  /** Adds to what the worker should do; resolves once that is done (or the connection is gone). */
  private async request(more: Partial<Wanted>): Promise<void> {
    for (const k of Object.keys(more) as Array<keyof Wanted>) if (more[k]) this.wanted[k] = true;
    const ticket = ++this.requested;
    while (this.completed < ticket) {
      // Until the folder is open there is nothing to work on (open() asks for push and pull itself).
      if (!this.client?.usable || !this.folder || this.stopped) return;
      if (!this.worker) {
        const run: Promise<void> = this.work().finally(() => {
          if (this.worker === run) this.worker = null;
        });
        this.worker = run;
      }
      await this.worker;
    }
  }

  private async work(): Promise<void> {
    for (;;) {
      const client = this.client;
      const folder = this.folder;
      if (!client?.usable || !folder || this.stopped) return;
      const upTo = this.requested;
      const w = { ...this.wanted };
      Object.assign(this.wanted, { push: false, pull: false, compact: false, repair: false });
      if (!w.push && !w.pull && !w.compact && !w.repair) {
        this.completed = upTo;
        break;
      }
      try {
        if (w.push) await this.replica.push(folder);
        if (w.pull) {
          const pulled = await this.replica.pull(folder);
          this.connection.healthy();
          if (pulled.entities.size > 0) this.o.onRemoteChanges([...pulled.entities]);
          this.maybeScheduleCompaction();
        }
        if (w.compact || w.repair) {
          this.lastCompaction = await compactTeamFolder(this.replica, folder, {
            minAgeMs: this.o.compactionMinAgeMs ?? DEFAULT_COMPACTION_MIN_AGE_MS,
            repair: w.repair,
          });
        }
      } catch (err) {
        // Unsent ops stay queued; the reconnect pushes them.
        this.wanted.push = true;
        this.connection.lose(client, err);
        return;
      }
      this.completed = upTo;
      this.reportStatus({ state: 'connected', lastError: null });
    }
    // Listen for the team right away rather than after imapflow's auto-IDLE delay.
    this.client?.idle({ whenFree: true }).catch(() => {});
  }

  private maybeScheduleCompaction(): void {
    if (this.cancelCompaction || this.replica.status().folderMessages <= (this.o.compactAbove ?? 500)) return;
    const random = this.o.random ?? Math.random;
    this.cancelCompaction = this.clock.schedule(Math.round(random() * (this.o.compactionJitterMs ?? 30_000)), () => {
      this.cancelCompaction = null;
      void this.request({ compact: true });
    });
  }

  /* ---------------------------------------------------------------- health */

  private reportStatus(patch: Partial<TeamHealth>): void {
    const status = this.replica.status();
    const problemKind = PROBLEM_ORDER.find((p) => (status.problems[p] ?? 0) > 0) ?? null;
    this.setHealth({
      ...patch,
      lastHeardAt: status.lastHeardAt,
      unsentOps: status.unsentOps,
      problemKind,
      problem: problemKind ? describeProblem(problemKind) : null,
    });
  }

  private setHealth(patch: Partial<TeamHealth>): void {
    const next: TeamHealth = { ...this.healthNow, ...patch };
    const prev = this.healthNow;
    this.healthNow = next;
    const same = (Object.keys(next) as Array<keyof TeamHealth>).every((k) => next[k] === prev[k]);
    if (!same) this.o.onHealth?.(next);
  }
}
