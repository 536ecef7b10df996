/**
 * Accounts contract: connecting a mailbox, its health and sync progress as the
 * sidebar shows them, and changing its settings (a new password after the
 * provider's changed) without losing its cache.
 */
import type { Sentence } from './sentences.ts';

// Sentences by key (sentences.ts) began with connection checks; re-exported here so api.ts carries them.
export type * from './sentences.ts';

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

/** An account's saved settings, as the edit form starts from them: never a password. */
export interface SavedAccountSettings {
  accountId: number;
  name: string;
  email: string;
  imap: Omit<ServerSettings, 'password'>;
  smtp: Omit<ServerSettings, 'password'>;
  /** Whether one password serves both servers, so the form can keep them together as the connect form does. */
  samePassword: boolean;
}

/**
 * New settings for a connected account. The IMAP server and user name are
 * the mailbox itself and cannot change (another mailbox is another account);
 * an empty password keeps the saved one.
 */
export interface AccountUpdateInput {
  accountId: number;
  name: string;
  email: string;
  imap: Pick<ServerSettings, 'port' | 'security' | 'password'>;
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
  /** This computer's own storage failed (disk full, cache damaged or read-only), not the server. */
  | 'local-storage'
  /** A fault in Switchboard itself (a bug), not the server nor this computer's storage. */
  | 'internal'
  | 'unknown';

export interface ServerCheck {
  ok: boolean;
  problem: ConnectionProblem | null;
  /** One plain sentence for the agent, e.g. "The server rejected the user name or password." */
  message: Sentence;
  /** The technical detail (server answer, errno) for the log and a "details" toggle. */
  detail: string | null;
}

export interface ConnectionTestResult {
  imap: ServerCheck;
  smtp: ServerCheck;
}

export type AccountKind = 'imap' | 'demo';

export type HealthState = 'connected' | 'syncing' | 'offline' | 'auth-failed' | 'error';

export interface SyncProgress {
  /**
   * `headers`: listing what is on the server (the inbox is usable as it goes); `threading`: grouping what a
   * large listing stored into conversations (until then related mail may show as separate rows);
   * `bodies`: caching bodies for offline reading.
   */
  phase: 'headers' | 'threading' | 'bodies';
  done: number;
  total: number;
  /** Estimated seconds left in this phase, once there is enough to estimate from. */
  etaSeconds: number | null;
}

export interface AccountHealth {
  state: HealthState;
  /**
   * While syncing: progress of the current phase. Without a connection, the `threading` phase only: core
   * goes on grouping what was already downloaded offline.
   */
  progress: SyncProgress | null;
  /** Plain-words last error, kept after recovery until the next success. */
  lastError: Sentence | null;
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

export interface AccountMethods {
  'accounts.list': { params: Record<string, never>; result: AccountSummary[] };
  'accounts.test': { params: AccountSettingsInput; result: ConnectionTestResult };
  /** Tests the settings; when both servers answer, saves the account (password encrypted) and starts syncing. */
  'accounts.connect': { params: AccountSettingsInput; result: ConnectResult };
  /** The settings the edit form starts from (no passwords). */
  'accounts.settings': { params: { accountId: number }; result: SavedAccountSettings };
  /** Tests changed settings (saved passwords fill in empty ones) without saving anything. */
  'accounts.testUpdate': { params: AccountUpdateInput; result: ConnectionTestResult };
  /** Tests the changed settings; when both servers answer, saves them and reconnects. The cache and team state stay. */
  'accounts.update': { params: AccountUpdateInput; result: ConnectResult };
  'accounts.remove': { params: { accountId: number }; result: null };
  'accounts.syncNow': { params: { accountId: number }; result: null };
}
