/**
 * A header block → the row headers-first sync stores for it. Pure CPU work
 * (no database, no file, no client), so the listing worker runs it on its own
 * thread and ingest.ts stores what it returns.
 */
import type { Clock } from '../clock.ts';
import type { NewMessage } from '../db/messages.repo.ts';
import { systemClock } from '../clock.ts';
import type { HeaderFields } from '../sync/header-fields.ts';
import { parseHeaderFields } from '../sync/header-fields.ts';
import { dedupeKey } from './dedupe-key.ts';

/** A message known by its header block, as headers-first sync fetches it. */
export interface HeaderInput {
  accountId: number;
  folderId: number;
  uidvalidity: number;
  uid: number;
  flags: string[];
  /** RFC822.SIZE: the whole message's size, part of the dedupe key. */
  size: number;
  headers: Buffer;
  internalDate?: number;
}

export interface PreparedHeaderRow {
  input: Omit<HeaderInput, 'headers'>;
  fields: HeaderFields;
  dedupeKey: string;
}

/**
 * The row a header block makes, or null when the mail has no Message-ID: its
 * identity is then its bytes, so it must be fetched and stored whole.
 */
export function prepareHeaderRow(input: HeaderInput, options: { clock?: Clock } = {}): PreparedHeaderRow | null {
  const fields = parseHeaderFields(input.headers, input.internalDate ?? (options.clock ?? systemClock).now());
  if (!fields.messageId) return null;
  const { headers: _headers, ...rest } = input;
  const key = dedupeKey({
    messageId: fields.messageId,
    dateHeader: fields.dateHeader,
    fromAddress: fields.from.address,
    subject: fields.subject,
    size: input.size,
  });
  return { input: rest, fields, dedupeKey: key };
}

export function hasSeenFlag(flags: readonly string[]): boolean {
  return flags.some((f) => f.toLowerCase() === '\\seen');
}

/** The message row a header row makes: no body yet, so no snippet. */
export function newMessageOf(p: PreparedHeaderRow): NewMessage {
  const { input, fields } = p;
  return {
    accountId: input.accountId,
    messageId: fields.messageId,
    dedupeKey: p.dedupeKey,
    subject: fields.subject,
    from: fields.from,
    to: fields.to,
    cc: fields.cc,
    replyTo: fields.replyTo,
    inReplyTo: fields.inReplyTo,
    references: fields.references,
    date: fields.date,
    snippet: '',
    // A hint until the body says: mixed multiparts are how attachments travel.
    hasAttachments: fields.contentType === 'multipart/mixed',
    seen: hasSeenFlag(input.flags),
    size: input.size,
    hasBody: false,
  };
}
