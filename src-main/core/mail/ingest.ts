/**
 * Stores fetched messages: parse → attachment files → one transaction.
 *
 * Invariants:
 * - All async work (parsing, writing attachment files) happens before the
 *   transaction; the transaction itself is synchronous, with no await inside,
 *   so a batch is stored entirely or not at all and the single database
 *   connection is never held across an event-loop turn.
 * - Attachment files exist before any row that names them is committed (see
 *   attachment-store.ts).
 * - Ingesting is idempotent: the same mail (same dedupe key) found again, in
 *   the same or another location, never makes a second row. Re-ingesting a
 *   known location changes nothing (`created: false, locationAdded: false`).
 * - `seen` comes from \Seen when the row is created, or when a row with no
 *   location left is re-adopted (UIDVALIDITY reset). Otherwise an existing
 *   row's `seen` is the agent's and is left alone.
 * - Headers-first (sync): a row may be stored from its header block alone
 *   (`prepareHeaderRow` / `storeBatch`) with `has_body = 0`; its dedupe key is
 *   computed from the same fields as for a whole message (sync/header-fields.ts
 *   guarantees they are equal), so both ways find the same row. Mail without
 *   a Message-ID is keyed by its bytes and is therefore always stored whole.
 * - Every store, whole or headers-only, runs the after-store pipeline
 *   (threading, contacts) inside its transaction; threading needs headers only.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { NewAttachment, NewMessage } from '../db/messages.repo.ts';
import {
  countLocations,
  findMessageByDedupeKey,
  insertAttachment,
  insertBody,
  insertLocation,
  insertMessage,
  setSeen,
} from '../db/messages.repo.ts';
import { insertLocations, insertMessages } from '../db/batch-writes.repo.ts';
import { storeAttachment } from './attachment-store.ts';
import { dedupeKey } from './dedupe-key.ts';
import type { ParsedMessage } from './parse.ts';
import { parseMessage } from './parse.ts';
import type { AfterStoreOptions, StoredMessages } from '../pipeline/after-store.ts';
import type { DeclaredKind } from './declared-kind.ts';
import { afterMessagesStored, placeDeferred } from '../pipeline/after-store.ts';
import type { FetchedBody } from '../db/bodies.repo.ts';
import type { PreparedHeaderRow } from './header-row.ts';
import { hasSeenFlag, newMessageOf } from './header-row.ts';
import type { MailParsing } from './parse-pool.ts';
import { mailParsing } from './parse-pool.ts';

export interface IngestInput {
  accountId: number;
  folderId: number;
  uidvalidity: number;
  uid: number;
  flags: string[];
  raw: Buffer;
  /** The server's INTERNALDATE (epoch ms): the date when the Date header is missing or absurd. */
  internalDate?: number;
}

export interface IngestResult {
  messageRowId: number;
  /** A new message row was made. */
  created: boolean;
  /** The location (folder, UIDVALIDITY, UID) was not known before. */
  locationAdded: boolean;
}

export interface IngestOptions {
  clock?: Clock;
}

/** A parsed message whose attachment bytes are already on disk; ready for `storePrepared`. */
export interface PreparedMessage {
  input: Omit<IngestInput, 'raw'>;
  parsed: Omit<ParsedMessage, 'attachments'>;
  dedupeKey: string;
  attachments: NewAttachment[];
}

/** Parses and writes attachment files. Async; touches no database row. */
export async function prepareMessage(dataDir: string, input: IngestInput, options: IngestOptions = {}): Promise<PreparedMessage> {
  const clock = options.clock ?? systemClock;
  const parsed = await parseMessage(input.raw, input.internalDate ?? clock.now());
  const { attachments } = await bodyOf(dataDir, parsed);
  // The raw bytes and attachment contents are not kept: a batch of 200 must not hold them twice.
  const { raw: _raw, ...rest } = input;
  const { attachments: _contents, ...fields } = parsed;
  return {
    input: rest,
    parsed: fields,
    dedupeKey: dedupeKey({
      messageId: parsed.messageId,
      dateHeader: parsed.dateHeader,
      fromAddress: parsed.from.address,
      subject: parsed.subject,
      size: parsed.size,
      raw: input.raw,
    }),
    attachments,
  };
}

export async function prepareMessages(dataDir: string, inputs: readonly IngestInput[], options: IngestOptions = {}): Promise<PreparedMessage[]> {
  const out: PreparedMessage[] = [];
  for (const input of inputs) out.push(await prepareMessage(dataDir, input, options));
  return out;
}

