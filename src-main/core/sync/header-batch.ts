/**
 * A batch of fetched header blocks → rows ready to store (folder-sync.ts).
 * Pure: no database, no client; the pass decides what to fetch and when.
 */
import type { FetchMessageObject } from 'imapflow';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { HeaderInput, PreparedHeaderRow } from '../mail/header-row.ts';
import { prepareHeaderRow } from '../mail/header-row.ts';
import { HEADER_FIELDS_READ } from './header-fields.ts';

/** Where a batch's messages live on the server. */
export interface BatchPlace {
  accountId: number;
  folderId: number;
  uidvalidity: number;
}

export interface PreparedHeaders {
  headerRows: PreparedHeaderRow[];
  /** Mail without a Message-ID: its bytes are its identity, so it is fetched and stored whole. */
  needWhole: number[];
  /**
   * The provisional conversations of `headerRows` (conversations/provisional-groups.ts), when
   * the listing worker computed them; storing computes them itself otherwise.
   */
  groups?: unknown[];
}

/** The FETCH items of a header batch: only the header lines parseHeaderFields reads. */
export const HEADER_FETCH_QUERY = { uid: true, flags: true, size: true, internalDate: true, headers: [...HEADER_FIELDS_READ] };

// \Recent belongs to one session (RFC 3501); storing it would make every new session look like a flag change.
export function flagList(flags: Iterable<string> | undefined): string[] {
  return [...(flags ?? [])].filter((f) => f.toLowerCase() !== '\\recent').sort();
}

/** "7,5,4,3" → "7,3:5": shorter commands for long UID lists. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] ?? 0) === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function internalDateOf(m: FetchMessageObject): number | undefined {
  if (!m.internalDate) return undefined;
  const t = new Date(m.internalDate).getTime();
  return Number.isFinite(t) ? t : undefined;
}

/**
 * The rows of the UIDs asked for. A UID that came back empty was expunged
 * meanwhile; unsolicited FETCH responses for other UIDs, and repeats, are
 * ignored. `now` dates mail whose server gave no INTERNALDATE and no Date.
 */
export function prepareHeaderBatch(place: BatchPlace, uids: readonly number[], fetched: readonly FetchMessageObject[], now: number): PreparedHeaders {
  const wanted = new Set(uids);
  const headerRows: PreparedHeaderRow[] = [];
  const needWhole: number[] = [];
  const clock: Clock = { ...systemClock, now: () => now };
  for (const m of fetched) {
    if (!wanted.has(m.uid) || !m.headers) continue;
    wanted.delete(m.uid);
    const internalDate = internalDateOf(m);
    const input: HeaderInput = {
      ...place,
      uid: m.uid,
      flags: flagList(m.flags),
      size: m.size ?? 0,
      headers: m.headers,
      ...(internalDate !== undefined ? { internalDate } : {}),
    };
    const row = prepareHeaderRow(input, { clock });
    if (row) headerRows.push(row);
    else needWhole.push(input.uid);
  }
  return { headerRows, needWhole };
}
