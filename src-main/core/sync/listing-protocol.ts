/**
 * What core's main thread and the listing worker (listing-worker.ts) say to
 * each other, and the one function that serves a request on a connection.
 *
 * A request names the folder, the UIDVALIDITY the main thread is storing
 * under and the UIDs of one header batch; the reply carries the batch's
 * prepared rows (header-batch.ts) and their provisional conversations
 * (conversations/provisional-groups.ts), both pure work done off the main
 * thread, which then only stores them. The worker answers every request, in the
 * order asked, with rows or with an error; the main thread then lists the
 * batch itself, so a failing worker costs speed, never mail.
 */
import type { ImapFlow } from 'imapflow';
import type { ServerSettings } from '../../../src-preload/api.ts';
import type { ClientTimeouts } from './imap-client.ts';
import type { BatchPlace, PreparedHeaders } from './header-batch.ts';
import { HEADER_FETCH_QUERY, prepareHeaderBatch, uidSet } from './header-batch.ts';
import { provisionalGroups } from '../conversations/provisional-groups.ts';
import { newMessageOf } from '../mail/header-row.ts';

/** The worker's `workerData`: how to reach the account's server. */
export interface ListingStart {
  imap: ServerSettings;
  timeouts: ClientTimeouts;
}

export interface ListingRequest {
  id: number;
  path: string;
  uidvalidity: number;
  place: BatchPlace;
  uids: number[];
  /** Dates mail whose server gave no INTERNALDATE and no Date (the main thread's clock). */
  now: number;
  /** The account's own addresses, which decide who the customer of a conversation is. */
  ownAddresses: string[];
}

export type ListingReply = { id: number; ok: true; prepared: PreparedHeaders } | { id: number; ok: false; error: string };

/** The worker is core's own code in core's own process; this only guards against a message of the wrong kind. */
export function isListingReply(value: unknown): value is ListingReply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number') return false;
  if (v.ok === false) return typeof v.error === 'string';
  if (v.ok !== true || typeof v.prepared !== 'object' || v.prepared === null) return false;
  const p = v.prepared as Record<string, unknown>;
  // The groups are checked in full where they are used (provisional-groups.ts: `coversExactly`).
  return Array.isArray(p.headerRows) && Array.isArray(p.needWhole) && (p.groups === undefined || Array.isArray(p.groups));
}

export class UidValidityChanged extends Error {
  constructor(path: string) {
    super(`UIDVALIDITY of ${path} changed during the pass`);
    this.name = 'UidValidityChanged';
  }
}

/**
 * One header batch on `client`, read-only: the folder is EXAMINEd (never
 * SELECTed, so the listing can change no flag) when it is not open yet, and
 * a UIDVALIDITY other than the request's refuses the batch, as its UIDs would
 * name other messages.
 */
export async function serveListingRequest(client: ImapFlow, request: ListingRequest): Promise<PreparedHeaders> {
  if (client.mailbox === false || client.mailbox.path !== request.path) await client.mailboxOpen(request.path, { readOnly: true });
  const box = client.mailbox;
  if (box === false || Number(box.uidValidity) !== request.uidvalidity) throw new UidValidityChanged(request.path);
  const rows = await client.fetchAll(uidSet(request.uids), HEADER_FETCH_QUERY, { uid: true });
  const prepared = prepareHeaderBatch(request.place, request.uids, rows, request.now);
  return { ...prepared, groups: provisionalGroups(prepared.headerRows.map(newMessageOf), new Set(request.ownAddresses)) };
}
