/**
 * Bodies and attachments after the headers: the background backfill (newest
 * first, so recent conversations are readable offline first) and the fetch of
 * one message right now (the agent opened it).
 *
 * Invariants:
 * - Sources are fetched with BODY.PEEK (imapflow's `source`): reading never
 *   sets \Seen on the server.
 * - Attachment files are written before the transaction that records them
 *   (attachment-store.ts); each batch of bodies is one transaction.
 * - A message is fetched from a location only under its folder's current
 *   UIDVALIDITY, checked on the selected mailbox; otherwise it waits for the
 *   folder's next pass.
 * - The backfill walks the backlog once per round, folder by folder (INBOX
 *   first; switching the selected mailbox costs a SELECT), newest first in
 *   each (keyset cursor); a message that could not be fetched (expunged
 *   meanwhile) is not retried until the next round, so a stuck message
 *   cannot make the loop spin.
 * - A batch is stored once the next one has been transferred: the parse
 *   worker (mail/parse-pool.ts) parses the next while this thread stores,
 *   and within a batch each chunk of sources goes to the worker as soon as
 *   it has arrived, so parsing overlaps both the transfer and the storing.
 * - Each batch of bodies is indexed for search in its storing transaction,
 *   so "cached" also means "searchable" (search/index-step.ts).
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import type { Clock } from '../clock.ts';
import type { FetchedBody, FetchLocation } from '../db/bodies.repo.ts';
import { attachmentRowsOf, bodyBacklog, countBodyBacklog, fetchLocationsOf, foldersWithBodyBacklog, setAttachmentSha, storeFetchedBody } from '../db/bodies.repo.ts';
import { getBodyState } from '../db/messages.repo.ts';
import type { Logger } from '../log.ts';
import { attachmentPath, storeAttachment } from '../mail/attachment-store.ts';
import { prepareBodies } from '../mail/ingest.ts';
import { indexCompleteMessages } from '../db/search.repo.ts';
import { parseMessage } from '../mail/parse.ts';
import { uidSet } from './header-batch.ts';

export interface BodyContext {
  db: Database;
  dataDir: string;
  accountId: number;
  client: ImapFlow;
  clock: Clock;
  log: Logger;
}

interface FetchedSource {
  location: FetchLocation;
  raw: Buffer;
}

export const DEFAULT_BODY_BATCH = 250;
// A batch also stops at this many announced bytes, so a mailbox of large mails does not fill memory:
// two batches are in flight (one stored, the next fetched and parsed), each held by the main thread
// and, while parsed, by the parse worker.
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** Fetches the sources of the given locations (any folders), one UID FETCH per folder. */
export async function fetchSources(ctx: BodyContext, locations: readonly FetchLocation[]): Promise<FetchedSource[]> {
  const out: FetchedSource[] = [];
  await streamSources(ctx, locations, (f) => out.push(f));
  return out;
}

function byFolderPath(locations: readonly FetchLocation[]): Map<string, FetchLocation[]> {
  const byFolder = new Map<string, FetchLocation[]>();
  for (const l of locations) {
    const group = byFolder.get(l.path);
    if (group) group.push(l);
    else byFolder.set(l.path, [l]);
  }
  return byFolder;
}

/**
 * Hands each fetched source to `take` as it arrives. `take` must not run IMAP
 * commands (the connection is busy with this FETCH until it ends).
 */
async function streamSources(ctx: BodyContext, locations: readonly FetchLocation[], take: (f: FetchedSource) => void): Promise<void> {
  for (const [path, group] of byFolderPath(locations)) {
    const lock = await ctx.client.getMailboxLock(path);
    try {
      const box = ctx.client.mailbox;
      if (!box || Number(box.uidValidity) !== group[0]?.uidvalidity) continue;
      const byUid = new Map(group.map((l) => [l.uid, l]));
      for await (const r of ctx.client.fetch(uidSet([...byUid.keys()]), { uid: true, source: true }, { uid: true })) {
        const location = byUid.get(r.uid);
        // Unsolicited FETCH responses can repeat a UID: one source per location.
        if (location && r.source) {
          byUid.delete(r.uid);
          take({ location, raw: r.source });
        }
      }
    } finally {
      lock.release();
    }
  }
}

