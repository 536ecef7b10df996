/**
 * The data the threading core consumes and produces. Pure values: no database
 * row, no clock, no I/O, so every agent's desktop that holds the same mail
 * computes the same conversations.
 *
 * `key` is the local row id. It is different on every desktop, so nothing
 * that has to agree between desktops (roots, tokens, the order of
 * conversations) may depend on it; it only orders members with equal dates.
 */

export interface ThreadInput {
  /** Local row id. Unique within one call or one index. */
  key: number;
  /** Without angle brackets (brackets are tolerated); null when the header is missing or unusable. */
  messageId: string | null;
  /** Raw In-Reply-To value or a single id; when it names several ids the last valid one counts. */
  inReplyTo: string | null;
  /** References ids in header order (an entry may also hold a raw header value with several ids). */
  references: string[];
  /** Decoded subject. */
  subject: string;
  /** Sender address (`a@b` or `Name <a@b>`). */
  from: string;
  /** Recipient addresses in header order. */
  to: string[];
  /** Reply-To addresses in header order: where the sender asks to be answered (a contact form's customer). */
  replyTo?: string[];
  /** Epoch ms. */
  date: number;
  /**
   * Optional content hash that is the same on every desktop (e.g. the dedupe
   * key). Mixed into the synthetic id of a message without Message-ID, so two
   * different id-less mails with equal From, Date and Subject stay apart.
   */
  fingerprint?: string | null;
}

export interface ThreadingOptions {
  /** The team mailbox's own addresses: mail from these is ours, and its customer is the first other To. */
  ownAddresses: readonly string[];
  /** Rule 3 links subject-only replies to mail at most this many days apart. Default 30. */
  subjectWindowDays?: number;
}

export interface Conversation {
  /** The Message-ID every desktop picks as the root (see conversation-root.ts). */
  rootId: string;
  /** Date of the root (conversation-root.ts); conversations are sorted by (rootDate, rootId). */
  rootDate: number;
  /** `tokenForRoot(rootId)`: the six characters shown as `[#TOKEN]` in subjects. */
  token: string;
  /** Every token rule 2 resolves to this conversation, sorted; normally includes `token`. */
  aliases: string[];
  /** Member rows, sorted by date, then key. */
  keys: number[];
}

/**
 * An agent's manual correction, replayed from team-state ops. `seq` orders the
 * overrides identically on every desktop (e.g. the op's HLC string); ties are
 * broken by kind and ids.
 */
export type Override =
  | { kind: 'split'; seq: string; messageId: string }
  | { kind: 'merge'; seq: string; messageIdA: string; messageIdB: string };

/** What adding or removing one message changed: these conversations replace those. */
export interface ConversationChange {
  removed: Conversation[];
  added: Conversation[];
}
