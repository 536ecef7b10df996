/**
 * The work an agent is waiting on, served by the sync connection before
 * anything else and between the batches of a long pass: the write-back queue
 * (their triage changes, replayed in order) and the bodies or attachment
 * files the reading view asked for.
 */
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import type { Clock } from '../clock.ts';
import { countPendingOps } from '../db/writeback.repo.ts';
import type { Logger } from '../log.ts';
import type { BodyContext } from './body-sync.ts';
import { fetchBodyNow, refetchAttachments } from './body-sync.ts';
import type { FetchKind } from './fetch-requests.ts';
import { FetchRequests } from './fetch-requests.ts';
import type { WorkQueue } from './work-queue.ts';
import { isRejection, replayWriteback } from './writeback-replay.ts';

/** A rejected write-back op (the server said NO) is tried again after this long, not in a loop. */
const WRITEBACK_RETRY_MS = 15_000;

export interface UrgentWorkOptions {
  db: Database;
  dataDir: string;
  accountId: number;
  clock: Clock;
  log: Logger;
  work: WorkQueue;
  onMessagesChanged(messageRowIds: number[]): void;
  onFoldersChanged?(): void;
}

export class UrgentWork {
  private readonly o: UrgentWorkOptions;
  private readonly requests: FetchRequests;

  constructor(o: UrgentWorkOptions) {
    this.o = o;
    this.requests = new FetchRequests(o.clock);
  }

  /** Queues a request; it is answered exactly once (false when it cannot be served). */
  add(kind: FetchKind, messageId: number): Promise<boolean> {
    return this.requests.add(kind, messageId);
  }

  pending(): boolean {
    return this.o.work.writebackDue() || this.requests.pending();
  }

  /** Everything due now; a lost connection throws (the caller's loop ends), a refused message answers false. */
  async run(client: ImapFlow): Promise<void> {
    if (this.o.work.writebackDue()) await this.writeback(client);
    if (this.requests.pending()) await this.serveRequests(client);
  }

  /** No connection any more (lost or stopped): every waiting request is answered false. */
  failAll(): void {
    this.requests.failAll();
  }

  private async writeback(client: ImapFlow): Promise<void> {
    const { db, accountId, clock, log } = this.o;
    const result = await replayWriteback({ db, accountId, client, clock, log, onChanged: (ids) => this.o.onMessagesChanged(ids) });
    this.o.work.writebackDone(countPendingOps(db, accountId) > 0, result.rejected ? WRITEBACK_RETRY_MS : null);
    if (result.done > 0) this.o.onFoldersChanged?.();
  }

  private async serveRequests(client: ImapFlow): Promise<void> {
    const { db, dataDir, accountId, clock, log } = this.o;
    const ctx: BodyContext = { db, dataDir, accountId, client, clock, log };
    // A message the server refuses to give (NO) answers false; a lost connection ends the loop.
    const guard = (fn: (id: number) => Promise<boolean>) => async (id: number): Promise<boolean> => {
      try {
        return await fn(id);
      } catch (err) {
        if (isRejection(err)) return false;
        throw err;
      }
    };
    const served = (id: number): void => this.o.onMessagesChanged([id]);
    await this.requests.serve('body', guard((id) => fetchBodyNow(ctx, id)), served);
    await this.requests.serve('attachments', guard((id) => refetchAttachments(ctx, id)), served);
  }
}
