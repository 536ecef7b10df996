/**
 * The one contract between the renderer and core.
 *
 * Why it lives here: the renderer, the preload and core all import these
 * types, and nothing else crosses the process boundary. The renderer imports
 * types only (a lint rule says so); core validates every incoming message
 * against the zod schemas in `src-main/core/rpc/schemas.ts`, which are checked
 * at compile time to match the params declared below.
 *
 * Shape (after Actual Budget's handlers and Signal's results):
 * - `DeskMethods` maps every method name to its params and result. A
 *   misspelt method or a wrong param is a compile error on both sides.
 * - Every call answers `Result<T>`: errors cross the boundary as typed data,
 *   never as a lost exception.
 * - Core pushes `DeskEvent`s: change records (`{ type: 'changed', table, ids }`,
 *   after Mailspring) that stores refresh from, plus health/progress.
 *
 * Transport: Electron hands a MessagePort from main to renderer and core;
 * browser mode uses a WebSocket to the core host. Both carry the same
 * envelope (`ClientMessage` / `ServerMessage`) as plain JSON-able objects.
 */

import type { AccountHealth, AccountMethods, AccountSummary, Sentence } from './contract/accounts.ts';
import type { TriageMethods } from './contract/triage.ts';
import type { ComposeMethods } from './contract/compose.ts';
import type { TeamHealth, TeamMethods } from './contract/team.ts';
import type { RulesMethods } from './contract/rules.ts';

// The contract is split per domain; the renderer imports all of it from here.
export type * from './contract/accounts.ts';
export type * from './contract/triage.ts';
export type * from './contract/compose.ts';
export type * from './contract/team.ts';
export type * from './contract/rules.ts';

/* ------------------------------------------------------------------ basics */

export interface Address {
  name: string;
  address: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque keyset cursor for the next page; null when there is none. */
  nextCursor: string | null;
}

/* ------------------------------------------------------------------ app */

export type RuntimeMode = 'electron' | 'browser';

export interface AppInfo {
  version: string;
  mode: RuntimeMode;
  /**
   * Where account passwords are kept. `os-keychain`: Electron's safeStorage
   * (Keychain, DPAPI, libsecret). `encrypted-file`: browser mode has no
   * keychain, so they are encrypted with a key in a file only this OS user
   * can read; the UI says so.
   */
  secretStorage: 'os-keychain' | 'encrypted-file';
  dataDir: string;
  /** True once a demo workspace or a real account exists. */
  hasWorkspace: boolean;
}

/* ------------------------------------------------------------------ messages */

export interface MessageSummary {
  id: number;
  accountId: number;
  subject: string;
  from: Address;
  /** Epoch ms (the Date header, or arrival when missing/absurd). */
  date: number;
  /** Up to ~200 chars of the plain text, whitespace collapsed. */
  snippet: string;
  unread: boolean;
  hasAttachments: boolean;
}

export interface AttachmentInfo {
  id: number;
  filename: string;
  contentType: string;
  size: number;
}

export interface MessageDetail extends MessageSummary {
  to: Address[];
  cc: Address[];
  /** Where the sender asks replies to go (empty: to the sender); known once the body is cached. */
  replyTo: Address[];
  messageId: string | null;
  /** Plain text body; for HTML-only mail, a text rendering of it. */
  text: string;
  /** Raw HTML as received. The renderer sanitizes it and shows it in a sandboxed frame. */
  html: string | null;
  attachments: AttachmentInfo[];
}

export type MessageFolderRole = 'inbox' | 'sent' | 'junk' | 'archive' | 'drafts' | 'trash' | 'other';

export interface FolderSummary {
  id: number;
  accountId: number;
  /** Server path, e.g. "INBOX" or "Archive/2026". */
  path: string;
  /** Display name (last path segment). */
  name: string;
  role: MessageFolderRole;
  total: number;
  unread: number;
}

export type MoveTarget = 'inbox' | 'archive' | 'junk' | 'trash';

/**
 * Mail to move: messages by id, or every message of some conversations (the
 * list's bulk actions, which do not load each conversation first). To the
 * trash, mail that is only in the trash already is deleted for good.
 */
export type MoveParams = { ids: number[]; to: MoveTarget } | { conversationIds: number[]; to: MoveTarget };

/** A moved message and the folder it came from: `messages.moveBack` puts it back there (undo). */
export interface MoveBack {
  id: number;
  folderId: number;
}

export interface MoveResult {
  /** Empty when nothing moved, or all of it was deleted for good. */
  undo: MoveBack[];
}

export interface AttachmentData {
  filename: string;
  contentType: string;
  size: number;
  /** The bytes, base64. */
  dataBase64: string;
}

/** A message exactly as the server holds it: every header and the undecoded body ("Show original"). */
export interface MessageOriginal {
  /** A file name for saving it, from the subject (".eml"). */
  fileName: string;
  size: number;
  /** The bytes, base64. */
  dataBase64: string;
}

