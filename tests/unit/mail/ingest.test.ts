import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import { countMessages, getMessage, listLocations, listMessages } from '../../../src-main/core/db/messages.repo.ts';
import { attachmentPath, sha256Hex } from '../../../src-main/core/mail/attachment-store.ts';
import { ingestMessage, ingestMessages } from '../../../src-main/core/mail/ingest.ts';
import type { IngestInput } from '../../../src-main/core/mail/ingest.ts';
import { buildMail, seedAccount } from '../../support/mail-fixtures.ts';

let db: Database;
let dataDir: string;
let accountId: number;
let inbox: number;
let archive: number;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ingest-'));
  db = openDatabase(':memory:').db;
  accountId = seedAccount(db);
  inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
  archive = upsertFolder(db, accountId, 'Archive', 'archive').id;
});

afterEach(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const at = (folderId: number, uid: number, raw: Buffer, flags: string[] = []): IngestInput => ({
  accountId,
  folderId,
  uidvalidity: 7,
  uid,
  flags,
  raw,
  internalDate: Date.UTC(2025, 5, 1),
});

describe('ingestMessage', () => {
  it('stores a message with its body, sender, snippet and read state', async () => {
    const raw = buildMail({ subject: 'Refund please', from: 'Ann <ann@shop.example>', text: 'I want my money back.' });
    const r = await ingestMessage(db, dataDir, at(inbox, 1, raw, ['\\Seen']));
    expect(r.created).toBe(true);
    const m = getMessage(db, r.messageRowId);
    expect(m).toMatchObject({
      accountId,
      subject: 'Refund please',
      from: { name: 'Ann', address: 'ann@shop.example' },
      snippet: 'I want my money back.',
      unread: false,
      hasAttachments: false,
      html: null,
    });
    expect(m?.text.trim()).toBe('I want my money back.');
  });

  it('is a no-op the second time', async () => {
    const raw = buildMail();
    const first = await ingestMessage(db, dataDir, at(inbox, 1, raw));
    const second = await ingestMessage(db, dataDir, at(inbox, 1, raw));
    expect(second).toEqual({ messageRowId: first.messageRowId, created: false, locationAdded: false });
    expect(countMessages(db, accountId)).toBe(1);
  });

  it('keeps one row for the same mail in two folders, with both locations', async () => {
    const raw = buildMail({ subject: 'Copied' });
    const a = await ingestMessage(db, dataDir, at(inbox, 5, raw));
    const b = await ingestMessage(db, dataDir, at(archive, 9, raw));
    expect(b).toEqual({ messageRowId: a.messageRowId, created: false, locationAdded: true });
    expect(countMessages(db, accountId)).toBe(1);
    expect(listLocations(db, inbox, 7).map((l) => l.uid)).toEqual([5]);
    expect(listLocations(db, archive, 7).map((l) => l.uid)).toEqual([9]);
    expect(listMessages(db, { accountId, folder: 'archive', cursor: null, limit: 10 }).items.map((m) => m.id)).toEqual([a.messageRowId]);
  });

  it('keeps different mails that share a Message-ID apart', async () => {
    await ingestMessage(db, dataDir, at(inbox, 1, buildMail({ messageId: 'dup@list.example', subject: 'First' })));
    await ingestMessage(db, dataDir, at(inbox, 2, buildMail({ messageId: 'dup@list.example', subject: 'Second' })));
    expect(countMessages(db, accountId)).toBe(2);
  });

  it('writes attachments once, content-addressed, before the rows that name them', async () => {
    const pdf = Buffer.from('%PDF-1.7 the same invoice');
    const r1 = await ingestMessage(db, dataDir, at(inbox, 1, buildMail({ attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: pdf }] })));
    await ingestMessage(db, dataDir, at(inbox, 2, buildMail({ attachments: [{ filename: 'b.pdf', contentType: 'application/pdf', content: pdf }] })));
    const file = attachmentPath(dataDir, sha256Hex(pdf));
    expect(fs.readFileSync(file).equals(pdf)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    const m = getMessage(db, r1.messageRowId);
    expect(m?.hasAttachments).toBe(true);
    expect(m?.attachments).toEqual([{ id: expect.any(Number), filename: 'a.pdf', contentType: 'application/pdf', size: pdf.length }]);
  });

  it('does not count inline images as attachments in the list', async () => {
    const r = await ingestMessage(db, dataDir, at(inbox, 1, buildMail({ html: '<img src="cid:logo">', attachments: [{ filename: 'logo.png', contentType: 'image/png', content: 'png', cid: 'logo' }] })));
    expect(getMessage(db, r.messageRowId)?.hasAttachments).toBe(false);
  });

  it('dates mail without a Date header by the server arrival time, or the clock', async () => {
    const a = await ingestMessage(db, dataDir, at(inbox, 1, buildMail({ date: null })));
    expect(getMessage(db, a.messageRowId)?.date).toBe(Date.UTC(2025, 5, 1));
    const clock = new ManualClock(Date.UTC(2026, 2, 3));
    const { internalDate: _drop, ...noInternal } = at(inbox, 2, buildMail({ date: null }));
    const b = await ingestMessage(db, dataDir, noInternal, { clock });
    expect(getMessage(db, b.messageRowId)?.date).toBe(Date.UTC(2026, 2, 3));
  });
});

describe('ingestMessages', () => {
  it('stores a batch in one transaction: all or nothing', async () => {
    const good = at(inbox, 1, buildMail({ subject: 'good' }));
    const bad = { ...at(inbox, 2, buildMail({ subject: 'bad' })), folderId: 9999 }; // no such folder: FK violation
    await expect(ingestMessages(db, dataDir, [good, bad])).rejects.toThrow(/FOREIGN KEY/);
    expect(countMessages(db, accountId)).toBe(0);
  });

  it('collapses duplicates inside one batch', async () => {
    const raw = buildMail();
    const results = await ingestMessages(db, dataDir, [at(inbox, 1, raw), at(inbox, 2, raw)]);
    expect(results.map((r) => r.created)).toEqual([true, false]);
    expect(results[0]?.messageRowId).toBe(results[1]?.messageRowId);
    expect(countMessages(db, accountId)).toBe(1);
  });
});
