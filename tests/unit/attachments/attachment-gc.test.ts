import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectAttachmentGarbage, DEFAULT_GRACE_MS } from '../../../src-main/core/attachments/attachment-gc.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { insertDraft, insertDraftAttachment } from '../../../src-main/core/db/drafts.repo.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import { deleteLocation, deleteOrphanMessages } from '../../../src-main/core/db/messages.repo.ts';
import { attachmentPath, sha256Hex, storeAttachment } from '../../../src-main/core/mail/attachment-store.ts';
import { ingestMessage } from '../../../src-main/core/mail/ingest.ts';
import { buildMail, seedAccount } from '../../support/mail-fixtures.ts';

let db: Database;
let dataDir: string;
let accountId: number;
let inbox: number;
const DAY = 86_400_000;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gc-'));
  db = openDatabase(':memory:').db;
  accountId = seedAccount(db);
  inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Ages a file so the collection considers it (files younger than the grace period are never touched). */
function age(file: string, ms: number): void {
  const t = new Date(Date.now() - ms);
  fs.utimesSync(file, t, t);
}

async function mailWith(uid: number, content: string): Promise<{ rowId: number; file: string }> {
  const bytes = Buffer.from(content);
  const raw = buildMail({ subject: `Invoice ${uid}`, text: 'See attached.', attachments: [{ filename: `invoice-${uid}.pdf`, contentType: 'application/pdf', content: bytes }] });
  const r = await ingestMessage(db, dataDir, { accountId, folderId: inbox, uidvalidity: 1, uid, flags: [], raw });
  return { rowId: r.messageRowId, file: attachmentPath(dataDir, sha256Hex(bytes)) };
}

describe('attachment garbage collection', () => {
  it('removes the files of deleted mail once they are old, and keeps what mail, drafts and the outbox still name', async () => {
    const kept = await mailWith(1, 'kept invoice bytes');
    const deleted = await mailWith(2, 'deleted invoice bytes');
    const draftBytes = Buffer.from('draft attachment bytes');
    const draftSha = await storeAttachment(dataDir, draftBytes);
    const draftId = insertDraft(db, { accountId, conversationId: null, mode: 'new', inReplyTo: null, to: [], cc: [], bcc: [], subject: 's', html: '', now: 0 });
    insertDraftAttachment(db, draftId, { filename: 'a.txt', contentType: 'text/plain', size: draftBytes.length, sha256: draftSha });

    // The mail is expunged on the server: its location goes, then the message row.
    deleteLocation(db, { folderId: inbox, uidvalidity: 1, uid: 2 });
    expect(deleteOrphanMessages(db, accountId)).toEqual([deleted.rowId]);
    for (const f of [kept.file, deleted.file, attachmentPath(dataDir, draftSha)]) age(f, 2 * DAY);

    const result = await collectAttachmentGarbage(db, dataDir, Date.now());
    expect(result.removedFiles).toBe(1);
    expect(result.removedBytes).toBe(Buffer.byteLength('deleted invoice bytes'));
    expect(fs.existsSync(deleted.file)).toBe(false);
    expect(fs.existsSync(kept.file)).toBe(true);
    expect(fs.existsSync(attachmentPath(dataDir, draftSha))).toBe(true);
  });

  it('never removes a file younger than the grace period: its row may not be committed yet', async () => {
    // Written as a sync batch does, before the transaction that will name it.
    const sha = await storeAttachment(dataDir, Buffer.from('bytes of a batch still being stored'));
    const result = await collectAttachmentGarbage(db, dataDir, Date.now());
    expect(result).toMatchObject({ removedFiles: 0, keptFiles: 1 });
    expect(fs.existsSync(attachmentPath(dataDir, sha))).toBe(true);
    // A day later, still unnamed, it goes.
    expect((await collectAttachmentGarbage(db, dataDir, Date.now() + DEFAULT_GRACE_MS + 1000)).removedFiles).toBe(1);
  });

  it('keeps the attachments of a queued outbox item and removes temp files a crash left', async () => {
    const bytes = Buffer.from('attachment of a reply in the undo window');
    const sha = await storeAttachment(dataDir, bytes);
    db.prepare(
      `INSERT INTO outbox (draft_id, account_id, conversation_id, message_id, subject, to_json, payload, state, send_at, created_at, updated_at)
       VALUES (1, ?, NULL, '<x@example.test>', 's', '[]', ?, 'scheduled', 0, 0, 0)`,
    ).run(accountId, JSON.stringify({ attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', size: bytes.length, sha256: sha }] }));
    const file = attachmentPath(dataDir, sha);
    const tmp = `${file.slice(0, -62)}${'a'.repeat(62)}.0123456789ab.tmp`;
    fs.writeFileSync(tmp, 'half written');
    const stranger = path.join(path.dirname(file), 'notes.txt');
    fs.writeFileSync(stranger, 'not ours');
    for (const f of [file, tmp, stranger]) age(f, 2 * DAY);

    const result = await collectAttachmentGarbage(db, dataDir, Date.now());
    expect(result.removedFiles).toBe(1);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(stranger)).toBe(true);
  });

  it('removes nothing when the cache was closed during the walk', async () => {
    const m = await mailWith(3, 'bytes');
    deleteLocation(db, { folderId: inbox, uidvalidity: 1, uid: 3 });
    deleteOrphanMessages(db, accountId);
    age(m.file, 2 * DAY);
    db.close();
    expect((await collectAttachmentGarbage(db, dataDir, Date.now())).removedFiles).toBe(0);
    expect(fs.existsSync(m.file)).toBe(true);
  });

  it('does nothing when no attachment was ever stored', async () => {
    expect(await collectAttachmentGarbage(db, dataDir, Date.now())).toEqual({ removedFiles: 0, removedBytes: 0, keptFiles: 0 });
  });
});
