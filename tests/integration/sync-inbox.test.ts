/**
 * INBOX sync against a real Dovecot: the initial sync, new mail by IDLE,
 * expunges and \Seen made by another client, restarts without duplicates, a
 * UIDVALIDITY reset, a server outage, a rejected password, a full disk, and a
 * fault in Switchboard itself.
 * One Dovecot for the file; each scenario has its own mailbox user.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountHealth, MessageSummary } from '../../src-preload/api.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { getFolderByRole } from '../../src-main/core/db/folders.repo.ts';
import { countMessages, getMessage, listLocations, listMessages, setSeen } from '../../src-main/core/db/messages.repo.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import type { Logger } from '../../src-main/core/log.ts';
import { AccountSync } from '../../src-main/core/sync/account-sync.ts';
import type { AccountSyncOptions } from '../../src-main/core/sync/account-sync.ts';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail, seedAccount } from '../support/mail-fixtures.ts';

const users = ['main', 'uidvalidity', 'outage', 'badpass', 'diskfull', 'fault'].map((name) => ({ user: `${name}@example.test`, password: `pw-${name}` }));
const [mainUser, uidUser, outageUser, badUser, fullUser, faultUser] = users.map((u) => u.user) as [string, string, string, string, string, string];
let dovecot: DovecotServer;
let dataDir: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sync-'));
});

afterAll(async () => {
  await dovecot?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Harness {
  db: Database;
  accountId: number;
  sync: AccountSync;
  healths: AccountHealth[];
  changed: number[][];
}

function harness(user: string, db: Database, accountId: number, extra: Partial<AccountSyncOptions> = {}): Harness {
  const healths: AccountHealth[] = [];
  const changed: number[][] = [];
  const password = users.find((u) => u.user === user)?.password ?? '';
  const sync = new AccountSync({
    db,
    dataDir,
    accountId,
    imap: { host: dovecot.host, port: dovecot.port, security: 'none', user, password },
    log: silentLogger,
    onHealth: (h) => healths.push(h),
    onMessagesChanged: (ids) => changed.push(ids),
    backoff: { baseMs: 100, maxMs: 800 },
    ...extra,
  });
  return { db, accountId, sync, healths, changed };
}

const base = Date.UTC(2025, 2, 1, 8, 0, 0);
const seeded = (n: number): Buffer => buildMail({ subject: `Order question #${n}`, date: new Date(base + n * 60_000), messageId: `seed-${n}@shop.example` });

async function seed(user: string, numbers: number[]): Promise<void> {
  await dovecot.withClient(user, async (client) => {
    for (const n of numbers) await client.append('INBOX', seeded(n));
  });
}

function inbox(db: Database, accountId: number, limit = 500): MessageSummary[] {
  const out: MessageSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = listMessages(db, { accountId, folder: 'inbox', cursor, limit });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  await expect.poll(check, { timeout: timeoutMs, interval: 50, message: what }).toBe(true);
}

const connected = (h: Harness): boolean => h.sync.health.state === 'connected';

async function uidOf(user: string, messageId: string): Promise<number> {
  return dovecot.withClient(user, async (client) => {
    await client.mailboxOpen('INBOX');
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    const uid = Array.isArray(uids) ? uids[0] : undefined;
    if (uid === undefined) throw new Error(`no message ${messageId}`);
    return uid;
  });
}

describe('a synced INBOX', () => {
  let db: Database;
  let accountId: number;
  let h: Harness;
  // Appended out of date order, so "newest first" cannot come from UID order.
  const order = [17, 3, 29, 8, 1, 22, 14, 30, 5, 11, 26, 19, 2, 9, 24, 13, 6, 28, 16, 4, 21, 10, 27, 7, 18, 25, 12, 20, 15, 23];

  beforeAll(async () => {
    db = openDatabase(':memory:').db;
    accountId = seedAccount(db, mainUser);
    await seed(mainUser, order);
    h = harness(mainUser, db, accountId, { batchSize: 8 });
  });

  afterAll(async () => {
    await h.sync.stop();
    db.close();
  });

  it('stores exactly the 30 seeded messages with their subjects, newest first', async () => {
    h.sync.start();
    await until('first sync completes', () => connected(h) && h.sync.health.lastSyncAt !== null);
    expect(countMessages(db, accountId)).toBe(30);
    const expected = Array.from({ length: 30 }, (_, i) => `Order question #${30 - i}`);
    expect(inbox(db, accountId).map((m) => m.subject)).toEqual(expected);
    expect(inbox(db, accountId, 7).map((m) => m.subject)).toEqual(expected);
    expect(inbox(db, accountId)[0]?.date).toBe(base + 30 * 60_000);

    // Progress was reported in batches while syncing, then connected without an error.
    const progress = h.healths.filter((x) => x.state === 'syncing' && x.progress).map((x) => x.progress);
    expect(progress[0]).toEqual({ phase: 'headers', done: 0, total: 30, etaSeconds: null });
    expect(progress.some((p) => p?.phase === 'bodies')).toBe(true);
    expect(h.sync.health).toMatchObject({ state: 'connected', progress: null, lastError: null });
    expect(new Set(h.changed.flat()).size).toBe(30);
    expect(getFolderByRole(db, accountId, 'inbox')?.syncedUid).toBe(30);
  });

  it('shows mail appended by another client within seconds (IDLE)', async () => {
    const before = countMessages(db, accountId);
    await dovecot.append(mainUser, 'INBOX', buildMail({ subject: 'Arrived while idling', date: new Date(base + 99 * 60_000) }));
    await until('new mail stored', () => countMessages(db, accountId) === before + 1, 5_000);
    expect(inbox(db, accountId)[0]?.subject).toBe('Arrived while idling');
  });

  it('drops a message expunged by another client', async () => {
    const uid = await uidOf(mainUser, 'seed-5@shop.example');
    const id = inbox(db, accountId).find((m) => m.subject === 'Order question #5')?.id ?? -1;
    await dovecot.withClient(mainUser, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageDelete(String(uid), { uid: true });
    });
    await h.sync.syncNow();
    expect(inbox(db, accountId).map((m) => m.subject)).not.toContain('Order question #5');
    // The row outlives one full pass (the expunge might be half of a move seen later), not two.
    await h.sync.syncNow();
    expect(getMessage(db, id)).toBeNull();
    expect(countMessages(db, accountId)).toBe(30);
  });

  it('mirrors \\Seen set by another client, and keeps a local read state the server did not change', async () => {
    const uid = await uidOf(mainUser, 'seed-12@shop.example');
    const twelve = inbox(db, accountId).find((m) => m.subject === 'Order question #12');
    const thirteen = inbox(db, accountId).find((m) => m.subject === 'Order question #13');
    expect(twelve?.unread).toBe(true);
    setSeen(db, [thirteen?.id ?? -1], true);
    await dovecot.withClient(mainUser, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    });
    await h.sync.syncNow();
    expect(getMessage(db, twelve?.id ?? -1)?.unread).toBe(false);
    expect(getMessage(db, thirteen?.id ?? -1)?.unread).toBe(false);
  });

  it('stores no duplicates when sync starts again', async () => {
    const ids = inbox(db, accountId).map((m) => m.id);
    await h.sync.stop();
    expect(h.sync.health.state).toBe('offline');
    h = harness(mainUser, db, accountId);
    h.sync.start();
    await until('second sync completes', () => connected(h) && h.sync.health.lastSyncAt !== null);
    expect(inbox(db, accountId).map((m) => m.id)).toEqual(ids);
    expect(h.changed.flat()).toEqual([]);
  });
});

describe('a UIDVALIDITY reset on the server', () => {
  it('resyncs the folder onto the same rows, without duplicates', async () => {
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, uidUser);
    await seed(uidUser, [1, 2, 3, 4, 5]);
    const h = harness(uidUser, db, accountId);
    h.sync.start();
    await until('first sync', () => connected(h) && countMessages(db, accountId) === 5);
    const ids = inbox(db, accountId).map((m) => m.id);
    const before = getFolderByRole(db, accountId, 'inbox')?.uidvalidity;
    await h.sync.stop();

    // Dovecot makes a new UIDVALIDITY (the current second) when its UID list and index are lost.
    await new Promise((r) => setTimeout(r, 1100));
    await dovecot.halt();
    const maildir = path.join(dovecot.dir, 'mail', uidUser);
    for (const f of fs.readdirSync(maildir)) if (f.startsWith('dovecot')) fs.rmSync(path.join(maildir, f), { recursive: true });
    await dovecot.resume();

    const again = harness(uidUser, db, accountId);
    again.sync.start();
    await until('resync', () => connected(again) && again.sync.health.lastSyncAt !== null);
    const after = getFolderByRole(db, accountId, 'inbox');
    expect(after?.uidvalidity).not.toBe(before);
    expect(listLocations(db, after?.id ?? -1, before ?? -1)).toEqual([]);
    expect(listLocations(db, after?.id ?? -1, after?.uidvalidity ?? -1)).toHaveLength(5);
    expect(inbox(db, accountId).map((m) => m.id)).toEqual(ids);
    expect(countMessages(db, accountId)).toBe(5);
    await again.sync.stop();
    db.close();
  });
});

describe('a server outage', () => {
  it('goes offline when Dovecot stops and reconnects when it is back', async () => {
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, outageUser);
    await seed(outageUser, [1, 2, 3]);
    const h = harness(outageUser, db, accountId);
    h.sync.start();
    await until('first sync', () => connected(h) && countMessages(db, accountId) === 3);

    await dovecot.halt();
    await until('offline', () => h.sync.health.state === 'offline');
    expect(h.sync.health.lastError?.text).toMatch(/127\.0\.0\.1/);
    // Retries are refused: a server that worked is down, not a setting to check.
    await until('says the server is not answering', () => h.sync.health.lastError?.key === 'serverNotAnswering', 15_000);

    await dovecot.resume();
    await until('reconnected', () => connected(h), 15_000);
    expect(h.sync.health.lastError).toBeNull();

    await dovecot.append(outageUser, 'INBOX', buildMail({ subject: 'After the outage' }));
    await until('IDLE works on the new connection', () => countMessages(db, accountId) === 4, 5_000);
    await h.sync.stop();
    db.close();
  });
});

describe('a rejected password', () => {
  it('reports auth-failed in plain words', async () => {
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, badUser);
    const h = harness(badUser, db, accountId, {
      imap: { host: dovecot.host, port: dovecot.port, security: 'none', user: badUser, password: 'wrong' },
    });
    h.sync.start();
    await until('auth-failed', () => h.sync.health.state === 'auth-failed');
    expect(h.sync.health.lastError?.text).toBe('The server rejected the user name or password.');
    expect(countMessages(db, accountId)).toBe(0);
    await h.sync.stop();
    db.close();
  });
});

describe('a full disk', () => {
  it('says so in plain words, stores nothing half, and finishes the sync by itself once there is space', async () => {
    const db = openDatabase(path.join(fs.mkdtempSync(path.join(dataDir, 'full-')), 'cache.sqlite')).db;
    const accountId = seedAccount(db, fullUser);
    await seed(fullUser, Array.from({ length: 40 }, (_, i) => i + 1));
    // A real SQLITE_FULL: the cache may not grow, and its free pages are taken.
    db.exec('CREATE TABLE filler (x BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    expect(() => {
      for (;;) db.prepare('INSERT INTO filler VALUES (randomblob(1000))').run();
    }).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    const h = harness(fullUser, db, accountId);
    h.sync.start();
    await until('the error', () => h.sync.health.state === 'error');
    expect(h.sync.health.lastError?.text).toBe('The disk is full, so new mail cannot be stored. Free some space; syncing resumes by itself.');
    // The connection was fine: the message must not send the agent to the server settings.
    expect(h.sync.health.lastError?.text).not.toMatch(/127\.0\.0\.1|connect/i);
    expect(countMessages(db, accountId)).toBe(0);

    // Space again: the next retry (backoff) resumes the sync with no action from the agent.
    db.exec('DROP TABLE filler');
    db.pragma('max_page_count = 1073741823');
    await until('synced', () => connected(h) && countMessages(db, accountId) === 40, 15_000);
    expect(h.sync.health.lastError).toBeNull();
    expect(new Set(inbox(db, accountId).map((m) => m.subject)).size).toBe(40);
    await h.sync.stop();
    db.close();
  });
});

describe('a fault in Switchboard itself', () => {
  it('is named as ours, not the server\'s, logged with where it happened, retried, and after three in a row asks for the log', async () => {
    const db = openDatabase(path.join(fs.mkdtempSync(path.join(dataDir, 'fault-')), 'cache.sqlite')).db;
    const accountId = seedAccount(db, faultUser);
    await seed(faultUser, Array.from({ length: 12 }, (_, i) => i + 1));
    // A real failure of our own storing code (SQLITE_CONSTRAINT_TRIGGER), standing in for any bug mid-pass.
    db.exec("CREATE TRIGGER fault BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'a bug in the storing code'); END");
    const logged: Array<{ level: string; msg: string; fields: Record<string, unknown> | undefined }> = [];
    const log: Logger = {
      debug: () => {},
      info: () => {},
      warn: (msg, fields) => logged.push({ level: 'warn', msg, fields }),
      error: (msg, fields) => logged.push({ level: 'error', msg, fields }),
      child: () => log,
    };
    const h = harness(faultUser, db, accountId, { log });
    h.sync.start();
    await until('the error', () => h.sync.health.state === 'error');
    expect(h.sync.health.lastError?.text).toBe('Switchboard hit an error of its own, not a problem with the server. If this stays, send logs/core.log from its data folder to support.');
    expect(h.sync.health.lastError?.text).not.toMatch(/127\.0\.0\.1|connect/i);
    // Logged as an error, with the error itself (its stack says where), not as a failed connection.
    const entry = logged.find((e) => e.level === 'error' && e.fields?.['err'] instanceof Error);
    expect(entry?.msg).toMatch(/unexpected error/);
    expect(entry?.fields?.['detail']).toMatch(/a bug in the storing code/);
    expect(logged.some((e) => e.msg === 'connection failed')).toBe(false);
    expect(countMessages(db, accountId)).toBe(0);

    // It recurs on every retry: from the third in a row the agent is asked for the log, with the count.
    await until('the third fault in a row', () => h.sync.health.lastError?.key === 'internalRepeating', 15_000);
    expect(Number(h.sync.health.lastError?.vars['count'])).toBeGreaterThanOrEqual(3);
    expect(h.sync.health.lastError?.text).toMatch(/error of its own \d+ times in a row.*send logs\/core\.log/);
    expect(logged.some((e) => e.msg.includes('again') && Number(e.fields?.['inARow']) >= 3)).toBe(true);

    // Fixed (here: the fault removed), the next retry finishes the sync with no action from the agent.
    db.exec('DROP TRIGGER fault');
    await until('synced', () => connected(h) && countMessages(db, accountId) === 12, 15_000);
    expect(h.sync.health.lastError).toBeNull();

    // A sync that went through starts the count again: the next fault is a first one, not a fourth.
    const before = h.healths.length;
    db.exec("CREATE TRIGGER fault BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'a bug in the storing code'); END");
    await seed(faultUser, [13]);
    h.sync.syncNow();
    await until('the next fault', () => h.healths.slice(before).some((x) => x.state === 'error'), 15_000);
    expect(h.healths.slice(before).find((x) => x.state === 'error')?.lastError?.key).toBe('internal');
    db.exec('DROP TRIGGER fault');
    await until('synced again', () => connected(h) && countMessages(db, accountId) === 13, 15_000);
    await h.sync.stop();
    db.close();
  });
});
