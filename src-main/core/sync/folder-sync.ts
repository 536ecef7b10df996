/**
 * One pass of one IMAP folder into the cache, headers first.
 *
 * 1. Mirror what changed on known messages:
 *    - CONDSTORE with a recorded HIGHESTMODSEQ: `UID FETCH 1:* (FLAGS)
 *      (CHANGEDSINCE m VANISHED)` gives only changed flags and (QRESYNC) the
 *      UIDs expunged since; without QRESYNC an expunge shows as a message
 *      count that does not add up, and then every UID is listed and compared.
 *    - otherwise (first pass, new UIDVALIDITY, no CONDSTORE): every UID with
 *      its flags is listed and compared with the cache.
 * 2. Fetch the header blocks of UIDs not stored yet, newest (highest UID)
 *    first, in batches; each batch is stored (rows, locations, the pipeline's
 *    threading) in ONE transaction together with the advance of `synced_uid`.
 *    Mail without a Message-ID is fetched whole (its bytes are its identity).
 *    The next batch is requested before the current one is stored. In a pass
 *    large enough to defer threading, batches after the first are listed by
 *    the listing worker on its own connection (header-lister.ts) once it is
 *    ready, two ahead, while this thread stores; a batch it cannot list is
 *    listed here.
 * 3. Record UIDNEXT and — only when the pass completed — the HIGHESTMODSEQ
 *    the folder had when the pass started, so the next pass asks for changes
 *    since then. A crash before that replays the pass; nothing is skipped.
 *
 * Invariants:
 * - `synced_uid` only ever means "every UID up to here is stored"; with
 *   newest first it moves once the older batches close the gap.
 * - A UIDVALIDITY change resets the folder's state and relists everything;
 *   old locations stay until the pass ends, so every message is re-found by
 *   its dedupe key: same row, no duplicate, team state kept.
 * - Nothing depends on \Seen: every UID on the server is looked at.
 * - Between batches urgent work (an agent opening a message whose body is not
 *   cached, write-back) may run; the folder is re-selected afterwards and the
 *   pass stops (incomplete) if its UIDVALIDITY changed meanwhile.
 */
import type { Database } from 'better-sqlite3';
import type { ExpungeEvent, FetchMessageObject, ImapFlow, MailboxLockObject, MailboxObject } from 'imapflow';
import type { Clock } from '../clock.ts';
import { OwnAddresses } from '../conversations/own-addresses.ts';
import type { FolderRow } from '../db/folders.repo.ts';
import { countStoredInFolder, updateFolderSyncState } from '../db/folders.repo.ts';
import type { LocationKey } from '../db/messages.repo.ts';
import { deleteLocation, deleteLocationsOfOtherUidvalidity, getLocation, listLocations, setSeen, updateLocationFlags } from '../db/messages.repo.ts';
import type { Logger } from '../log.ts';
import type { IngestInput, PreparedMessage } from '../mail/ingest.ts';
import { hasSeenFlag } from '../mail/header-row.ts';
import { prepareMessages, storeBatch } from '../mail/ingest.ts';
import type { BatchPlace, PreparedHeaders } from './header-batch.ts';
import { flagList, HEADER_FETCH_QUERY, internalDateOf, prepareHeaderBatch, uidSet } from './header-batch.ts';
import type { HeaderLister } from './header-lister.ts';

export interface UrgentWork {
  pending(): boolean;
  run(): Promise<void>;
}

export interface FolderSyncContext {
  db: Database;
  dataDir: string;
  accountId: number;
  client: ImapFlow;
  clock: Clock;
  log: Logger;
  headerBatchSize?: number;
  urgent?: UrgentWork;
  stopped?: () => boolean;
  /** Messages newly stored (rows or locations), for progress. */
  onStored(count: number): void;
  /** After each commit that changed what the agent sees. */
  onChanged(messageRowIds: number[]): void;
  /**
   * For a pass large enough to defer threading: a lister of header batches on a
   * second connection (header-lister.ts), or null when none can run. Its batches
   * are listed there while this thread stores; any it cannot list are listed here.
   */
  lister?: () => HeaderLister | null;
}

export interface PassResult {
  folderId: number;
  uidvalidity: number;
  fetched: number;
  removed: number;
  /** Every change up to the pass's start is mirrored (so HIGHESTMODSEQ was recorded). */
  complete: boolean;
}

interface ServerEntry {
  uid: number;
  flags: string[];
}

