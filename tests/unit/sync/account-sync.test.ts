/**
 * AccountSync's reconnect schedule, driven by a ManualClock: no attempt is
 * made before the backoff delay has passed on the clock, delays grow, and
 * stop() cancels the pending retry; offline, the threading queue is drained
 * all the same. The "server" is a TCP listener that counts connections and
 * hangs up at once (no Dovecot needed).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountHealth } from '../../../src-preload/api.ts';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import '../../../src-main/core/conversations/thread-step.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import { countQueuedForThreading } from '../../../src-main/core/db/thread-queue.repo.ts';
import { prepareHeaderRow } from '../../../src-main/core/mail/header-row.ts';
import { storeBatch } from '../../../src-main/core/mail/ingest.ts';
import { AccountSync } from '../../../src-main/core/sync/account-sync.ts';
import { buildMail, seedAccount } from '../../support/mail-fixtures.ts';

let server: net.Server;
let port: number;
let connections = 0;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-account-sync-'));
  server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => {
  server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function settle(): Promise<void> {
  // Let the socket attempt and its failure run through the event loop.
  await new Promise((r) => setTimeout(r, 150));
}

describe('AccountSync reconnects', () => {
  it('waits for the backoff on the clock, with growing delays, and stops retrying when stopped', async () => {
    const clock = new ManualClock();
    const db = openDatabase(':memory:').db;
    const healths: AccountHealth[] = [];
    const sync = new AccountSync({
      db,
      dataDir,
      accountId: seedAccount(db),
      imap: { host: '127.0.0.1', port, security: 'none', user: 'u', password: 'p' },
      log: silentLogger,
      clock,
      random: () => 0,
      backoff: { baseMs: 1000, maxMs: 4000 },
      timeouts: { connectMs: 2000, greetingMs: 2000, socketMs: 2000 },
      onHealth: (h) => healths.push(h),
      onMessagesChanged: () => {},
    });
    connections = 0;
    sync.start();
    await expect.poll(() => sync.health.state, { timeout: 3000 }).not.toBe('syncing');
    expect(connections).toBe(1);
    expect(sync.health.state).toBe('error');
    expect(sync.health.lastError?.text).toMatch(/127\.0\.0\.1/);
    expect(clock.pending()).toBe(1);

    // First retry after base/2 (random 0 = the fixed half): 500 ms.
    clock.advance(499);
    await settle();
    expect(connections).toBe(1);
    clock.advance(1);
    await expect.poll(() => connections, { timeout: 3000 }).toBe(2);
    await expect.poll(() => clock.pending(), { timeout: 3000 }).toBe(1);

    // Second retry after 1000 ms.
    clock.advance(999);
    await settle();
    expect(connections).toBe(2);
    clock.advance(1);
    await expect.poll(() => connections, { timeout: 3000 }).toBe(3);
    await expect.poll(() => clock.pending(), { timeout: 3000 }).toBe(1);

    await sync.stop();
    expect(clock.pending()).toBe(0);
    clock.advance(60_000);
    await settle();
    expect(connections).toBe(3);
    expect(sync.health.state).toBe('offline');
    db.close();
  });

  it('syncNow retries at once instead of waiting for the backoff', async () => {
    const clock = new ManualClock();
    const db = openDatabase(':memory:').db;
    const sync = new AccountSync({
      db,
      dataDir,
      accountId: seedAccount(db),
      imap: { host: '127.0.0.1', port, security: 'none', user: 'u', password: 'p' },
      log: silentLogger,
      clock,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      timeouts: { connectMs: 2000, greetingMs: 2000, socketMs: 2000 },
      onHealth: () => {},
      onMessagesChanged: () => {},
    });
    connections = 0;
    sync.start();
    await expect.poll(() => clock.pending(), { timeout: 3000 }).toBe(1);
    await sync.syncNow();
    expect(connections).toBe(2);
    expect(clock.pending()).toBe(1);
    await sync.stop();
    db.close();
  });
});

/** What a crash in the threading phase leaves: `n` rows in provisional conversations, queued for threading. */
function crashedInThreading(n = 30): { db: Database; accountId: number; stored: number[] } {
  const db = openDatabase(':memory:').db;
  const accountId = seedAccount(db);
  const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
  const rows = Array.from({ length: n }, (_, i) => {
    const raw = buildMail({ messageId: `q${i}@shop.example`, subject: `Question ${i}` });
    const row = prepareHeaderRow({ accountId, folderId: inbox, uidvalidity: 1, uid: i + 1, flags: [], size: raw.length, headers: raw.subarray(0, raw.indexOf('\r\n\r\n') + 4) });
    if (!row) throw new Error('needs a Message-ID');
    return row;
  });
  const stored = storeBatch(db, rows, [], { deferThreading: true }).map((r) => r.messageRowId);
  expect(countQueuedForThreading(db, accountId)).toBe(n);
  return { db, accountId, stored };
}

