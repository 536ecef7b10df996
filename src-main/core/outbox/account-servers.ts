/**
 * An account's servers with their passwords, read from the secret store just
 * before connecting and kept only in memory; and short IMAP sessions for the
 * outbox (appending to Sent, looking a Message-ID up), the mail inspector
 * and the acknowledger.
 */
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import type { Sentence, ServerSettings } from '../../../src-preload/api.ts';
import { decodeAccountSecret } from '../accounts/account-secret.ts';
import type { Clock } from '../clock.ts';
import { getAccount } from '../db/accounts.repo.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { sentence } from '../sentences.ts';
import { closeGracefully, createImapClient } from '../sync/imap-client.ts';

export interface AccountServers {
  accountId: number;
  name: string;
  email: string;
  imap: ServerSettings;
  smtp: ServerSettings;
}

/** The account cannot send or be asked: why, as a sentence by key, becomes the outbox item's problem. */
export class AccountUnusableError extends Error {
  readonly sentence: Sentence;
  constructor(said: Sentence) {
    super(said.text);
    this.name = 'AccountUnusableError';
    this.sentence = said;
  }
}

export async function accountServers(db: Database, secrets: SecretStore, accountId: number): Promise<AccountServers> {
  const a = getAccount(db, accountId);
  if (!a) throw new AccountUnusableError(sentence('messageMailboxGone'));
  if (a.kind !== 'imap') throw new AccountUnusableError(sentence('demoCannotSend'));
  if (!a.imap_host || !a.imap_port || !a.imap_security || !a.imap_user || !a.smtp_host || !a.smtp_port || !a.smtp_security) {
    throw new AccountUnusableError(sentence('mailboxIncomplete'));
  }
  let secret;
  try {
    secret = await decodeAccountSecret(secrets, a.secret);
  } catch {
    throw new AccountUnusableError(sentence('sendPasswordUnreadable'));
  }
  return {
    accountId,
    name: a.name,
    email: a.email,
    imap: { host: a.imap_host, port: a.imap_port, security: a.imap_security, user: a.imap_user, password: secret.imapPassword },
    smtp: { host: a.smtp_host, port: a.smtp_port, security: a.smtp_security, user: a.smtp_user ?? '', password: secret.smtpPassword },
  };
}

/** Runs work on a connected IMAP client: a session of its own (`withImap`) or a shared one (`ImapSession`). */
export type ImapRunner = <T>(fn: (client: ImapFlow) => Promise<T>) => Promise<T>;

async function connectedClient(settings: ServerSettings): Promise<ImapFlow> {
  const client = createImapClient(settings, { connectMs: 15_000, greetingMs: 10_000, socketMs: 60_000 });
  client.on('error', () => {
    // Surfaced by the awaited command that failed.
  });
  await client.connect();
  return client;
}

export async function withImap<T>(settings: ServerSettings, clock: Clock, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await connectedClient(settings);
  try {
    return await fn(client);
  } finally {
    await closeGracefully(client, clock);
  }
}

/**
 * One login for several short pieces of work on the same account (the
 * acknowledger reads a mail's headers, looks for its answer in Sent, files
 * the copy): connected when first used, connected again when the server
 * dropped it meanwhile (an idle socket times out while the team agrees who
 * sends), logged out by `close()`. Work runs one piece at a time.
 */
export class ImapSession {
  private client: ImapFlow | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private logins = 0;
  private readonly settings: ServerSettings;
  private readonly clock: Clock;

  constructor(settings: ServerSettings, clock: Clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** How many times this session logged in (diagnostics and tests). */
  get loginCount(): number {
    return this.logins;
  }

  readonly run: ImapRunner = <T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const next = this.queue.then(async () => fn(await this.connected()));
    this.queue = next.catch(() => undefined);
    return next;
  };

  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.client?.close();
    this.client = null;
    const client = await connectedClient(this.settings);
    this.logins++;
    this.client = client;
    return client;
  }

  async close(): Promise<void> {
    await this.queue;
    const client = this.client;
    this.client = null;
    if (client?.usable) await closeGracefully(client, this.clock);
    else client?.close();
  }
}

/** Appends a copy; the UID when the server reports it (UIDPLUS). */
export async function appendCopy(client: ImapFlow, path: string, raw: Buffer, date: Date): Promise<{ uid: number; uidValidity: number } | null> {
  const res = await client.append(path, raw, ['\\Seen'], date);
  if (!res || typeof res.uid !== 'number' || res.uidValidity === undefined) return null;
  return { uid: res.uid, uidValidity: Number(res.uidValidity) };
}

/** Whether the folder holds a message with this Message-ID (without <>). */
export async function folderHasMessageId(client: ImapFlow, path: string, messageId: string): Promise<boolean> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return Array.isArray(found) && found.length > 0;
  } finally {
    lock.release();
  }
}