interface PreparedSource {
  messageId: number;
  body: FetchedBody;
}

/** Parses fetched sources (off the main thread, parse-pool.ts) and writes their attachment files. */
async function prepareSources(ctx: BodyContext, fetched: readonly FetchedSource[]): Promise<PreparedSource[]> {
  const bodies = await prepareBodies(
    ctx.dataDir,
    fetched.map((f) => ({ raw: f.raw, fallbackDate: f.location.date })),
  );
  return fetched.map((f, i) => ({ messageId: f.location.messageId, body: bodies[i] as FetchedBody }));
}

// Small enough that the worker starts on a batch while most of it is still on the wire, large enough
// that the per-request cost (a structured clone, a message each way) stays small.
const PARSE_CHUNK = 25;
const PARSE_CHUNK_BYTES = 1024 * 1024;

interface BatchInFlight {
  /** Settles when the FETCH has ended and every source is with the parser; never rejects. */
  transferred: Promise<void>;
  /** The batch parsed, in arrival order; null when the round has nothing left. */
  prepared: Promise<PreparedSource[] | null>;
}

/** Fetches and parses a batch, each chunk parsed while the rest is still arriving. */
function fetchAndPrepare(ctx: BodyContext, locations: readonly FetchLocation[]): BatchInFlight {
  const parsing: Promise<PreparedSource[]>[] = [];
  let chunk: FetchedSource[] = [];
  let bytes = 0;
  const flush = (): void => {
    if (chunk.length === 0) return;
    const p = prepareSources(ctx, chunk);
    // Awaited below, after the FETCH ends; until then a failure must not count as unhandled.
    p.catch(() => undefined);
    parsing.push(p);
    chunk = [];
    bytes = 0;
  };
  const streamed = streamSources(ctx, locations, (f) => {
    chunk.push(f);
    bytes += f.raw.length;
    if (chunk.length >= PARSE_CHUNK || bytes >= PARSE_CHUNK_BYTES) flush();
  }).then(flush);
  const prepared = streamed.then(async () => (await Promise.all(parsing)).flat());
  // Awaited by the step that stores this batch; until then a failure must not count as unhandled.
  prepared.catch(() => undefined);
  return { transferred: streamed.catch(() => undefined), prepared };
}

/**
 * Stores prepared bodies in one transaction and indexes them for search in
 * the same one (one FTS5 segment per batch); returns the message ids that got
 * their body.
 */
function storePrepared(ctx: BodyContext, prepared: readonly PreparedSource[]): number[] {
  const now = ctx.clock.now();
  return ctx.db.transaction(() => {
    const stored: number[] = [];
    for (const p of prepared) {
      // Deleted meanwhile (expunged, account removed) or fetched twice: nothing to store.
      if (!getBodyState(ctx.db, p.messageId)) continue;
      if (storeFetchedBody(ctx.db, p.messageId, p.body, now)) stored.push(p.messageId);
    }
    indexCompleteMessages(ctx.db, stored);
    return stored;
  })();
}

/** Parses and stores fetched sources in one transaction; returns the message ids that got their body. */
export async function storeSources(ctx: BodyContext, fetched: readonly FetchedSource[]): Promise<number[]> {
  return storePrepared(ctx, await prepareSources(ctx, fetched));
}

/** The body of one message, now. False when the server has no copy the cache can address. */
export async function fetchBodyNow(ctx: BodyContext, messageId: number): Promise<boolean> {
  const state = getBodyState(ctx.db, messageId);
  if (!state) return false;
  if (state.hasBody) return true;
  for (const location of fetchLocationsOf(ctx.db, messageId)) {
    const fetched = await fetchSources(ctx, [location]);
    if (fetched.length === 0) continue;
    await storeSources(ctx, fetched);
    return true;
  }
  return false;
}

/**
 * Writes the attachment files of a message again from the server (a file
 * was removed from disk). Matches attachments by their order in the message.
 */