export const DEFAULT_HEADER_BATCH = 2000;
// The first batch is small so the newest mail is listed within a second; later ones are large because
// every commit rewrites the index pages the batch touched (fewer, larger transactions write less).
export const FIRST_HEADER_BATCH = 250;
// From this many new messages in one pass on (an initial sync, a desktop back after days), threading waits for
// the account's threading pass: listing everything first is worth a few minutes of provisional conversations.
// Below it, new mail joins its conversation in the same transaction, as an agent watching the inbox expects.
export const DEFER_THREADING_AT = 500;

/** Resumes after a full turn of the event loop: a timer, so the poll phase (sockets, the agent's requests) runs first. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
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

async function listServer(client: ImapFlow, range: string, options: { uid: boolean; changedSince?: bigint }): Promise<ServerEntry[]> {
  const rows = await client.fetchAll(range, { uid: true, flags: true }, options);
  // Unsolicited FETCH responses can repeat a UID; the last one is the freshest.
  const byUid = new Map<number, ServerEntry>();
  for (const r of rows) if (typeof r.uid === 'number') byUid.set(r.uid, { uid: r.uid, flags: flagList(r.flags) });
  return [...byUid.values()];
}

class FolderPass {
  private readonly ctx: FolderSyncContext;
  private readonly folder: FolderRow;
  private lock: MailboxLockObject | null = null;
  private uidvalidity = 0;
  private readonly changed = new Set<number>();

  constructor(ctx: FolderSyncContext, folder: FolderRow) {
    this.ctx = ctx;
    this.folder = folder;
  }

  private get client(): ImapFlow {
    return this.ctx.client;
  }

  private at(uid: number): LocationKey {
    return { folderId: this.folder.id, uidvalidity: this.uidvalidity, uid };
  }

  private box(): MailboxObject {
    const box = this.client.mailbox;
    if (!box || box.path !== this.folder.path) throw new Error(`${this.folder.path} is not selected`);
    return box;
  }

  private flushChanged(): void {
    if (this.changed.size === 0) return;
    this.ctx.onChanged([...this.changed]);
    this.changed.clear();
  }

  async run(): Promise<PassResult> {
    const { client, db } = this.ctx;
    const wasSelected = client.mailbox && client.mailbox.path === this.folder.path;
    this.lock = await client.getMailboxLock(this.folder.path);
    try {
      // An already open mailbox is selected again: only a fresh SELECT tells the current HIGHESTMODSEQ.
      if (wasSelected) await client.mailboxOpen(this.folder.path);
      const box = this.box();
      this.uidvalidity = Number(box.uidValidity);
      let state = this.folder;
      const reset = state.uidvalidity !== this.uidvalidity;
      if (reset) {
        if (state.uidvalidity !== null) this.ctx.log.warn('UIDVALIDITY changed; resyncing folder', { folder: state.path, from: state.uidvalidity, to: this.uidvalidity });
        state = updateFolderSyncState(db, state.id, { uidvalidity: this.uidvalidity, syncedUid: 0, highestmodseq: null, uidnext: null });
      }
      const modseqAtStart = box.highestModseq !== undefined && !box.noModseq ? box.highestModseq : null;
      // A HIGHESTMODSEQ below ours means the server's history was reset (a restore): trust nothing, list all.
      const incremental =
        !reset && state.highestmodseq !== null && modseqAtStart !== null && client.enabled.has('CONDSTORE') && BigInt(state.highestmodseq) <= modseqAtStart;
      const mirrored = incremental ? await this.mirrorChanges(BigInt(state.highestmodseq ?? '0'), state.syncedUid) : await this.mirrorAll();
      this.flushChanged();
      const fetched = await this.fetchMissing(mirrored.ascending, mirrored.handled, state.syncedUid);
      const complete = fetched.complete && !mirrored.uncertain;
      db.transaction(() => {
        updateFolderSyncState(db, state.id, {
          syncedUid: fetched.syncedUid,
          uidnext: this.client.mailbox ? (this.client.mailbox.uidNext ?? null) : null,
          ...(complete ? { highestmodseq: modseqAtStart !== null ? modseqAtStart.toString() : null } : {}),
        });
        if (complete && (reset || !incremental)) deleteLocationsOfOtherUidvalidity(db, state.id, this.uidvalidity);
      })();
      return { folderId: state.id, uidvalidity: this.uidvalidity, fetched: fetched.count, removed: mirrored.removed, complete };
    } finally {
      this.lock?.release();
      this.lock = null;
    }
  }

  /** No usable modseq: list every UID and compare. */
  private async mirrorAll(): Promise<{ ascending: number[]; handled: Set<number>; removed: number; uncertain: boolean }> {
    const { db, client } = this.ctx;
    // A server may hold back EXPUNGEs during FETCH (RFC 3501 7.4.1); NOOP lets pending ones arrive first.
    await client.noop();
    if (this.box().exists > 0 && countStoredInFolder(db, this.folder.id, this.uidvalidity) === 0) {
      // Nothing stored yet (first sync, new UIDVALIDITY): the UIDs suffice, flags come with the headers.
      const uids = await client.search({ all: true }, { uid: true });
      if (uids) return { ascending: [...uids].sort((a, b) => a - b), handled: new Set(), removed: 0, uncertain: false };
    }
    const entries = this.box().exists > 0 ? await listServer(client, '1:*', { uid: false }) : [];
    const onServer = new Map(entries.map((e) => [e.uid, e]));
    const handled = new Set<number>();
    let removed = 0;
    db.transaction(() => {
      for (const loc of listLocations(db, this.folder.id, this.uidvalidity)) {
        const server = onServer.get(loc.uid);
        if (!server) {
          deleteLocation(db, this.at(loc.uid));
          this.changed.add(loc.messageId);
          removed++;
          continue;
        }
        handled.add(loc.uid);
        const id = applyServerFlags(db, this.at(loc.uid), server.flags);
        if (id !== null) this.changed.add(id);
      }
    })();
    return { ascending: entries.map((e) => e.uid).sort((a, b) => a - b), handled, removed, uncertain: false };
  }

  /** CONDSTORE/QRESYNC: only what changed since `since`, then the UIDs above `syncedUid`. */
  private async mirrorChanges(since: bigint, syncedUid: number): Promise<{ ascending: number[]; handled: Set<number>; removed: number; uncertain: boolean }> {
    const { db, client } = this.ctx;
    const vanished = new Set<number>();
    let seqOnlyExpunge = false;
    const onExpunge = (e: ExpungeEvent): void => {
      if (e.path !== this.folder.path) return;
      if (typeof e.uid === 'number') vanished.add(e.uid);
      else seqOnlyExpunge = true;
    };
    client.on('expunge', onExpunge);
    let changes: ServerEntry[];
    try {
      changes = await listServer(client, '1:*', { uid: true, changedSince: since });
    } finally {
      client.off('expunge', onExpunge);
    }
    const above = (await listServer(client, `${syncedUid + 1}:*`, { uid: true })).filter((e) => e.uid > syncedUid);
    let removed = 0;
    const handled = new Set<number>();
    db.transaction(() => {
      for (const uid of vanished) {
        const loc = getLocation(db, this.at(uid));
        if (!loc) continue;
        deleteLocation(db, this.at(uid));
        this.changed.add(loc.messageId);
        removed++;
      }
      for (const e of changes) {
        const id = applyServerFlags(db, this.at(e.uid), e.flags);
        if (id !== null) this.changed.add(id);
      }
      for (const e of above) if (getLocation(db, this.at(e.uid))) handled.add(e.uid);
    })();
    // Without QRESYNC expunges are not named: a count that does not add up means some; list them all.
    let uncertain = seqOnlyExpunge;
    if (!client.enabled.has('QRESYNC')) {
      const stored = listLocations(db, this.folder.id, this.uidvalidity).length;
      if (stored + (above.length - handled.size) !== this.box().exists) {
        const all = await this.mirrorAll();
        return { ...all, removed: all.removed + removed };
      }
      uncertain = false;
    }
    return { ascending: above.map((e) => e.uid).sort((a, b) => a - b), handled, removed, uncertain };
  }

  private fetchHeaders(uids: readonly number[]): Promise<FetchMessageObject[]> {
    const p = this.client.fetchAll(uidSet(uids), HEADER_FETCH_QUERY, { uid: true });
    // Awaited later; until then a failure must not count as unhandled.
    p.catch(() => undefined);
    return p;
  }

  private place(): BatchPlace {
    return { accountId: this.ctx.accountId, folderId: this.folder.id, uidvalidity: this.uidvalidity };
  }

  /** Urgent work runs with the folder released; afterwards the folder must still be the same one. */
  private async yieldToUrgent(): Promise<boolean> {
    const urgent = this.ctx.urgent;
    if (!urgent?.pending()) return true;
    this.lock?.release();
    this.lock = null;
    try {
      await urgent.run();
    } finally {
      this.lock = await this.client.getMailboxLock(this.folder.path);
    }
    return Number(this.box().uidValidity) === this.uidvalidity;
  }

  private async fetchMissing(ascending: number[], handled: Set<number>, startUid: number): Promise<{ count: number; syncedUid: number; complete: boolean }> {
    const { db, clock } = this.ctx;
    const missing = ascending.filter((uid) => !handled.has(uid)).reverse();
    const size = this.ctx.headerBatchSize ?? DEFAULT_HEADER_BATCH;
    const batches: number[][] = [];
    for (let i = 0; i < missing.length; ) {
      const n = i === 0 && this.ctx.headerBatchSize === undefined ? FIRST_HEADER_BATCH : size;
      batches.push(missing.slice(i, i + n));
      i += n;
    }
    let cursor = 0;
    let syncedUid = startUid;
    const advance = (): number => {
      while (cursor < ascending.length && handled.has(ascending[cursor] ?? -1)) syncedUid = Math.max(syncedUid, ascending[cursor++] ?? 0);
      return syncedUid;
    };
    // A catch-up this large is listed first and threaded by the account's threading pass; a few new mails thread at once.
    const deferThreading = missing.length >= DEFER_THREADING_AT;
    // Once the lister's worker is ready, batches are listed on its connection while this thread stores; until
    // then (and for the first batch, wanted at once) on this one, as waiting for the worker would cost more.
    const lister = deferThreading && batches.length > 1 ? (this.ctx.lister?.() ?? null) : null;
    const listed = new Map<number, Promise<PreparedHeaders | null>>();
    const ownAddresses = lister ? [...new OwnAddresses(db).of(this.ctx.accountId)] : [];
    const askLister = (i: number): void => {
      const uids = batches[i];
      if (!uids || listed.has(i)) return;
      const ask = { path: this.folder.path, uidvalidity: this.uidvalidity, place: this.place(), uids, now: clock.now(), ownAddresses };
      listed.set(i, lister?.list(ask) ?? Promise.resolve(null));
    };
    let count = 0;
    let inflight = batches[0] ? this.fetchHeaders(batches[0]) : null;
    for (let i = 0; i < batches.length; i++) {
      const uids = batches[i] ?? [];
      const fromLister = listed.get(i);
      listed.delete(i);
      let prepared = fromLister ? await fromLister : null;
      // Fetched here only with the folder locked and no urgent work running, as every fetch on this connection.
      const rows = prepared ? null : await (inflight ?? this.fetchHeaders(uids));
      inflight = null;
      if (this.ctx.stopped?.() || !(await this.yieldToUrgent())) return { count, syncedUid: advance(), complete: false };
      if (lister?.ready) {
        // Two batches ahead: one being listed while this thread stores, the next queued behind it.
        askLister(i + 1);
        askLister(i + 2);
      } else {
        const next = batches[i + 1];
        if (next && !listed.has(i + 1)) inflight = this.fetchHeaders(next);
      }
      // In-process when listed here: sending header blocks to the parse worker measured slower and made core's
      // peak memory 100 MB larger; the lister's worker fetches and parses them on its own connection instead.
      prepared ??= prepareHeaderBatch(this.place(), uids, rows ?? [], clock.now());
      const { headerRows, needWhole, groups } = prepared;
      const whole = await this.fetchWhole(needWhole);
      const results = db.transaction(() => {
        const r = storeBatch(db, headerRows, whole, { clock, deferThreading, ...(groups ? { groups } : {}) });
        for (const uid of uids) handled.add(uid);
        updateFolderSyncState(db, this.folder.id, { syncedUid: advance() });
        return r;
      })();
      count += results.length;
      this.ctx.onStored(uids.length);
      for (const r of results) if (r.created || r.locationAdded) this.changed.add(r.messageRowId);
      this.flushChanged();
      // When the worker is ahead, every await above is already settled and the next batch would follow at once:
      // core's one thread would serve no request of the agent's for several batches (1.6 s at 50,000 messages).
      await nextTurn();
    }
    return { count, syncedUid: advance(), complete: true };
  }

  /** Mail without a Message-ID, fetched and prepared whole. UIDs that came back empty were expunged meanwhile. */
  private async fetchWhole(uids: readonly number[]): Promise<PreparedMessage[]> {
    if (uids.length === 0) return [];
    const full = await this.client.fetchAll(uidSet(uids), { uid: true, flags: true, internalDate: true, source: true }, { uid: true });
    const wanted = new Set(uids);
    const inputs: IngestInput[] = [];
    for (const m of full) {
      if (!m.source || !wanted.has(m.uid)) continue;
      wanted.delete(m.uid);
      const internalDate = internalDateOf(m);
      inputs.push({
        ...this.place(),
        uid: m.uid,
        flags: flagList(m.flags),
        raw: m.source,
        ...(internalDate !== undefined ? { internalDate } : {}),
      });
    }
    return prepareMessages(this.ctx.dataDir, inputs, { clock: this.ctx.clock });
  }
}

export async function syncFolder(ctx: FolderSyncContext, folder: FolderRow): Promise<PassResult> {
  return new FolderPass(ctx, folder).run();
}