/** A known mail found again (another folder, a refetch, a UIDVALIDITY reset): a location, never a row. */
function addToExisting(db: Database, input: Omit<IngestInput, 'raw'>, key: string): IngestResult | null {
  const existing = findMessageByDedupeKey(db, input.accountId, key);
  if (existing === null) return null;
  const adopting = countLocations(db, existing) === 0;
  const location = { folderId: input.folderId, uidvalidity: input.uidvalidity, uid: input.uid };
  const locationAdded = insertLocation(db, existing, location, input.flags);
  if (locationAdded && adopting) setSeen(db, [existing], hasSeenFlag(input.flags));
  return { messageRowId: existing, created: false, locationAdded };
}

function storeOne(db: Database, p: PreparedMessage, now: number): IngestResult {
  const { input, parsed } = p;
  const seen = hasSeenFlag(input.flags);
  const location = { folderId: input.folderId, uidvalidity: input.uidvalidity, uid: input.uid };
  const found = addToExisting(db, input, p.dedupeKey);
  if (found) return found;
  const id = insertMessage(db, {
    accountId: input.accountId,
    messageId: parsed.messageId,
    dedupeKey: p.dedupeKey,
    subject: parsed.subject,
    from: parsed.from,
    to: parsed.to,
    cc: parsed.cc,
    replyTo: parsed.replyTo,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    date: parsed.date,
    snippet: parsed.snippet,
    hasAttachments: p.attachments.some((a) => !a.inline),
    seen,
    size: parsed.size,
  });
  insertBody(db, id, parsed, now);
  for (const a of p.attachments) insertAttachment(db, id, a);
  insertLocation(db, id, location, input.flags);
  return { messageRowId: id, created: true, locationAdded: true };
}

/**
 * Stores prepared messages in one transaction (a savepoint when the caller
 * already opened one, so sync can commit its cursor with the same batch).
 */
export function storePrepared(db: Database, prepared: readonly PreparedMessage[], options: IngestOptions = {}): IngestResult[] {
  const now = (options.clock ?? systemClock).now();
  return db.transaction(() => {
    const results = prepared.map((p) => storeOne(db, p, now));
    afterMessagesStored(db, storedOf(results, (i) => (prepared[i] as PreparedMessage).parsed.declared));
    return results;
  })();
}

export async function ingestMessages(db: Database, dataDir: string, inputs: readonly IngestInput[], options: IngestOptions = {}): Promise<IngestResult[]> {
  const prepared = await prepareMessages(dataDir, inputs, options);
  return storePrepared(db, prepared, options);
}

export async function ingestMessage(db: Database, dataDir: string, input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
  const [result] = await ingestMessages(db, dataDir, [input], options);
  if (!result) throw new Error('ingest produced no result');
  return result;
}

/* ------------------------------------------------------------------ headers first (sync) */

function storeHeaderRow(db: Database, p: PreparedHeaderRow): IngestResult {
  return addToExisting(db, p.input, p.dedupeKey) ?? insertHeaderRow(db, p, newMessageOf(p));
}

function insertHeaderRow(db: Database, p: PreparedHeaderRow, message: NewMessage): IngestResult {
  const { input } = p;
  const id = insertMessage(db, message);
  insertLocation(db, id, { folderId: input.folderId, uidvalidity: input.uidvalidity, uid: input.uid }, input.flags);
  return { messageRowId: id, created: true, locationAdded: true };
}

/**
 * Header rows under deferred threading: the new ones are placed in their
 * provisional conversations first and inserted with them (an UPDATE of every
 * row afterwards cost a fifth of storing). Known mail, and a second copy of a
 * mail within the batch, only adds a location, as in `storeHeaderRow`.
 */
