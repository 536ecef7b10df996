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

/* ------------------------------------------------------------------ accounts */

/** `tls`: implicit TLS (IMAPS 993, SMTPS 465). `starttls`: upgrade in-band. */
export type Security = 'tls' | 'starttls' | 'none';

export interface ServerSettings {
  host: string;
  port: number;
  security: Security;
  user: string;
  password: string;
}

export interface AccountSettingsInput {
  /** Shown in the sidebar, e.g. "Acme Support". */
  name: string;
  /** The shared mailbox's address, used as From. */
  email: string;
  imap: ServerSettings;
  smtp: ServerSettings;
}

/** What went wrong, in categories the UI explains in plain words. */
export type ConnectionProblem =
  | 'auth-failed'
  | 'host-not-found'
  | 'connection-refused'
  | 'timeout'
  | 'tls-certificate'
  | 'tls-handshake'
  | 'not-imap'
  | 'not-smtp'
  | 'unknown';

export interface ServerCheck {
  ok: boolean;
  problem: ConnectionProblem | null;
  /** One plain sentence for the agent, e.g. "The server rejected the user name or password." */
  message: string;
  /** The technical detail (server answer, errno) for the log and a "details" toggle. */
  detail: string | null;
}

export interface ConnectionTestResult {
  imap: ServerCheck;
  smtp: ServerCheck;
}

export type AccountKind = 'imap' | 'demo';

export type HealthState = 'connected' | 'syncing' | 'offline' | 'auth-failed' | 'error';

export interface AccountHealth {
  state: HealthState;
  /** While syncing: messages done of total in the current pass. */
  progress: { done: number; total: number } | null;
  /** Plain-words last error, kept after recovery until the next success. */
  lastError: string | null;
  /** Epoch ms of the last completed sync pass. */
  lastSyncAt: number | null;
}

export interface AccountSummary {
  id: number;
  kind: AccountKind;
  name: string;
  email: string;
  health: AccountHealth;
}

export type ConnectResult =
  | { ok: true; account: AccountSummary }
  | { ok: false; test: ConnectionTestResult };

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
  messageId: string | null;
  /** Plain text body; for HTML-only mail, a text rendering of it. */
  text: string;
  /** Raw HTML as received. The renderer sanitizes it and shows it in a sandboxed frame. */
  html: string | null;
  attachments: AttachmentInfo[];
}

export type MessageFolderRole = 'inbox' | 'sent' | 'junk' | 'archive' | 'drafts' | 'trash' | 'other';

export interface MessageListParams {
  /** null: every account. */
  accountId: number | null;
  folder: MessageFolderRole;
  cursor: string | null;
  /** 1..500 */
  limit: number;
}

/* ------------------------------------------------------------------ methods */

export type NoParams = Record<string, never>;

export interface DeskMethods {
  'app.info': { params: NoParams; result: AppInfo };
  'workspace.openDemo': { params: NoParams; result: AccountSummary };
  'workspace.removeDemo': { params: NoParams; result: null };
  'accounts.list': { params: NoParams; result: AccountSummary[] };
  'accounts.test': { params: AccountSettingsInput; result: ConnectionTestResult };
  /** Tests the settings; when both servers answer, saves the account (password encrypted) and starts syncing. */
  'accounts.connect': { params: AccountSettingsInput; result: ConnectResult };
  'accounts.remove': { params: { accountId: number }; result: null };
  'accounts.syncNow': { params: { accountId: number }; result: null };
  'messages.list': { params: MessageListParams; result: Page<MessageSummary> };
  'messages.get': { params: { id: number }; result: MessageDetail };
  'messages.setRead': { params: { ids: number[]; read: boolean }; result: null };
}

export type DeskMethodName = keyof DeskMethods;
export type DeskParams<M extends DeskMethodName> = DeskMethods[M]['params'];
export type DeskResult<M extends DeskMethodName> = DeskMethods[M]['result'];

/* ------------------------------------------------------------------ events */

export type ChangedTable = 'accounts' | 'messages';

export type DeskEvent =
  /** Rows changed; stores re-query what they show. `ids` absent: anything in the table. */
  | { type: 'changed'; table: ChangedTable; ids?: number[] }
  | { type: 'accountHealth'; accountId: number; health: AccountHealth };

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
  message: string;
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
