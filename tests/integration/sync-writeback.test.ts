/**
 * Write-back against a real Dovecot: the agent's read/unread and moves change
 * the cache at once, wait in the durable queue while the server is away and
 * the app is closed, and reach the server in the order they were made once
 * it is back. Folders the server lacks (Archive, Junk) are created.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { listFolderSummaries } from '../../src-main/core/db/folders.repo.ts';
import { countPendingOps } from '../../src-main/core/db/writeback.repo.ts';
import { markRead, moveMessages } from '../../src-main/core/messages/message-actions.ts';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail, seedAccount } from '../support/mail-fixtures.ts';
import { listed, makeSync, serverFolder, storedMessageIds, until } from './sync-support.ts';

const users = [
  { user: 'offline@example.test', password: 'pw-offline' },
  { user: 'online@example.test', password: 'pw-online' },
];
const [offlineUser, onlineUser] = users.map((u) => u.user) as [string, string];
let dovecot: DovecotServer;
let dir: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sync-writeback-'));
});

afterAll(async () => {
  await dovecot?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const idOf = (db: Database, accountId: number, subject: string): number => {
  const row = (['inbox', 'archive', 'junk', 'trash'] as const).flatMap((role) => listed(db, accountId, role)).find((m) => m.subject === subject);
  if (!row) throw new Error(`no message "${subject}"`);
  return row.id;
};

const where = async (user: string, folder: string): Promise<Array<[string, boolean]>> =>
  (await serverFolder(dovecot, user, folder)).map((m): [string, boolean] => [m.subject, m.flags.includes('\\Seen')]).sort((a, b) => a[0].localeCompare(b[0]));

describe('an offline desktop', () => {
  it("sends its flag and move changes after reconnecting — in order, and across a restart of the app", async () => {
    const file = path.join(dir, 'offline', 'cache.sqlite');
    let db = openDatabase(file).db;
    const accountId = seedAccount(db, offlineUser);
    await dovecot.withClient(offlineUser, async (client) => {
      for (const s of ['Alpha', 'Bravo', 'Charlie', 'Delta']) await client.append('INBOX', buildMail({ subject: s, messageId: `${s}@shop.example` }));
    });
    let h = makeSync(dovecot, offlineUser, db, path.dirname(file), accountId);
    h.sync.start();
    await h.sync.whenIdle();
    const ids = Object.fromEntries(['Alpha', 'Bravo', 'Charlie', 'Delta'].map((s) => [s, idOf(db, accountId, s)]));

    await dovecot.halt();
    await until('offline', () => ['offline', 'error'].includes(h.sync.health.state));
    const now = Date.now();
    // Each pair only ends right when replayed in the order it was made.
    markRead(db, [ids.Alpha ?? 0], true, now);
    moveMessages(db, [ids.Alpha ?? 0], 'archive', now);
    markRead(db, [ids.Bravo ?? 0], true, now);
    markRead(db, [ids.Bravo ?? 0], false, now);
    moveMessages(db, [ids.Charlie ?? 0], 'junk', now);
    moveMessages(db, [ids.Charlie ?? 0], 'inbox', now);
    moveMessages(db, [ids.Delta ?? 0], 'archive', now);
    markRead(db, [ids.Delta ?? 0], true, now);

    // The cache shows it all at once.
    expect(listed(db, accountId, 'inbox').map((m) => [m.subject, m.unread]).sort()).toEqual([
      ['Bravo', true],
      ['Charlie', true],
    ]);
    expect(listed(db, accountId, 'archive').map((m) => [m.subject, m.unread]).sort()).toEqual([
      ['Alpha', false],
      ['Delta', false],
    ]);
    expect(listFolderSummaries(db, accountId).map((f) => [f.path, f.total])).toEqual([
      ['INBOX', 2],
      ['Archive', 2],
      ['Junk', 0],
    ]);
    expect(countPendingOps(db, accountId)).toBe(8);

    // The app is closed while offline, and started again later.
    await h.sync.stop();
    db.close();
    await dovecot.resume();
    db = openDatabase(file).db;
    expect(countPendingOps(db, accountId)).toBe(8);
    h = makeSync(dovecot, offlineUser, db, path.dirname(file), accountId);
    h.sync.start();
    await until('queue replayed', () => countPendingOps(db, accountId) === 0 && h.sync.health.state === 'connected', 15_000);
    await h.sync.syncNow();

    expect(await where(offlineUser, 'INBOX')).toEqual([
      ['Bravo', false],
      ['Charlie', false],
    ]);
    expect(await where(offlineUser, 'Archive')).toEqual([
      ['Alpha', true],
      ['Delta', true],
    ]);
    expect(await where(offlineUser, 'Junk')).toEqual([]);
    // Same rows as before, nothing doubled, the cache agrees with the server.
    expect(idOf(db, accountId, 'Alpha')).toBe(ids.Alpha);
    expect(idOf(db, accountId, 'Charlie')).toBe(ids.Charlie);
    expect(storedMessageIds(db, accountId)).toEqual(['Alpha@shop.example', 'Bravo@shop.example', 'Charlie@shop.example', 'Delta@shop.example']);
    expect(listed(db, accountId, 'archive').map((m) => m.subject).sort()).toEqual(['Alpha', 'Delta']);
    await h.sync.stop();
    db.close();
  });
});

describe('an online desktop', () => {
  it('writes read state and a move to the server within moments', async () => {
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, onlineUser);
    await dovecot.append(onlineUser, 'INBOX', buildMail({ subject: 'Echo', messageId: 'echo@shop.example' }));
    await dovecot.append(onlineUser, 'INBOX', buildMail({ subject: 'Foxtrot', messageId: 'foxtrot@shop.example' }));
    const h = makeSync(dovecot, onlineUser, db, dir, accountId);
    h.sync.start();
    await h.sync.whenIdle();
    markRead(db, [idOf(db, accountId, 'Echo')], true, Date.now());
    moveMessages(db, [idOf(db, accountId, 'Foxtrot')], 'trash', Date.now());
    h.sync.writebackQueued();
    await until('queue replayed', () => countPendingOps(db, accountId) === 0);
    expect(await where(onlineUser, 'INBOX')).toEqual([['Echo', true]]);
    expect(await where(onlineUser, 'Trash')).toEqual([['Foxtrot', false]]);
    // Trash of what is already in Trash deletes it for good.
    moveMessages(db, [idOf(db, accountId, 'Foxtrot')], 'trash', Date.now());
    h.sync.writebackQueued();
    await until('queue replayed', () => countPendingOps(db, accountId) === 0);
    expect(await where(onlineUser, 'Trash')).toEqual([]);
    await h.sync.stop();
    db.close();
  });
});