export async function refetchAttachments(ctx: BodyContext, messageId: number): Promise<boolean> {
  const rows = attachmentRowsOf(ctx.db, messageId);
  for (const location of fetchLocationsOf(ctx.db, messageId)) {
    const [fetched] = await fetchSources(ctx, [location]);
    if (!fetched) continue;
    const parsed = await parseMessage(fetched.raw, location.date);
    for (let i = 0; i < rows.length && i < parsed.attachments.length; i++) {
      const row = rows[i];
      const part = parsed.attachments[i];
      if (!row || !part) continue;
      const sha = await storeAttachment(ctx.dataDir, part.content);
      if (sha !== row.sha256) setAttachmentSha(ctx.db, row.id, sha);
    }
    return true;
  }
  return false;
}

/** Whether the bytes of an attachment are on disk under its address. */
export function attachmentFileExists(dataDir: string, sha256: string | null): boolean {
  if (!sha256) return false;
  try {
    return fs.statSync(attachmentPath(dataDir, sha256)).isFile();
  } catch {
    return false;
  }
}

/** The background backfill of one account: one round over the backlog, batch by batch. */
export class BodyBackfill {
  private cursor: { date: number; id: number } | null = null;
  /** Folders of this round still to walk, the current one first; null until the round starts. */
  private folders: number[] | null = null;
  private roundOver = false;
  private checked = false;
  private prefetch: BatchInFlight | null = null;
  private prefetchClient: ImapFlow | null = null;
  private readonly batchSize: number;

  constructor(batchSize = DEFAULT_BODY_BATCH) {
    this.batchSize = batchSize;
  }

  /** New headers were stored or a pass completed: start a new round from the newest. */
  restart(): void {
    this.cursor = null;
    this.folders = null;
    this.roundOver = false;
    this.checked = false;
  }

  /** Whether this round has work left (one indexed count after a restart, then none). */
  hasWork(ctx: BodyContext): boolean {
    if (!this.checked) {
      this.checked = true;
      if (this.prefetch === null && countBodyBacklog(ctx.db, ctx.accountId) === 0) this.roundOver = true;
    }
    return !this.roundOver;
  }

  remaining(ctx: BodyContext): number {
    return countBodyBacklog(ctx.db, ctx.accountId);
  }

  private nextLocations(ctx: BodyContext): FetchLocation[] {
    this.folders ??= foldersWithBodyBacklog(ctx.db, ctx.accountId);
    for (;;) {
      const folderId = this.folders[0];
      if (folderId === undefined) return [];
      const out: FetchLocation[] = [];
      let bytes = 0;
      for (const l of bodyBacklog(ctx.db, ctx.accountId, folderId, this.cursor, this.batchSize)) {
        if (out.length > 0 && bytes + l.size > MAX_BATCH_BYTES) break;
        out.push(l);
        bytes += l.size;
      }
      const last = out[out.length - 1];
      if (last) {
        this.cursor = { date: last.date, id: last.messageId };
        return out;
      }
      this.folders.shift();
      this.cursor = null;
    }
  }

  /** Fetches the next batch and has it parsed, while the caller stores the current one. */
  private startFetch(ctx: BodyContext): BatchInFlight {
    const locations = this.nextLocations(ctx);
    return locations.length === 0 ? { transferred: Promise.resolve(), prepared: Promise.resolve(null) } : fetchAndPrepare(ctx, locations);
  }

  /**
   * Fetches (or takes the prefetched) next batch, asks for the one after it,
   * and stores this one. Returns the stored message ids, or null when the
   * round is over.
   */
  async step(ctx: BodyContext): Promise<number[] | null> {
    if (this.roundOver) return null;
    // A prefetch made on a connection that is gone is worthless.
    if (this.prefetchClient !== ctx.client) this.prefetch = null;
    const current = this.prefetch ?? this.startFetch(ctx);
    this.prefetch = null;
    const prepared = await current.prepared;
    if (prepared === null) {
      this.roundOver = true;
      return null;
    }
    const next = this.startFetch(ctx);
    this.prefetch = next;
    this.prefetchClient = ctx.client;
    // Storing blocks this thread: done while the worker parses the next batch, not while it waits for its sources.
    // A failed transfer is the next step's to report; this batch is stored all the same.
    await next.transferred;
    return storePrepared(ctx, prepared);
  }
}
