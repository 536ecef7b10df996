/**
 * One sync pass of one IMAP folder into the cache, over a connected client.
 *
 * Two kinds of pass:
 * - `full`: list every UID with its flags and size; mirror flag changes and
 *   expunges of stored UIDs; fetch every UID not stored yet (this also
 *   resumes an interrupted first sync, whatever `synced_uid` says); finally
 *   drop locations of an old UIDVALIDITY and messages left with no location.
 * - `new`: list only UIDs above `synced_uid` and fetch them (IDLE said EXISTS).
 *
 * Invariants:
 * - Messages are fetched in batches (≤ 200 messages and ≤ 32 MB by the sizes
 *   the server announced), newest first, so the agent sees today's mail first.
 *   Each batch is stored in ONE transaction together with the advance of
 *   `synced_uid`; a crash loses at most the batch in flight.
 * - `synced_uid` only ever means "every UID up to here is stored": with newest
 *   first it advances once the older batches fill the gap.
 * - A UIDVALIDITY change sets the new value and `synced_uid` 0, then resyncs;
 *   old locations stay until the end of the pass, so messages already stored
 *   are re-found by their dedupe key (same row, no duplicate, no flicker).
 * - `\Seen` from the server changes `messages.seen` only when it changed on
 *   the server (flags_json is the server's last known state).
 */
import type { Database } from 'better-sqlite3';
import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import type { Clock } from '../clock.ts';
import type { FolderRole } from '../db/folders.repo.ts';
import { updateFolderSyncState, upsertFolder } from '../db/folders.repo.ts';
import type { LocationKey } from '../db/messages.repo.ts';
import {
  deleteLocation,
  deleteLocationsOfOtherUidvalidity,
  deleteOrphanMessages,
  getLocation,
  listLocations,
  setSeen,
  updateLocationFlags,
} from '../db/messages.repo.ts';
import type { Logger } from '../log.ts';
import type { IngestInput } from '../mail/ingest.ts';
import { hasSeenFlag, prepareMessages, storePrepared } from '../mail/ingest.ts';

export type PassKind = 'full' | 'new';

export interface FolderSyncContext {
  db: Database;
  dataDir: string;
  accountId: number;
  client: ImapFlow;
  clock: Clock;
  log: Logger;
  batchSize?: number;
  batchBytes?: number;
  /** Messages to fetch in this pass, and how many are stored so far. */
  onProgress(done: number, total: number): void;
  /** After each commit that changed what the agent sees. */
  onChanged(messageRowIds: number[]): void;
  /** The server's list of messages was taken: expunges reported after this are not in this pass. */
  onListed?(): void;
}

export interface FolderTarget {
  path: string;
  role: FolderRole;
}

export interface PassResult {
  folderId: number;
  uidvalidity: number;
  fetched: number;
  removed: number;
}

interface ServerEntry {
  uid: number;
  flags: string[];
  size: number;
}

export const DEFAULT_BATCH_SIZE = 200;
export const DEFAULT_BATCH_BYTES = 32 * 1024 * 1024;

