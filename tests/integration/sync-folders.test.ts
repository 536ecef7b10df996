/**
 * The whole mailbox against a real Dovecot: every folder with its role,
 * custom folders, flags and expunges made elsewhere in any folder, a move
 * made by another client (the message keeps its row), a recreated folder
 * (new UIDVALIDITY, no duplicates), headers first with the body fetched when
 * the agent opens the message, attachments on disk by content, and two
 * accounts syncing side by side. One Dovecot; each scenario its own user.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttachmentHandlers } from '../../src-main/core/attachments/attachments.handlers.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { getFolderByPath, getFolderByRole, listFolderSummaries } from '../../src-main/core/db/folders.repo.ts';
import { countMessages, getBodyState, getMessage, listMessages } from '../../src-main/core/db/messages.repo.ts';
import { attachmentPath, sha256Hex } from '../../src-main/core/mail/attachment-store.ts';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail, seedAccount } from '../support/mail-fixtures.ts';
import { listed, makeSync, serverFolder, storedMessageIds, until } from './sync-support.ts';

const names = ['folders', 'lazy', 'brand1', 'brand2', 'ext-cq', 'ext-c', 'ext-'];
const users = names.map((n) => ({ user: `${n}@example.test`, password: `pw-${n}` }));
const [foldersUser, lazyUser, brand1, brand2] = users.map((u) => u.user) as [string, string, string, string];
let dovecot: DovecotServer;
let dataDir: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sync-folders-'));
});

afterAll(async () => {
  await dovecot?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const base = Date.UTC(2025, 4, 1, 9, 0, 0);
let n = 0;
function mail(subject: string): Buffer {
  n++;
  return buildMail({ subject, date: new Date(base + n * 60_000), messageId: `${subject.replace(/\W+/g, '-')}-${n}@shop.example` });
}

async function seed(user: string, layout: Record<string, string[]>): Promise<void> {
  await dovecot.withClient(user, async (client) => {
    for (const [folder, subjects] of Object.entries(layout)) {
      if (folder !== 'INBOX') await client.mailboxCreate(folder).catch(() => undefined);
      for (const s of subjects) await client.append(folder, mail(s), s.startsWith('read:') ? ['\\Seen'] : []);
    }
  });
}

const subjects = (db: Database, accountId: number, role: Parameters<typeof listed>[2], folderId?: number): string[] =>
  listed(db, accountId, role, folderId)
    .map((m) => m.subject)
    .sort();

describe('a mailbox with every kind of folder', () => {
  let db: Database;
  let accountId: number;
  let h: ReturnType<typeof makeSync>;

  beforeAll(async () => {
    db = openDatabase(':memory:').db;
    accountId = seedAccount(db, foldersUser);
    await seed(foldersUser, {
      INBOX: ['Where is my order', 'read:Invoice question', 'Broken zipper'],
      Sent: ['Re: Where is my order', 'Re: Invoice question'],
      Drafts: ['Draft reply'],
      Archive: ['Old refund', 'read:Old exchange'],
      Junk: ['You won a prize'],
      Trash: ['Deleted thing'],
      'Acme Orders': ['Acme PO 1', 'Acme PO 2'],
    });
    h = makeSync(dovecot, foldersUser, db, dataDir, accountId);
    h.sync.start();
    await h.sync.whenIdle();
  });

  afterAll(async () => {
    await h.sync.stop();
    db.close();
  });

  it('syncs every folder with its role, custom folders as "other", with counts', () => {
    const folders = listFolderSummaries(db, accountId);
    expect(folders.map((f) => [f.path, f.role, f.total])).toEqual([
      ['INBOX', 'inbox', 3],
      ['Drafts', 'drafts', 1],
      ['Sent', 'sent', 2],
      ['Archive', 'archive', 2],
      ['Junk', 'junk', 1],
      ['Trash', 'trash', 1],
      ['Acme Orders', 'other', 2],
    ]);
    expect(folders.find((f) => f.role === 'inbox')).toMatchObject({ name: 'Inbox', unread: 2 });
    expect(subjects(db, accountId, 'sent')).toEqual(['Re: Invoice question', 'Re: Where is my order']);
    const acme = getFolderByPath(db, accountId, 'Acme Orders');
    expect(subjects(db, accountId, 'other', acme?.id)).toEqual(['Acme PO 1', 'Acme PO 2']);
    expect(countMessages(db, accountId)).toBe(12);
    expect(h.sync.health).toMatchObject({ state: 'connected', progress: null, lastError: null });
  });

  it('mirrors flags and expunges made elsewhere in a folder other than INBOX', async () => {
    const archive = await serverFolder(dovecot, foldersUser, 'Archive');
    const refund = archive.find((m) => m.subject === 'Old refund');
    const exchange = archive.find((m) => m.subject === 'read:Old exchange');
    await dovecot.withClient(foldersUser, async (client) => {
      await client.mailboxOpen('Archive');
      await client.messageFlagsAdd(String(refund?.uid), ['\\Seen'], { uid: true });
      await client.messageDelete(String(exchange?.uid), { uid: true });
    });
    await h.sync.syncNow();
    const rows = listed(db, accountId, 'archive');
    expect(rows.map((m) => [m.subject, m.unread])).toEqual([['Old refund', false]]);
  });

  it('keeps the row (and so all team state) of a message another client moved INBOX → Archive', async () => {
    const before = listed(db, accountId, 'inbox').find((m) => m.subject === 'Broken zipper');
    expect(before).toBeDefined();
    const inbox = await serverFolder(dovecot, foldersUser, 'INBOX');
    const uid = inbox.find((m) => m.subject === 'Broken zipper')?.uid;
    await dovecot.withClient(foldersUser, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageMove(String(uid), 'Archive', { uid: true });
    });
    // No syncNow: the IDLE connection sees the expunge and asks for a pass over every folder.
    await until('moved message listed in Archive', () => listed(db, accountId, 'archive').some((m) => m.subject === 'Broken zipper'));
    expect(listed(db, accountId, 'inbox').map((m) => m.subject)).not.toContain('Broken zipper');
    expect(listed(db, accountId, 'archive').find((m) => m.subject === 'Broken zipper')?.id).toBe(before?.id);
    await h.sync.syncNow();
    await h.sync.syncNow();
    expect(getMessage(db, before?.id ?? -1)?.subject).toBe('Broken zipper');
  });

  it('re-finds the same rows when a folder is deleted and recreated (new UIDVALIDITY), without duplicates', async () => {
    const archiveId = getFolderByRole(db, accountId, 'archive')?.id ?? -1;
    const ids = listed(db, accountId, 'archive').map((m) => m.id).sort();
    const oldValidity = getFolderByRole(db, accountId, 'archive')?.uidvalidity;
    const sources = await dovecot.withClient(foldersUser, async (client) => {
      await client.mailboxOpen('Archive');
      return (await client.fetchAll('1:*', { source: true, flags: true })).map((m) => ({ raw: m.source as Buffer, flags: [...(m.flags ?? [])] }));
    });
    // Dovecot's UIDVALIDITY is the creation second.
    await new Promise((r) => setTimeout(r, 1100));
    await dovecot.withClient(foldersUser, async (client) => {
      await client.mailboxDelete('Archive');
      await client.mailboxCreate('Archive');
      for (const s of sources) await client.append('Archive', s.raw, s.flags);
    });
    await h.sync.syncNow();
    const archive = getFolderByRole(db, accountId, 'archive');
    expect(archive?.uidvalidity).not.toBe(oldValidity);
    expect(listed(db, accountId, 'archive').map((m) => m.id).sort()).toEqual(ids);
    expect(archive?.id).toBe(archiveId);
    const ids2 = storedMessageIds(db, accountId);
    expect(new Set(ids2).size).toBe(ids2.length);
  });
});

describe('headers first, bodies when asked', () => {
  it('lists messages from their headers, fetches a body on demand, and stores attachments by content', async () => {
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, lazyUser);
    const pdf = Buffer.from('%PDF-1.4 pretend invoice '.repeat(200));
    await dovecot.withClient(lazyUser, async (client) => {
      for (const i of [1, 2]) {
        await client.append(
          'INBOX',
          buildMail({ subject: `Invoice ${i}`, text: `Please see invoice ${i}.`, messageId: `inv-${i}@shop.example`, attachments: [{ filename: `invoice-${i}.pdf`, contentType: 'application/pdf', content: pdf }] }),
        );
      }
    });
    const h = makeSync(dovecot, lazyUser, db, dataDir, accountId, { bodies: false });
    h.sync.start();
    await h.sync.whenIdle();
    const rows = listed(db, accountId, 'inbox');
    expect(rows.map((m) => m.subject)).toEqual(['Invoice 2', 'Invoice 1']);
    // The attachment clip is known from the headers (multipart/mixed) before any body.
    expect(rows.every((m) => m.hasAttachments)).toBe(true);
    const first = rows[1]?.id ?? -1;
    expect(getBodyState(db, first)).toEqual({ accountId, hasBody: false });

    expect(await h.sync.ensureBody(first)).toBe(true);
    const detail = getMessage(db, first);
    expect(detail?.text).toContain('Please see invoice 1.');
    expect(detail?.attachments).toEqual([expect.objectContaining({ filename: 'invoice-1.pdf', contentType: 'application/pdf', size: pdf.length })]);
    expect(getBodyState(db, rows[0]?.id ?? -1)?.hasBody).toBe(false);
    expect(fs.readFileSync(attachmentPath(dataDir, sha256Hex(pdf)))).toEqual(pdf);

    // attachments.get serves the bytes; with the file gone it fetches the message again.
    const handlers = createAttachmentHandlers({ db, dataDir, syncs: h.sync });
    const id = detail?.attachments[0]?.id ?? -1;
    const got = await handlers['attachments.get']({ id });
    expect(Buffer.from(got.dataBase64, 'base64')).toEqual(pdf);
    fs.rmSync(attachmentPath(dataDir, sha256Hex(pdf)));
    const again = await handlers['attachments.get']({ id });
    expect(Buffer.from(again.dataBase64, 'base64')).toEqual(pdf);
    await h.sync.stop();
    // Offline, an uncached body is refused in plain words rather than shown empty.
    expect(await h.sync.ensureBody(rows[0]?.id ?? -1)).toBe(false);
    db.close();
  });
});

describe('several accounts at once', () => {
  it('keeps each mailbox as its own source in one cache', async () => {
    const db = openDatabase(':memory:').db;
    const a1 = seedAccount(db, brand1);
    const a2 = seedAccount(db, brand2);
    await seed(brand1, { INBOX: ['Brand one question'], Sent: ['Brand one reply'] });
    await seed(brand2, { INBOX: ['Brand two question', 'Brand two follow-up'] });
    const s1 = makeSync(dovecot, brand1, db, dataDir, a1);
    const s2 = makeSync(dovecot, brand2, db, dataDir, a2);
    s1.sync.start();
    s2.sync.start();
    await Promise.all([s1.sync.whenIdle(), s2.sync.whenIdle()]);
    expect(subjects(db, a1, 'inbox')).toEqual(['Brand one question']);
    expect(subjects(db, a2, 'inbox')).toEqual(['Brand two follow-up', 'Brand two question']);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page = listMessages(db, { accountId: null, folder: 'inbox', cursor, limit: 1 });
      all.push(...page.items.map((m) => m.subject));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.sort()).toEqual(['Brand one question', 'Brand two follow-up', 'Brand two question']);
    expect(listFolderSummaries(db, null).map((f) => [f.accountId, f.path])).toEqual([
      [a1, 'INBOX'],
      [a1, 'Sent'],
      [a2, 'INBOX'],
    ]);
    await dovecot.append(brand2, 'INBOX', mail('Brand two new mail'));
    await until('new mail in the second account only', () => subjects(db, a2, 'inbox').includes('Brand two new mail'));
    expect(subjects(db, a1, 'inbox')).toEqual(['Brand one question']);
    await Promise.all([s1.sync.stop(), s2.sync.stop()]);
    db.close();
  });
});

describe.each([
  ['QRESYNC (VANISHED)', { condstore: true, qresync: true }],
  ['CONDSTORE only (expunges found by count)', { condstore: true, qresync: false }],
  ['neither (UID list and flags every pass)', { condstore: false, qresync: false }],
])('incremental sync with %s', (_label, extensions) => {
  it('mirrors new mail, flag changes and expunges made elsewhere', async () => {
    const user = `ext-${extensions.condstore ? 'c' : ''}${extensions.qresync ? 'q' : ''}@example.test`;
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, user);
    await seed(user, { INBOX: ['One', 'Two', 'Three'], Archive: ['Four'] });
    const h = makeSync(dovecot, user, db, dataDir, accountId, { extensions, idle: false });
    h.sync.start();
    await h.sync.whenIdle();
    const inbox = await serverFolder(dovecot, user, 'INBOX');
    await dovecot.withClient(user, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd(String(inbox.find((m) => m.subject === 'One')?.uid), ['\\Seen'], { uid: true });
      await client.messageDelete(String(inbox.find((m) => m.subject === 'Two')?.uid), { uid: true });
      await client.append('Archive', mail('Five'));
    });
    await h.sync.syncNow();
    expect(listed(db, accountId, 'inbox').map((m) => [m.subject, m.unread])).toEqual([
      ['Three', true],
      ['One', false],
    ]);
    expect(subjects(db, accountId, 'archive')).toEqual(['Five', 'Four']);
    // With nothing changed, a full pass selects no folder at all (STATUS says so) — when the server has CONDSTORE.
    await h.sync.syncNow();
    expect(listed(db, accountId, 'inbox')).toHaveLength(2);
    await h.sync.stop();
    db.close();
  });
});
