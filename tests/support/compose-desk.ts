/**
 * A desktop for the replying tests: the cache, the sync manager and the
 * compose domain, wired as service.ts wires them (without the other domains),
 * on a test Dovecot user and an SMTP sink. Every call goes through the
 * compose schemas first, as the RPC router does. Closing and starting again
 * on the same data directory is a core restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ComposeMethods, DeskEvent } from '../../src-preload/api.ts';
import { encodeAccountSecret } from '../../src-main/core/accounts/account-secret.ts';
import { SyncManager } from '../../src-main/core/accounts/sync-manager.ts';
import type { Clock } from '../../src-main/core/clock.ts';
import { systemClock } from '../../src-main/core/clock.ts';
import { composeSchemas } from '../../src-main/core/compose/compose.schemas.ts';
import { startCompose } from '../../src-main/core/compose/compose.service.ts';
import '../../src-main/core/contacts/contact-step.ts';
import { accountsOfKind, getAccount, insertAccount } from '../../src-main/core/db/accounts.repo.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { EventBus } from '../../src-main/core/events.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { cacheFile } from '../../src-main/core/paths.ts';
import { DeskFailure } from '../../src-main/core/rpc/router.ts';
import { createFileSecretStore } from '../../src-main/core/secrets/file-secret-store.ts';
import { createLocalActor } from '../../src-main/core/team/local-actor.ts';
import type { LocalActor } from '../../src-main/core/team/local-actor.ts';
import { startDovecot } from './dovecot.ts';
import type { DovecotServer } from './dovecot.ts';
import { startSmtpSink } from './smtp-sink.ts';
import type { SmtpSink } from './smtp-sink.ts';

type M = keyof ComposeMethods;

export interface ComposeDesk {
  db: Database;
  actor: LocalActor;
  events: DeskEvent[];
  compose: ReturnType<typeof startCompose>;
  syncs: SyncManager;
  /** Validated like an RPC call; a DeskFailure is rethrown as an Error with its code. */
  call<K extends M>(method: K, params: ComposeMethods[K]['params']): Promise<ComposeMethods[K]['result']>;
  close(): Promise<void>;
}

export interface TestAccount {
  email: string;
  imap: { host: string; port: number; user: string; password: string };
  smtp: { host: string; port: number; user: string; password: string };
}

/** Saves an IMAP account as accounts.connect would (password encrypted), without the connection test. */
export async function addAccount(dataDir: string, account: TestAccount): Promise<number> {
  const { db } = openDatabase(cacheFile(dataDir));
  try {
    const secret = await encodeAccountSecret(createFileSecretStore(dataDir), { imapPassword: account.imap.password, smtpPassword: account.smtp.password });
    return insertAccount(db, {
      kind: 'imap',
      name: 'Acme Support',
      email: account.email,
      imap: { host: account.imap.host, port: account.imap.port, security: 'none', user: account.imap.user },
      smtp: { host: account.smtp.host, port: account.smtp.port, security: 'none', user: account.smtp.user },
      secret,
      createdAt: Date.now(),
    });
  } finally {
    db.close();
  }
}

/** `clock` drives the outbox (send later, undo); the IMAP sync keeps real time. */
export async function startComposeDesk(dataDir: string, clock: Clock): Promise<ComposeDesk> {
  const { db } = openDatabase(cacheFile(dataDir));
  const bus = new EventBus();
  const events: DeskEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const secrets = createFileSecretStore(dataDir);
  const actor = createLocalActor(db, clock);
  const syncs = new SyncManager({ db, dataDir, secrets, events: bus, log: silentLogger, clock: systemClock });
  for (const a of accountsOfKind(db, 'imap')) await syncs.start(a);
  const compose = startCompose({ db, dataDir, secrets, events: bus, actor, clock, log: silentLogger, syncs });
  return {
    db,
    actor,
    events,
    compose,
    syncs,
    async call(method, params) {
      const parsed = composeSchemas[method].safeParse(params);
      if (!parsed.success) throw new Error(`bad-request: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      const handler = compose.handlers[method] as (p: unknown) => unknown;
      try {
        return (await handler(parsed.data)) as never;
      } catch (err) {
        if (err instanceof DeskFailure) throw new Error(`${err.code}: ${err.message}`);
        throw err;
      }
    },
    async close() {
      await compose.close();
      await syncs.stopAll();
      db.close();
    },
  };
}

export function accountEmail(db: Database, id: number): string {
  return getAccount(db, id)?.email ?? '';
}

/** Polls until `check` holds (usable in beforeAll, unlike expect.poll). */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ReplyingDesk {
  dovecot: DovecotServer;
  sink: SmtpSink;
  desk: ComposeDesk;
  stop(): Promise<void>;
}

/**
 * A whole replying desk on loopback: a Dovecot user whose INBOX and Sent hold
 * `inbox` and `sent`, an SMTP sink, the account saved, and the desk started
 * and synced until every mail is threaded.
 */
export async function startReplyingDesk(options: { user: string; inbox: Buffer[]; sent?: Buffer[]; clock: Clock }): Promise<ReplyingDesk> {
  const { user } = options;
  const dovecot = await startDovecot({ users: [{ user, password: 'imap-pw' }] });
  const sink = await startSmtpSink({ users: [{ user, password: 'smtp-pw' }] });
  await dovecot.withClient(user, (c) => c.mailboxCreate('Sent'));
  for (const raw of options.inbox) await dovecot.append(user, 'INBOX', raw);
  for (const raw of options.sent ?? []) await dovecot.append(user, 'Sent', raw, ['\\Seen']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-replying-'));
  await addAccount(dir, { email: user, imap: { host: dovecot.host, port: dovecot.port, user, password: 'imap-pw' }, smtp: { host: sink.host, port: sink.port, user, password: 'smtp-pw' } });
  const desk = await startComposeDesk(dir, options.clock);
  const total = options.inbox.length + (options.sent?.length ?? 0);
  const threaded = (): number => desk.db.prepare('SELECT count(*) FROM messages WHERE conversation_id IS NOT NULL').pluck().get() as number;
  await waitUntil('the mailbox is synced and threaded', () => threaded() === total, 20_000);
  return {
    dovecot,
    sink,
    desk,
    async stop() {
      await desk.close();
      await sink.stop();
      await dovecot.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