function offlineSync(db: Database, accountId: number, healths: AccountHealth[], changed: number[]): AccountSync {
  return new AccountSync({
    db,
    dataDir,
    accountId,
    imap: { host: '127.0.0.1', port, security: 'none', user: 'u', password: 'p' },
    log: silentLogger,
    clock: new ManualClock(),
    backoff: { baseMs: 60_000, maxMs: 60_000 },
    timeouts: { connectMs: 2000, greetingMs: 2000, socketMs: 2000 },
    threadBatchSize: 10,
    // The reporter holds back progress-only changes for 250 ms of the (manual) clock: the first of each kind shows.
    onHealth: (h) => healths.push(h),
    onMessagesChanged: (ids) => changed.push(...ids),
  });
}

describe('AccountSync offline', () => {
  it('threads what a large pass left queued without waiting for the server', async () => {
    const { db, accountId, stored } = crashedInThreading();
    const changed: number[] = [];
    const healths: AccountHealth[] = [];
    const sync = offlineSync(db, accountId, healths, changed);
    sync.start();
    await expect.poll(() => countQueuedForThreading(db, accountId), { timeout: 3000 }).toBe(0);
    await expect.poll(() => sync.health.progress, { timeout: 3000 }).toBeNull();
    expect(sync.health.state).not.toBe('connected');
    expect(changed.sort((a, b) => a - b)).toEqual(stored.sort((a, b) => a - b));
    // The agent sees what is happening: "grouping n of 30" under the account, gone once done.
    const shown = healths.flatMap((h) => (h.progress ? [h.progress] : []));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((p) => p.phase === 'threading' && p.total === 30)).toBe(true);
    // Threaded for real: every message has its thread keys, which provisional conversations never write.
    expect(db.prepare('SELECT count(*) AS n FROM thread_messages').get()).toEqual({ n: 30 });
    await sync.stop();
    db.close();
  });

  it('says the disk is full when threading cannot write, and keeps the queue', async () => {
    const { db, accountId } = crashedInThreading(300);
    // A real SQLITE_FULL: the cache may not grow, and its free pages are taken.
    db.exec('CREATE TABLE filler (x BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    expect(() => {
      for (;;) db.prepare('INSERT INTO filler VALUES (randomblob(1000))').run();
    }).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    const sync = offlineSync(db, accountId, [], []);
    sync.start();
    await expect.poll(() => sync.health.lastError?.text, { timeout: 3000 }).toMatch(/^The disk is full/);
    expect(sync.health.progress).toBeNull();
    // Nothing lost: the failed batch rolled back, so every message is threaded or still queued for the next try.
    const threaded = (db.prepare('SELECT count(*) AS n FROM thread_messages').get() as { n: number }).n;
    expect(countQueuedForThreading(db, accountId)).toBeGreaterThan(0);
    expect(countQueuedForThreading(db, accountId)).toBe(300 - threaded);
    await sync.stop();
    db.close();
  });
});