export interface MessageListParams {
  /** null: every account. */
  accountId: number | null;
  folder: MessageFolderRole;
  /** A specific folder (custom folders have role 'other'); overrides `folder` when set. */
  folderId?: number;
  cursor: string | null;
  /** 1..500 */
  limit: number;
}

/* ------------------------------------------------------------------ conversations */

/** A conversation (ticket): messages threaded together, named by its ticket token. */
export interface ConversationSummary {
  id: number;
  /** Six-character token every desktop derives identically from the root, e.g. "K7F3Q2"; shown as #K7F3Q2. */
  ticket: string;
  accountId: number;
  subject: string;
  /** The customer: the non-mailbox participant of the root message. */
  customer: Address;
  contactId: number | null;
  /** Epoch ms of the newest message. */
  lastMessageAt: number;
  messageCount: number;
  /** Snippet of the newest message. */
  snippet: string;
  unread: boolean;
  hasAttachments: boolean;
}

/** A piece of a plain-text body, so the reading view can fold quotes and signatures. */
export interface TextPart {
  kind: 'body' | 'quote' | 'signature';
  text: string;
}

export interface ConversationMessage extends MessageDetail {
  /** From our own mailbox (an agent's reply) rather than from the customer. */
  outgoing: boolean;
  /** An acknowledgement an automation rule sent: ours, but no agent's answer (it does not count as a reply). */
  automatic: boolean;
  /** The customer's side answered automatically (an out-of-office, as its headers say): it reopens nothing. */
  autoReply: boolean;
  textParts: TextPart[];
  /** Remote images may load without asking (the agent chose "always" for this sender). */
  remoteImagesAllowed: boolean;
}

export interface ConversationDetail {
  summary: ConversationSummary;
  /** Oldest first. */
  messages: ConversationMessage[];
  contact: ContactCard | null;
}

/* ------------------------------------------------------------------ contacts */

export interface ContactCard {
  id: number;
  name: string;
  /** Primary first; several after a merge. */
  addresses: string[];
  tags: string[];
  /** Imported from CSV (segment, purchase amount, ...), shown in the contact panel. */
  attributes: Record<string, string>;
  blocked: boolean;
  remoteImagesAllowed: boolean;
  /** Every conversation of this person, across mailboxes, newest first. */
  conversations: ConversationSummary[];
}

export interface CsvImportResult {
  created: number;
  updated: number;
  /** Lines not imported: the line number in the file (1 is the header) and why, as a sentence by key. */
  skipped: { line: number; reason: Sentence }[];
}

/* ------------------------------------------------------------------ search */

/** Highlighted text as segments (never HTML), so nothing from mail is ever injected into the page. */
export interface Highlight {
  text: string;
  match: boolean;
}

export interface SearchHit {
  conversation: ConversationSummary;
  snippet: Highlight[];
  /** The words were found in the team's internal note (or call summary), which `snippet` then shows. */
  inNote?: boolean;
}

export interface SearchParams {
  /** Words, "quoted phrases", -negation, from: to: subject: tag: status: assignee: has:attachment before:YYYY-MM-DD after:YYYY-MM-DD */
  query: string;
  accountId: number | null;
  cursor: string | null;
  limit: number;
}

/** How many conversations a saved search (a smart folder) finds now, counted up to `SMART_COUNT_CAP`. */
export interface SearchCount {
  query: string;
  count: number;
  /** More than `count` match: the sidebar shows "99+". */
  more: boolean;
}

export interface SearchResult extends Page<SearchHit> {
  /**
   * What the query asked for that was not understood (unknown operator, bad date), as sentences by key, so the
   * search box says them in the agent's language; empty when there is nothing to tell. Results are still best effort.
   */
  warnings: Sentence[];
}

/* ------------------------------------------------------------------ methods */

export type NoParams = Record<string, never>;

