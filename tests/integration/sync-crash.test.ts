/**
 * Crash safety and outages against a real Dovecot:
 * - a core process killed with SIGKILL at random points of its initial sync
 *   resumes on restart and ends with exactly the server's messages (no
 *   duplicates, none missing, every body cached, every message threaded);
 * - a server that stops in the middle of a sync is reconnected to and the
 *   sync completes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { getFolderByRole } from '../../src-main/core/db/folders.repo.ts';
import { countBodyBacklog } from '../../src-main/core/db/bodies.repo.ts';
import { countQueuedForThreading } from '../../src-main/core/db/thread-queue.repo.ts';
import { listLocations } from '../../src-main/core/db/messages.repo.ts';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail, seedAccount } from '../support/mail-fixtures.ts';
import { makeSync, serverFolder, storedMessageIds, until } from './sync-support.ts';

const users = [
  { user: 'crash@example.test', password: 'pw-crash' },
  { user: 'outage@example.test', password: 'pw-outage' },
];
const [crashUser, outageUser] = users.map((u) => u.user) as [string, string];
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sync-crash-child.ts');
const COUNT = 600;
let dovecot: DovecotServer;
let dir: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sync-crash-'));
  for (const user of [crashUser, outageUser]) {
    await dovecot.withClient(user, async (client) => {
      for (let i = 1; i <= COUNT; i++) {
        // Every 25th mail has no Message-ID: those are stored whole, keyed by their bytes.
        const messageId = i % 25 === 0 ? null : `m${i}@${user}`;
        // Every 10th answers the one before: 60 two-message conversations, 480 single ones.
        const inReplyTo = i % 10 === 0 ? `m${i - 1}@${user}` : undefined;
        const mail = buildMail({ subject: `Mail ${i}`, messageId, ...(inReplyTo ? { inReplyTo } : {}), text: `Body of mail ${i}. `.repeat(20) });
        await client.append('INBOX', mail, i % 3 === 0 ? ['\\Seen'] : []);
      }
    });
  }
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stored: number;
  done: boolean;
}

/** Runs the child; kills it `killAfterMs` after its first commit (null: let it finish). */
function runChild(dataDir: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', child, dataDir, String(dovecot.port), crashUser, 'pw-crash'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stored = 0;
    let done = false;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line === 'stored' && ++stored === 1 && killAfterMs !== null) setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
        if (line === 'done') done = true;
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (code !== null && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ code, signal, stored, done });
    });
  });
}

function expectExactlyTheServer(db: Database, accountId: number, server: Awaited<ReturnType<typeof serverFolder>>): void {
  const inbox = getFolderByRole(db, accountId, 'inbox');
  const uids = listLocations(db, inbox?.id ?? -1, inbox?.uidvalidity ?? -1).map((l) => l.uid);
  expect(uids).toEqual(server.map((m) => m.uid).sort((a, b) => a - b));
  const ids = storedMessageIds(db, accountId);
  expect(ids).toHaveLength(server.length);
  expect(ids.filter((id) => id !== '').sort()).toEqual(server.map((m) => m.messageId).filter((id) => id !== '').sort());
  expect(countBodyBacklog(db, accountId)).toBe(0);
}

/** Every message threaded (a kill may land while threading is queued): each reply with the mail it answers, the rest alone. */
function expectThreaded(db: Database, accountId: number): void {
  expect(countQueuedForThreading(db, accountId)).toBe(0);
  const sizes = db.prepare('SELECT c.message_count AS n, count(m.id) AS members FROM conversations c JOIN messages m ON m.conversation_id = c.id GROUP BY c.id').all() as Array<{ n: number; members: number }>;
  expect(sizes.every((s) => s.n === s.members)).toBe(true);
  expect(sizes.filter((s) => s.n === 2)).toHaveLength(COUNT / 10);
  expect(sizes.filter((s) => s.n === 1)).toHaveLength(COUNT - (2 * COUNT) / 10);
  expect((db.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id IS NULL').get() as { n: number }).n).toBe(0);
}

describe('a core process killed during its initial sync', () => {
  it('resumes after each SIGKILL and ends with exactly the server’s messages', async () => {
    const dataDir = path.join(dir, 'crash');
    fs.mkdirSync(dataDir);
    const delays: number[] = [];
    // Three crashes at random moments (headers or bodies phase), then a clean run.
    for (let round = 0; round < 3; round++) {
      const delay = Math.floor(Math.random() * 400);
      const run = await runChild(dataDir, delay);
      if (run.signal === 'SIGKILL') delays.push(delay);
      else expect(run.done, 'a run that was not killed finished the sync').toBe(true);
    }
    expect(delays.length, 'at least one kill landed mid-sync').toBeGreaterThanOrEqual(1);
    console.info(`killed after first commit + ${delays.join(', ')} ms`);
    const last = await runChild(dataDir, null);
    expect(last.done).toBe(true);
    const { db } = openDatabase(path.join(dataDir, 'cache.sqlite'));
    const accountId = (db.prepare("SELECT id FROM accounts WHERE kind = 'imap'").get() as { id: number }).id;
    const server = await serverFolder(dovecot, crashUser, 'INBOX');
    expect(server).toHaveLength(COUNT);
    expectExactlyTheServer(db, accountId, server);
    expectThreaded(db, accountId);
    db.close();
  });
});

describe('a server that stops in the middle of a sync', () => {
  it('is reconnected to, and the sync completes', async () => {
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, outageUser);
    const h = makeSync(dovecot, outageUser, db, dir, accountId, { batchSize: 25, bodyBatchSize: 25 });
    h.sync.start();
    await until('first batch stored', () => h.changed.length > 0);
    await dovecot.halt();
    await until('offline', () => ['offline', 'error'].includes(h.sync.health.state));
    expect(h.sync.health.lastError?.text).toMatch(/127\.0\.0\.1/);
    await dovecot.resume();
    await until('reconnected and complete', () => h.sync.health.state === 'connected' && countBodyBacklog(db, accountId) === 0, 30_000);
    await h.sync.whenIdle();
    expect(h.sync.health.lastError).toBeNull();
    expectExactlyTheServer(db, accountId, await serverFolder(dovecot, outageUser, 'INBOX'));
    await h.sync.stop();
    db.close();
  });
});