function storeHeaderRowsPlaced(db: Database, rows: readonly PreparedHeaderRow[], computed: readonly unknown[] | null): IngestResult[] {
  const results: Array<IngestResult | undefined> = [];
  const fresh: number[] = [];
  const repeats: number[] = [];
  const keys = new Set<string>();
  rows.forEach((p, i) => {
    const key = `${p.input.accountId}\n${p.dedupeKey}`;
    if (keys.has(key)) {
      repeats.push(i);
      return;
    }
    keys.add(key);
    const found = addToExisting(db, p.input, p.dedupeKey);
    if (found) results[i] = found;
    else fresh.push(i);
  });
  const byAccount = new Map<number, number[]>();
  for (const i of fresh) {
    const accountId = (rows[i] as PreparedHeaderRow).input.accountId;
    const list = byAccount.get(accountId);
    if (list) list.push(i);
    else byAccount.set(accountId, [i]);
  }
  // The worker's groups describe the whole batch: they fit only when every row of it is new.
  const whole = fresh.length === rows.length && byAccount.size === 1 ? computed : null;
  for (const [accountId, indexes] of byAccount) {
    const batch = indexes.map((i) => rows[i] as PreparedHeaderRow);
    const messages = batch.map(newMessageOf);
    const placed = placeDeferred(db, accountId, messages, whole);
    const ids = insertMessages(db, messages.map((m, j) => ({ ...m, conversationId: placed?.[j] ?? null })));
    insertLocations(db, batch.map(({ input }, j) => ({ messageId: ids[j] as number, at: { folderId: input.folderId, uidvalidity: input.uidvalidity, uid: input.uid }, flags: input.flags })));
    ids.forEach((id, j) => {
      results[indexes[j] as number] = { messageRowId: id, created: true, locationAdded: true };
    });
  }
  for (const i of repeats) results[i] = storeHeaderRow(db, rows[i] as PreparedHeaderRow);
  return results.map((r) => {
    if (!r) throw new Error('a header row was neither stored nor found');
    return r;
  });
}

export interface BatchOptions extends IngestOptions, AfterStoreOptions {
  /** With `deferThreading`: provisional groups computed for exactly `headerRows` (the listing worker's). */
  groups?: readonly unknown[];
}

/**
 * Stores a sync batch — header rows and whole messages — in one transaction
 * (a savepoint inside the caller's, so the folder cursor commits with it).
 * Results are in input order: header rows first, then whole messages.
 * `deferThreading`: see pipeline/after-store.ts.
 */
export function storeBatch(db: Database, headerRows: readonly PreparedHeaderRow[], whole: readonly PreparedMessage[], options: BatchOptions = {}): IngestResult[] {
  const now = (options.clock ?? systemClock).now();
  const defer = options.deferThreading === true;
  return db.transaction(() => {
    const listed = defer ? storeHeaderRowsPlaced(db, headerRows, options.groups ?? null) : headerRows.map((p) => storeHeaderRow(db, p));
    const results = [...listed, ...whole.map((p) => storeOne(db, p, now))];
    const declaredAt = (i: number): DeclaredKind =>
      i < headerRows.length ? (headerRows[i] as PreparedHeaderRow).fields.declared : (whole[i - headerRows.length] as PreparedMessage).parsed.declared;
    afterMessagesStored(db, storedOf(results, declaredAt), defer ? { deferThreading: true } : {});
    return results;
  })();
}

/** The rows a store created, with what each one's headers declare it to be (results in input order). */
function storedOf(results: readonly IngestResult[], declaredAt: (index: number) => DeclaredKind): StoredMessages {
  const created: number[] = [];
  const declared = new Map<number, DeclaredKind>();
  results.forEach((r, i) => {
    if (!r.created) return;
    created.push(r.messageRowId);
    declared.set(r.messageRowId, declaredAt(i));
  });
  return { created, declared };
}

/** The body and attachment metadata of a parsed message, writing attachment files first. */
async function bodyOf(dataDir: string, parsed: ParsedMessage): Promise<FetchedBody> {
  const attachments: NewAttachment[] = [];
  for (const a of parsed.attachments) {
    attachments.push({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      sha256: await storeAttachment(dataDir, a.content),
      contentId: a.contentId,
      inline: a.inline,
    });
  }
  return { text: parsed.text, html: parsed.html, replyTo: parsed.replyTo, snippet: parsed.snippet, hasAttachments: attachments.some((a) => !a.inline), attachments };
}

/** Parses a fetched message for its body and attachment metadata, writing attachment files first. */
export async function prepareBody(dataDir: string, raw: Buffer, fallbackDate: number): Promise<FetchedBody> {
  return bodyOf(dataDir, await parseMessage(raw, fallbackDate));
}

/** `prepareBody` for a batch, parsed off the main thread (parse-pool.ts); same order. */
export async function prepareBodies(
  dataDir: string,
  items: ReadonlyArray<{ raw: Buffer; fallbackDate: number }>,
  parsing: MailParsing = mailParsing(),
): Promise<FetchedBody[]> {
  const parsed = await parsing.messages(items.map((i) => ({ raw: i.raw, fallbackDate: i.fallbackDate })));
  const out: FetchedBody[] = [];
  for (const p of parsed) out.push(await bodyOf(dataDir, p));
  return out;
}