export interface DeskMethods extends AccountMethods, TriageMethods, ComposeMethods, TeamMethods, RulesMethods {
  'app.info': { params: NoParams; result: AppInfo };
  'workspace.openDemo': { params: NoParams; result: AccountSummary };
  'workspace.removeDemo': { params: NoParams; result: null };
  'messages.list': { params: MessageListParams; result: Page<MessageSummary> };
  'messages.get': { params: { id: number }; result: MessageDetail };
  'messages.setRead': { params: { ids: number[]; read: boolean }; result: null };
  /** Moves on the server through the durable write-back queue; the cache changes at once. */
  'messages.move': { params: MoveParams; result: MoveResult };
  'messages.moveBack': { params: { moves: MoveBack[] }; result: null };
  'folders.list': { params: { accountId: number | null }; result: FolderSummary[] };
  /** The attachment's bytes, from the content-addressed store (fetched from the server first if not cached yet). */
  'attachments.get': { params: { id: number }; result: AttachmentData };
  /** The message as the server holds it (read from the server each time; the demo's is made again). */
  'messages.original': { params: { id: number }; result: MessageOriginal };
  'conversations.list': { params: MessageListParams; result: Page<ConversationSummary> };
  'conversations.get': { params: { id: number }; result: ConversationDetail };
  /** Moves one message (and its replies) into a conversation of its own. */
  'conversations.split': { params: { messageId: number }; result: { conversationId: number } };
  'conversations.merge': { params: { targetId: number; sourceId: number }; result: { conversationId: number } };
  'search.query': { params: SearchParams; result: SearchResult };
  /** Counts for the smart folders in the sidebar: each query run as `search.query` would, up to 99 conversations. */
  'search.counts': { params: { queries: string[]; accountId: number | null }; result: SearchCount[] };
  'contacts.get': { params: { id: number }; result: ContactCard };
  'contacts.merge': { params: { targetId: number; sourceId: number }; result: ContactCard };
  /** Takes one address out of a merged contact into a contact of its own. */
  'contacts.unmerge': { params: { id: number; address: string }; result: ContactCard };
  'contacts.setBlocked': { params: { id: number; blocked: boolean }; result: ContactCard };
  'contacts.setTags': { params: { id: number; tags: string[] }; result: ContactCard };
  'contacts.setRemoteImages': { params: { id: number; allowed: boolean }; result: ContactCard };
  /** CSV with a header row; an `email` column matches contacts, every other column becomes an attribute. */
  'contacts.importCsv': { params: { csv: string }; result: CsvImportResult };
}

export type DeskMethodName = keyof DeskMethods;
export type DeskParams<M extends DeskMethodName> = DeskMethods[M]['params'];
export type DeskResult<M extends DeskMethodName> = DeskMethods[M]['result'];

/* ------------------------------------------------------------------ events */

/**
 * `triage`: conversation state (status, assignee, tags, ...) and drawer
 * counts; `activity`: notes and calls; `outbox`: the "To send" drawer and
 * audits; `drafts`, `templates`, `team` (agents, groups, presence).
 */
export type ChangedTable =
  | 'accounts'
  | 'messages'
  | 'conversations'
  | 'contacts'
  | 'folders'
  | 'triage'
  | 'activity'
  | 'outbox'
  | 'drafts'
  | 'templates'
  | 'team'
  | 'rules';

/**
 * Something the agent should notice now: a snooze came back, a colleague shared or mentioned, a scheduled mail
 * went out late, a mail was not sent or bounced. Title and body are sentences by key, so the renderer says them in
 * the agent's language; subjects, names and a colleague's note travel as values, verbatim.
 */
export interface DeskNotification {
  kind: 'snooze-ended' | 'shared' | 'mentioned' | 'assigned' | 'replied' | 'sent-late' | 'send-failed';
  title: Sentence;
  body: Sentence;
  conversationId: number | null;
}

export type DeskEvent =
  /** Rows changed; stores re-query what they show. `ids` absent: anything in the table. */
  | { type: 'changed'; table: ChangedTable; ids?: number[] }
  | { type: 'accountHealth'; accountId: number; health: AccountHealth }
  | { type: 'notify'; notification: DeskNotification }
  | { type: 'teamHealth'; health: TeamHealth };

/* ------------------------------------------------------------------ errors */

export type DeskErrorCode =
  /** The message was not a valid envelope or its params failed validation. */
  | 'bad-request'
  | 'unknown-method'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'internal';

export interface DeskError {
  code: DeskErrorCode;
  /** In English: for the log, and for a renderer older than the sentence's key. */
  message: string;
  /**
   * What went wrong as a sentence by key, for the agent in their own language. Set by handlers (`DeskFailure`);
   * absent for malformed calls (bad JSON, unknown method, invalid params: programmer-facing) and internal errors.
   */
  sentence?: Sentence;
  /** Validation problems, one line each (`params.imap.port: Expected number`). */
  issues?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError };

/* ------------------------------------------------------------------ envelope */

export interface CallMessage<M extends DeskMethodName = DeskMethodName> {
  kind: 'call';
  /** Chosen by the client, echoed in the answer. */
  id: number;
  method: M;
  params: DeskParams<M>;
}

export type ClientMessage = CallMessage;

export type ServerMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  /** Answer to a message so broken that it had no usable id. */
  | { kind: 'rejected'; error: DeskError }
  | { kind: 'event'; event: DeskEvent };

/* ------------------------------------------------------------------ client */

/** What the preload exposes in Electron, and what the WebSocket adapter implements in browser mode. */
export interface DeskTransport {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): () => void;
}

/** The renderer's only way to data. */
export interface DeskApi {
  call<M extends DeskMethodName>(method: M, params: DeskParams<M>): Promise<Result<DeskResult<M>>>;
  onEvent(listener: (event: DeskEvent) => void): () => void;
}

/** Name under which the preload exposes the transport on `window`. */
export const TRANSPORT_GLOBAL = 'switchboardTransport';
