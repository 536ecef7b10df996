/**
 * What team sync needs from the hidden team folder, and nothing more: the
 * IMAP implementation is imap-team-folder.ts; tests drive the same replica
 * logic with an in-memory folder that reorders, duplicates and fails.
 *
 * The one ordering guarantee relied on (RFC 3501 §2.3.1.1, and what the claim
 * protocol builds on): UIDs are assigned in strictly ascending order, so a
 * message appended after a reader listed the folder gets a higher UID than
 * anything that reader saw.
 */

export interface FolderMessage {
  uid: number;
  raw: Buffer;
}

export interface TeamFolder {
  /** Selects the folder (creating it when missing); returns its UIDVALIDITY. */
  open(): Promise<{ uidValidity: number }>;
  /** UIDs of messages above `afterUid`, ascending. */
  listAfter(afterUid: number): Promise<number[]>;
  /** The messages with these UIDs that still exist, ascending. */
  fetch(uids: readonly number[]): Promise<FolderMessage[]>;
  /** Appends; `uid` is the APPENDUID when the server reports it. Throws when the append failed. */
  append(raw: Buffer): Promise<{ uid: number | null }>;
  /**
   * Deletes exactly these UIDs (\Deleted + UID EXPUNGE), and only when the
   * folder's UIDVALIDITY is still `uidValidity`; throws otherwise.
   */
  expunge(uidValidity: number, uids: readonly number[]): Promise<void>;
}

export class UidValidityChangedError extends Error {
  constructor(expected: number, found: number) {
    super(`The team folder was rebuilt on the server (UIDVALIDITY ${expected} → ${found}).`);
    this.name = 'UidValidityChangedError';
  }
}
