/**
 * Compaction of the team folder: one snapshot replaces many batches.
 *
 * A snapshot holds the winning op of every cell this desktop has in the
 * folder (received, or sent by itself), and lists by Message-ID exactly the
 * messages it replaces: the applied messages this desktop has read. Only
 * after every part of the snapshot was appended does its writer delete those
 * messages, by UID (\Deleted + UID EXPUNGE), never anything else.
 *
 * Invariant — nothing is lost, even with several desktops compacting at once:
 *   a message is deleted only by a desktop that read it completely and then
 *   appended a snapshot that dominates it (for each op of the message, the
 *   snapshot holds an op of the same cell with an equal or newer HLC).
 *   That snapshot was appended after the message, so it has a higher UID: a
 *   reader that listed the message but found it gone when fetching will still
 *   meet the snapshot further on. "Covers" can never form a cycle (a snapshot
 *   only covers messages that existed before it was written), so following
 *   the chain from any deleted message ends at a snapshot that still exists.
 *   Two desktops compacting at once each delete only what their own snapshot
 *   covers; the overlap is deleted twice (a no-op) and both snapshots remain
 *   until a later compaction covers them. Duplicate ops are harmless under
 *   last-writer-wins.
 *
 * What a snapshot drops are ops that lost their cell: they no longer matter
 * to the fold. Messages this desktop could not read (foreign, sealed for
 * another passphrase, dated in the future) are never covered, so never
 * deleted. Messages seen less than `minAgeMs` ago are left alone: the claim
 * protocol orders claims by their UID, which a snapshot would blur.
 */
import { coverableTeamMessages, removeTeamMessages, winningSentOps } from '../db/team.repo.ts';
import type { TeamFolder } from './team-folder.ts';
import type { TeamReplica } from './team-replica.ts';

export interface CompactionOptions {
  /** Leave messages seen less than this long ago (default 10 min). */
  minAgeMs?: number;
  /** Ops per snapshot message (default 20,000). */
  maxOpsPerSnapshot?: number;
  /** Write a snapshot even when nothing can be covered: restores a folder that lost messages. */
  repair?: boolean;
}

export interface CompactionResult {
  /** Messages the snapshot replaced and this desktop deleted. */
  deleted: number;
  snapshotParts: number;
  snapshotOps: number;
}

export const DEFAULT_COMPACTION_MIN_AGE_MS = 10 * 60_000;

export async function compactTeamFolder(replica: TeamReplica, folder: TeamFolder, options: CompactionOptions = {}): Promise<CompactionResult> {
  const uidValidity = replica.uidValidity;
  if (uidValidity === null) throw new Error('compactTeamFolder: open the folder first');
  const { db, accountId } = replica;
  const candidates = coverableTeamMessages(db, accountId, replica.clock.now() - (options.minAgeMs ?? DEFAULT_COMPACTION_MIN_AGE_MS));
  // Replacing a single message by a snapshot gains nothing.
  if (!options.repair && candidates.length < 2) {
    return { deleted: 0, snapshotParts: 0, snapshotOps: 0 };
  }
  const covers = [...new Set(candidates.map((c) => c.messageId).filter((id): id is string => id !== null))];
  const winners = winningSentOps(db);
  const per = Math.max(1, options.maxOpsPerSnapshot ?? 20_000);
  const parts = Math.max(1, Math.ceil(winners.length / per));
  for (let i = 0; i < parts; i++) {
    // The list of covered messages goes with the last part: the snapshot is complete only then.
    const last = i === parts - 1;
    await replica.appendMessage(folder, { kind: 'snapshot', ops: winners.slice(i * per, (i + 1) * per), covers: last ? covers : [] });
  }
  const uids = candidates.map((c) => c.uid);
  if (uids.length > 0) {
    await folder.expunge(uidValidity, uids);
    removeTeamMessages(db, accountId, uids);
  }
  replica.log.info('team folder compacted', { deleted: uids.length, snapshotOps: winners.length, parts });
  return { deleted: uids.length, snapshotParts: parts, snapshotOps: winners.length };
}