// \Recent belongs to one session (RFC 3501); storing it would make every new session look like a flag change.
export function flagList(flags: Iterable<string> | undefined): string[] {
  return [...(flags ?? [])].filter((f) => f.toLowerCase() !== '\\recent').sort();
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

/** Splits UIDs (already in fetch order) into batches bounded by count and announced bytes. */
export function planBatches(entries: readonly ServerEntry[], maxCount: number, maxBytes: number): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const e of entries) {
    if (current.length > 0 && (current.length >= maxCount || bytes + e.size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e.uid);
    bytes += e.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Applies the server's flags for one stored location. Returns the message row
 * id when something the agent sees changed (its read state), else null.
 */
export function applyServerFlags(db: Database, at: LocationKey, flags: Iterable<string>): number | null {
  const stored = getLocation(db, at);
  if (!stored) return null;
  const next = flagList(flags);
  if (sameFlags(stored.flags, next)) return null;
  updateLocationFlags(db, at, next);
  const wasSeen = hasSeenFlag(stored.flags);
  const isSeen = hasSeenFlag(next);
  if (wasSeen === isSeen) return null;
  setSeen(db, [stored.messageId], isSeen);
  return stored.messageId;
}

async function listServer(client: ImapFlow, range: string, byUid: boolean): Promise<ServerEntry[]> {
  const rows = await client.fetchAll(range, { uid: true, flags: true, size: true }, { uid: byUid });
  // Unsolicited FETCH responses (flag changes) can repeat a UID; the last one is the freshest.
  const byUidMap = new Map<number, ServerEntry>();
  for (const r of rows) if (typeof r.uid === 'number') byUidMap.set(r.uid, { uid: r.uid, flags: flagList(r.flags), size: r.size ?? 0 });
  return [...byUidMap.values()];
}

function internalDateOf(m: FetchMessageObject): number | undefined {
  if (!m.internalDate) return undefined;
  const t = new Date(m.internalDate).getTime();
  return Number.isFinite(t) ? t : undefined;
}

export async function syncFolder(ctx: FolderSyncContext, target: FolderTarget, requested: PassKind): Promise<PassResult> {
  const { db, client, log } = ctx;
  const lock = await client.getMailboxLock(target.path);
  try {
    const box = client.mailbox as MailboxObject | false;
    if (!box) throw new Error(`${target.path} could not be opened`);
    const uidvalidity = Number(box.uidValidity);
    let folder = upsertFolder(db, ctx.accountId, target.path, target.role);
    let kind = requested;
    if (folder.uidvalidity !== uidvalidity) {
      if (folder.uidvalidity !== null) log.warn('UIDVALIDITY changed; resyncing folder', { folder: target.path, from: folder.uidvalidity, to: uidvalidity });
      folder = updateFolderSyncState(db, folder.id, { uidvalidity, syncedUid: 0, highestmodseq: null });
      kind = 'full';
    }
    const folderId = folder.id;
    // Taken before listing: every change up to here is mirrored by the end of a full pass.
    const modseqAtStart = box.highestModseq;
    const at = (uid: number): LocationKey => ({ folderId, uidvalidity, uid });

    // 1. What is on the server (all of it, or what is new).
    let entries: ServerEntry[];
    const handled = new Set<number>();
    let removed = 0;
    if (kind === 'full') {
      // A server may not report EXPUNGEs during FETCH (RFC 3501 7.4.1); NOOP lets pending ones
      // arrive first, so the listing below does not include messages already deleted elsewhere.
      await client.noop();
      entries = box.exists > 0 ? await listServer(client, '1:*', false) : [];
      ctx.onListed?.();
      const onServer = new Map(entries.map((e) => [e.uid, e]));
      const changed: number[] = [];
      db.transaction(() => {
        for (const loc of listLocations(db, folderId, uidvalidity)) {
          const server = onServer.get(loc.uid);
          if (!server) {
            deleteLocation(db, at(loc.uid));
            changed.push(loc.messageId);
            removed++;
            continue;
          }
          handled.add(loc.uid);
          const id = applyServerFlags(db, at(loc.uid), server.flags);
          if (id !== null) changed.push(id);
        }
      })();
      if (changed.length > 0) ctx.onChanged([...new Set(changed)]);
    } else {
      const from = folder.syncedUid + 1;
      // `N:*` always matches the highest UID, even below N: filter.
      entries = (await listServer(client, `${from}:*`, true)).filter((e) => e.uid >= from);
      ctx.onListed?.();
      // After an interrupted first sync (newest first) some of these are already stored.
      for (const e of entries) if (getLocation(db, at(e.uid))) handled.add(e.uid);
    }

    // 2. Fetch what is missing, newest first.
    const missing = entries.filter((e) => !handled.has(e.uid)).sort((a, b) => b.uid - a.uid);
    log.debug('pass', { folder: target.path, kind, onServer: entries.length, removed, missing: missing.length, syncedUid: folder.syncedUid });
    const ascending = entries.map((e) => e.uid).sort((a, b) => a - b);
    let cursor = 0;
    let syncedUid = folder.syncedUid;
    const advance = (): number => {
      while (cursor < ascending.length && handled.has(ascending[cursor] ?? -1)) {
        syncedUid = Math.max(syncedUid, ascending[cursor] ?? 0);
        cursor++;
      }
      return syncedUid;
    };
    const batches = planBatches(missing, ctx.batchSize ?? DEFAULT_BATCH_SIZE, ctx.batchBytes ?? DEFAULT_BATCH_BYTES);
    let done = 0;
    ctx.onProgress(0, missing.length);
    for (const uids of batches) {
      const fetched = await client.fetchAll(uids.join(','), { uid: true, flags: true, internalDate: true, source: true }, { uid: true });
      const wanted = new Set(uids);
      const inputs: IngestInput[] = [];
      for (const m of fetched) {
        if (!m.source || !wanted.has(m.uid)) continue;
        const internalDate = internalDateOf(m);
        inputs.push({
          accountId: ctx.accountId,
          folderId,
          uidvalidity,
          uid: m.uid,
          flags: flagList(m.flags),
          raw: m.source,
          ...(internalDate !== undefined ? { internalDate } : {}),
        });
      }
      const prepared = await prepareMessages(ctx.dataDir, inputs, { clock: ctx.clock });
      // UIDs that came back empty were expunged meanwhile: nothing to wait for.
      for (const uid of uids) handled.add(uid);
      const results = db.transaction(() => {
        const r = storePrepared(db, prepared, { clock: ctx.clock });
        updateFolderSyncState(db, folderId, { syncedUid: advance() });
        return r;
      })();
      done += uids.length;
      ctx.onProgress(done, missing.length);
      const changed = results.filter((r) => r.created || r.locationAdded).map((r) => r.messageRowId);
      if (changed.length > 0) ctx.onChanged([...new Set(changed)]);
    }

    // 3. Cursor, and (full pass) what no longer lives anywhere.
    const orphans = db.transaction(() => {
      updateFolderSyncState(db, folderId, { syncedUid: advance(), uidnext: box.uidNext ?? null });
      if (kind !== 'full') return [];
      // Only a full pass has mirrored every flag change, so only it may record the modseq
      // a later CONDSTORE pass starts from.
      updateFolderSyncState(db, folderId, { highestmodseq: modseqAtStart !== undefined ? modseqAtStart.toString() : null });
      deleteLocationsOfOtherUidvalidity(db, folderId, uidvalidity);
      // With INBOX the only synced folder, a message with no location is gone. Once several
      // folders sync, this belongs after all of them (a move is remove-here, add-there).
      return deleteOrphanMessages(db, ctx.accountId);
    })();
    if (orphans.length > 0) ctx.onChanged(orphans);
    return { folderId, uidvalidity, fetched: done, removed };
  } finally {
    lock.release();
  }
}
