/**
 * A simulated desktop for team-sync tests: its own in-memory cache (all
 * migrations), its own ManualClock and HLC, a replica, and a client of a
 * shared SimFolder. Like the transport, it opens the folder again after
 * any failure.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { insertAccount } from '../../../src-main/core/db/accounts.repo.ts';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { setSetting } from '../../../src-main/core/db/settings.repo.ts';
import { opsWithEntityPrefix } from '../../../src-main/core/db/team.repo.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import { createLocalActor } from '../../../src-main/core/team/local-actor.ts';
import type { LocalActor } from '../../../src-main/core/team/local-actor.ts';
import type { Op } from '../../../src-main/core/team/ops.ts';
import { foldOps } from '../../../src-main/core/team/ops.ts';
import type { TeamKey } from '../../../src-main/core/team/team-crypto.ts';
import { TeamReplica } from '../../../src-main/core/team/team-replica.ts';
import type { SimFolder, SimFolderClient } from './sim-folder.ts';

export const SIM_START = Date.UTC(2026, 2, 2, 9, 0, 0);

export interface SimDesktop {
  name: string;
  db: Db;
  clock: ManualClock;
  actor: LocalActor;
  replica: TeamReplica;
  folder: SimFolderClient;
  opened: boolean;
}

export function openCache(): { db: Db; accountId: number } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const accountId = insertAccount(db, { kind: 'imap', name: 'Support', email: 'support@example.test', imap: null, smtp: null, secret: null, createdAt: 0 });
  return { db, accountId };
}

export function simDesktop(
  folder: SimFolder,
  index: number,
  o: { key?: TeamKey | null; skewMs?: number; maxOpsPerMessage?: number; fetchChunk?: number } = {},
): SimDesktop {
  const { db, accountId } = openCache();
  // A fixed node id per desktop keeps a failing fast-check run reproducible.
  setSetting(db, 'agent.node', (0xd0 + index).toString(16).padStart(16, '0'));
  const clock = new ManualClock(SIM_START + (o.skewMs ?? 0));
  const actor = createLocalActor(db, clock);
  const replica = new TeamReplica({
    db,
    accountId,
    actor,
    clock,
    log: silentLogger,
    folderName: 'Switchboard Team',
    key: o.key ?? null,
    maxOpsPerMessage: o.maxOpsPerMessage ?? 4,
    fetchChunk: o.fetchChunk ?? 3,
  });
  const name = `desk${index}`;
  return { name, db, clock, actor, replica, folder: folder.client(name), opened: false };
}

/** Runs a folder step as the transport would: (re)open first, and after a failure open again next time. */
export async function online<T>(d: SimDesktop, step: () => Promise<T>): Promise<T | null> {
  try {
    if (!d.opened) {
      await d.replica.open(d.folder);
      d.opened = true;
    }
    return await step();
  } catch {
    d.opened = false;
    return null;
  }
}

export function allOps(db: Db): Op[] {
  return opsWithEntityPrefix(db, '');
}

/** The folded state as a sorted list of [cell, winning hlc, value] for comparison. */
export function foldedState(ops: Iterable<Op>): Array<[string, string, string]> {
  return [...foldOps(ops).entries()]
    .map(([cell, op]): [string, string, string] => [cell, op.hlc, JSON.stringify(op.value)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
