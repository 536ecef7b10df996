/**
 * Replays the write-back queue (db/writeback.repo.ts) on a connected client,
 * in queue order.
 *
 * Consecutive ops of the same kind and arguments (a bulk "mark read", an
 * archive of 50 messages) become one command per source folder; their order
 * relative to the ops around them is kept.
 *
 * Invariants:
 * - An op's effect on the cache (new location after a move, flags of the
 *   location, removed locations) is recorded in the same transaction that
 *   takes the op off the queue. A crash between the server's answer and that
 *   commit replays the op: flags are idempotent; a move of a UID that is no
 *   longer there does nothing and the target's sync finds the message.
 * - A lost connection stops the replay and leaves the op queued. A command
 *   the server rejects is counted; after MAX_ATTEMPTS it is dropped and its
 *   optimistic effect undone (the agent sees the server's truth again)
 *   rather than blocking every later change forever.
 * - Locations are addressed only under the folder's current UIDVALIDITY.
 */
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import type { Clock } from '../clock.ts';
import type { FolderRow } from '../db/folders.repo.ts';
import { getFolder, updateFolderSyncState } from '../db/folders.repo.ts';
import type { ServerLocation, WritebackOp } from '../db/writeback.repo.ts';
import {
  completeOp,
  dropOp,
  locationsHiddenBy,
  pendingOps,
  recordOpFailure,
  removeMovedLocation,
  serverLocationsOf,
  setLocationFlags,
  settlePlaceholder,
} from '../db/writeback.repo.ts';
import type { Logger } from '../log.ts';
import { uidSet } from './header-batch.ts';

export interface ReplayContext {
  db: Database;
  accountId: number;
  client: ImapFlow;
  clock: Clock;
  log: Logger;
  onChanged(messageRowIds: number[]): void;
}

export const MAX_ATTEMPTS = 3;

export class CommandRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandRejected';
  }
}

/** imapflow answers a rejected STORE/MOVE with `false`; a dead connection is not a rejection. */
function checkOk<T>(client: ImapFlow, result: T | false | undefined, what: string): T {
  if (result !== false && result !== undefined) return result;
  if (!client.usable) throw new Error(`The connection was lost during ${what}.`);
  throw new CommandRejected(`The server refused ${what}.`);
}

/** The server answered NO/BAD (as opposed to the connection failing). */
export function isRejection(err: unknown): boolean {
  if (err instanceof CommandRejected) return true;
  const status = (err as { responseStatus?: unknown }).responseStatus;
  return status === 'NO' || status === 'BAD';
}

function sameFlagsOp(a: WritebackOp, b: WritebackOp): boolean {
  if (a.kind !== 'flags' || b.kind !== 'flags') return false;
  const key = (op: typeof a): string => JSON.stringify([[...op.payload.add].sort(), [...op.payload.remove].sort()]);
  return key(a) === key(b);
}

/** Splits the queue into runs that one command per folder can carry. */
export function runsOf(ops: readonly WritebackOp[]): WritebackOp[][] {
  const runs: WritebackOp[][] = [];
  for (const op of ops) {
    const run = runs[runs.length - 1];
    const first = run?.[0];
    const fits =
      first !== undefined &&
      ((first.kind === 'flags' && sameFlagsOp(first, op)) ||
        (first.kind === 'move' && op.kind === 'move' && first.payload.toFolderId === op.payload.toFolderId) ||
        (first.kind === 'expunge' && op.kind === 'expunge'));
    if (run && fits) run.push(op);
    else runs.push([op]);
  }
  return runs;
}

function byFolder(locations: readonly ServerLocation[]): Map<number, ServerLocation[]> {
  const out = new Map<number, ServerLocation[]>();
  for (const l of locations) out.set(l.folderId, [...(out.get(l.folderId) ?? []), l]);
  return out;
}

class Replayer {
  private readonly ctx: ReplayContext;

  constructor(ctx: ReplayContext) {
    this.ctx = ctx;
  }

  /** Runs `fn` with `path` selected, if the folder still has the UIDVALIDITY the locations were made under. */
  private async inFolder(path: string, uidvalidity: number, fn: () => Promise<void>): Promise<void> {
    const lock = await this.ctx.client.getMailboxLock(path);
    try {
      const box = this.ctx.client.mailbox;
      if (box && Number(box.uidValidity) === uidvalidity) await fn();
    } finally {
      lock.release();
    }
  }

  async flags(run: WritebackOp[]): Promise<void> {
    const first = run[0];
    if (first?.kind !== 'flags') return;
    const { add, remove } = first.payload;
    const locations = run.flatMap((op) => serverLocationsOf(this.ctx.db, op.messageId));
    for (const group of byFolder(locations).values()) {
      const l0 = group[0];
      if (!l0) continue;
      const range = uidSet(group.map((l) => l.uid));
      await this.inFolder(l0.path, l0.uidvalidity, async () => {
        if (add.length > 0) checkOk(this.ctx.client, await this.ctx.client.messageFlagsAdd(range, add, { uid: true }), 'a flag change');
        if (remove.length > 0) checkOk(this.ctx.client, await this.ctx.client.messageFlagsRemove(range, remove, { uid: true }), 'a flag change');
      });
    }
    this.ctx.db.transaction(() => {
      for (const l of locations) {
        const next = new Set(l.flags.filter((f) => !remove.includes(f)));
        for (const f of add) next.add(f);
        setLocationFlags(this.ctx.db, l, [...next].sort());
      }
      for (const op of run) completeOp(this.ctx.db, op.id);
    })();
  }

  private async ensureFolder(folder: FolderRow): Promise<void> {
    if (folder.uidvalidity !== null) return;
    try {
      await this.ctx.client.mailboxCreate(folder.path);
    } catch (err) {
      // Created by someone else meanwhile is fine; anything else shows up when the move fails.
      this.ctx.log.debug('could not create folder', { path: folder.path, err });
    }
  }

  async move(run: WritebackOp[]): Promise<void> {
    const first = run[0];
    if (first?.kind !== 'move') return;
    const target = getFolder(this.ctx.db, first.payload.toFolderId);
    if (!target) {
      for (const op of run) dropOp(this.ctx.db, op.id);
      return;
    }
    await this.ensureFolder(target);
    const sources = run.flatMap((op) => locationsHiddenBy(this.ctx.db, op.id).map((l) => ({ op, l })));
    const landed = new Map<number, { uidvalidity: number; uid: number; flags: string[] }>();
    const moved: ServerLocation[] = [];
    for (const group of byFolder(sources.map((s) => s.l)).values()) {
      const l0 = group[0];
      if (!l0) continue;
      await this.inFolder(l0.path, l0.uidvalidity, async () => {
        const result = checkOk(this.ctx.client, await this.ctx.client.messageMove(uidSet(group.map((l) => l.uid)), target.path, { uid: true }), 'a move');
        moved.push(...group);
        for (const l of group) {
          const uid = result.uidMap?.get(l.uid);
          if (uid !== undefined && result.uidValidity !== undefined) {
            landed.set(l.messageId, { uidvalidity: Number(result.uidValidity), uid, flags: l.flags });
          }
        }
      });
    }
    this.ctx.db.transaction(() => {
      for (const l of moved) removeMovedLocation(this.ctx.db, l);
      for (const op of run) {
        const real = landed.get(op.messageId) ?? null;
        // Locations under a UIDVALIDITY the cache does not know yet would be wiped by the folder's first pass.
        const usable = real && (target.uidvalidity === null || target.uidvalidity === real.uidvalidity) ? real : null;
        settlePlaceholder(this.ctx.db, op.id, usable);
        completeOp(this.ctx.db, op.id);
      }
      // The target's next pass must look at it (and find the message by its dedupe key when UIDPLUS said nothing).
      if (landed.size < run.length) updateFolderSyncState(this.ctx.db, target.id, { highestmodseq: null });
    })();
  }

  async expunge(run: WritebackOp[]): Promise<void> {
    const sources = run.flatMap((op) => locationsHiddenBy(this.ctx.db, op.id));
    const done: ServerLocation[] = [];
    for (const group of byFolder(sources).values()) {
      const l0 = group[0];
      if (!l0) continue;
      await this.inFolder(l0.path, l0.uidvalidity, async () => {
        checkOk(this.ctx.client, await this.ctx.client.messageDelete(uidSet(group.map((l) => l.uid)), { uid: true }), 'a delete');
        done.push(...group);
      });
    }
    this.ctx.db.transaction(() => {
      for (const l of done) removeMovedLocation(this.ctx.db, l);
      for (const op of run) completeOp(this.ctx.db, op.id);
    })();
  }
}

/**
 * Replays what is queued for the account. Resolves with the number of ops
 * done and whether the server rejected one (the caller retries later);
 * throws when the connection is lost.
 */
export async function replayWriteback(ctx: ReplayContext): Promise<{ done: number; rejected: boolean }> {
  const replayer = new Replayer(ctx);
  let done = 0;
  for (;;) {
    const ops = pendingOps(ctx.db, ctx.accountId, 200);
    if (ops.length === 0) return { done, rejected: false };
    for (const run of runsOf(ops)) {
      try {
        if (run[0]?.kind === 'flags') await replayer.flags(run);
        else if (run[0]?.kind === 'move') await replayer.move(run);
        else await replayer.expunge(run);
        done += run.length;
        ctx.onChanged(run.map((op) => op.messageId));
      } catch (err) {
        if (!isRejection(err)) throw err;
        const message = err instanceof Error ? err.message : String(err);
        const dropped: number[] = [];
        ctx.db.transaction(() => {
          for (const op of run) {
            if (op.attempts + 1 >= MAX_ATTEMPTS) {
              dropOp(ctx.db, op.id);
              dropped.push(op.messageId);
            } else recordOpFailure(ctx.db, op.id, message);
          }
        })();
        ctx.log.warn('the server refused a queued change', { kind: run[0]?.kind, ops: run.length, dropped: dropped.length, message });
        if (dropped.length > 0) ctx.onChanged(dropped);
        return { done, rejected: true };
      }
    }
  }
}
