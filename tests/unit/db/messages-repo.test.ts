import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageFolderRole } from '../../../src-preload/api.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { explainBodyBacklog } from '../../../src-main/core/db/bodies.repo.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import {
  countMessages,
  decodeCursor,
  deleteLocation,
  deleteOrphanMessages,
  deleteStillUnlocated,
  encodeCursor,
  explainListMessages,
  getMessage,
  insertLocation,
  insertMessage,
  InvalidCursorError,
  listMessages,
  listUnlocated,
  setSeen,
} from '../../../src-main/core/db/messages.repo.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

let db: Database;
let seq = 0;

beforeEach(() => {
  db = openDatabase(':memory:').db;
});
afterEach(() => db.close());

function addMessage(accountId: number, folderId: number, date: number, extra: { subject?: string; seen?: boolean } = {}): number {
  seq++;
  const id = insertMessage(db, {
    accountId,
    messageId: `m${seq}@x`,
    dedupeKey: `key-${seq}`,
    subject: extra.subject ?? `Message ${seq}`,
    from: { name: 'Ann', address: 'ann@x' },
    to: [{ name: '', address: 'support@x' }],
    cc: [],
    replyTo: [],
    inReplyTo: null,
    references: [],
    date,
    snippet: 'snippet',
    hasAttachments: false,
    seen: extra.seen ?? false,
    size: 100,
  });
  insertLocation(db, id, { folderId, uidvalidity: 1, uid: seq }, []);
  return id;
}

function readAll(accountId: number | null, folder: MessageFolderRole, limit: number): Array<{ id: number; date: number }> {
  const out: Array<{ id: number; date: number }> = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = listMessages(db, { accountId, folder, cursor, limit });
    out.push(...page.items.map((m) => ({ id: m.id, date: m.date })));
    if (!page.nextCursor) return out;
    expect(page.items).toHaveLength(limit);
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

const newestFirst = (a: { id: number; date: number }, b: { id: number; date: number }): number => b.date - a.date || b.id - a.id;

describe('listMessages', () => {
  it('returns every row exactly once across pages, newest first, even with many equal dates', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (dates, limit) => {
        db.exec('DELETE FROM messages; DELETE FROM folders; DELETE FROM accounts;');
        const accountId = seedAccount(db);
        const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
        const rows = dates.map((d) => ({ id: addMessage(accountId, inbox, d * 1000), date: d * 1000 }));
        const listed = readAll(accountId, 'inbox', limit);
        expect(listed).toEqual([...rows].sort(newestFirst));
      }),
      { numRuns: 60 },
    );
  });

  it('lists only messages with a location in a folder of the asked role', () => {
    const accountId = seedAccount(db);
    const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    const archive = upsertFolder(db, accountId, 'Archive', 'archive').id;
    const a = addMessage(accountId, inbox, 1000);
    const b = addMessage(accountId, archive, 2000);
    // The same message in both folders is listed once in each.
    insertLocation(db, a, { folderId: archive, uidvalidity: 1, uid: 999 }, []);
    expect(readAll(accountId, 'inbox', 10).map((m) => m.id)).toEqual([a]);
    expect(readAll(accountId, 'archive', 10).map((m) => m.id)).toEqual([b, a]);
    expect(readAll(accountId, 'sent', 10)).toEqual([]);
  });

  it('lists all accounts together when accountId is null, and one account otherwise', () => {
    const acc1 = seedAccount(db, 'one@x');
    const acc2 = seedAccount(db, 'two@x');
    const f1 = upsertFolder(db, acc1, 'INBOX', 'inbox').id;
    const f2 = upsertFolder(db, acc2, 'INBOX', 'inbox').id;
    const m1 = addMessage(acc1, f1, 1000);
    const m2 = addMessage(acc2, f2, 3000);
    const m3 = addMessage(acc1, f1, 2000);
    expect(readAll(null, 'inbox', 2).map((m) => m.id)).toEqual([m2, m3, m1]);
    expect(readAll(acc1, 'inbox', 2).map((m) => m.id)).toEqual([m3, m1]);
  });

  it('maps rows to summaries (unread, sender)', () => {
    const accountId = seedAccount(db);
    const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    addMessage(accountId, inbox, 5, { subject: 'Hello', seen: true });
    const [m] = listMessages(db, { accountId, folder: 'inbox', cursor: null, limit: 1 }).items;
    expect(m).toMatchObject({ accountId, subject: 'Hello', from: { name: 'Ann', address: 'ann@x' }, date: 5, unread: false, hasAttachments: false });
  });

  it('uses the (account, date, id) index, never a sort or a scan', () => {
    const perAccount = explainListMessages(db, 1).join('\n');
    expect(perAccount).toMatch(/SEARCH m USING (COVERING )?INDEX messages_account_date \(account_id=\? AND date<\?\)/);
    expect(perAccount).not.toMatch(/TEMP B-TREE|SCAN m\b/);
    const allAccounts = explainListMessages(db, null).join('\n');
    expect(allAccounts).toMatch(/SEARCH m USING (COVERING )?INDEX messages_date \(date<\?\)/);
    expect(allAccounts).not.toMatch(/TEMP B-TREE|SCAN m\b/);
  });

  it('rejects a cursor it did not make with a clear error', () => {
    const accountId = seedAccount(db);
    for (const bad of ['garbage', encodeURIComponent('1:2:3'), Buffer.from('12:abc').toString('base64url')]) {
      expect(() => listMessages(db, { accountId, folder: 'inbox', cursor: bad, limit: 5 })).toThrow(InvalidCursorError);
    }
    expect(decodeCursor(encodeCursor(1736150400000, 42))).toEqual({ date: 1736150400000, id: 42 });
  });
});

describe('getMessage / setSeen / countMessages / orphans', () => {
  it('returns null for an unknown id, details for a known one', () => {
    const accountId = seedAccount(db);
    const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    const id = addMessage(accountId, inbox, 7);
    expect(getMessage(db, 123456)).toBeNull();
    expect(getMessage(db, id)).toMatchObject({ id, to: [{ name: '', address: 'support@x' }], cc: [], text: '', html: null, attachments: [] });
  });

  it('marks read and unread, and counts per account', () => {
    const accountId = seedAccount(db);
    const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    const ids = [addMessage(accountId, inbox, 1), addMessage(accountId, inbox, 2), addMessage(accountId, inbox, 3)];
    setSeen(db, ids.slice(0, 2), true);
    expect(ids.map((id) => getMessage(db, id)?.unread)).toEqual([false, false, true]);
    setSeen(db, [ids[0] ?? 0], false);
    expect(getMessage(db, ids[0] ?? 0)?.unread).toBe(true);
    expect(countMessages(db, accountId)).toBe(3);
    expect(countMessages(db, accountId + 1)).toBe(0);
    expect(countMessages(db, null)).toBe(3);
  });

  it('deletes messages that no longer live anywhere, and only those', () => {
    const accountId = seedAccount(db);
    const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    const keep = addMessage(accountId, inbox, 1);
    const gone = addMessage(accountId, inbox, 2);
    const uid = seq; // the last addMessage used uid = seq
    deleteLocation(db, { folderId: inbox, uidvalidity: 1, uid });
    expect(deleteOrphanMessages(db, accountId)).toEqual([gone]);
    expect(getMessage(db, gone)).toBeNull();
    expect(getMessage(db, keep)).not.toBeNull();
  });
});

describe('folders, hidden locations and unlocated messages (migration 0003)', () => {
  it('lists one folder by id, newest first, keyset-paginated, and nothing for a folder of another account', () => {
    const accountId = seedAccount(db);
    const other = seedAccount(db, 'other@x');
    const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    const acme = upsertFolder(db, accountId, 'Acme', 'other').id;
    const ids = [addMessage(accountId, acme, 3000), addMessage(accountId, acme, 1000), addMessage(accountId, acme, 2000)];
    addMessage(accountId, inbox, 5000);
    const page1 = listMessages(db, { accountId, folder: 'other', folderId: acme, cursor: null, limit: 2 });
    const page2 = listMessages(db, { accountId, folder: 'other', folderId: acme, cursor: page1.nextCursor, limit: 2 });
    expect([...page1.items, ...page2.items].map((m) => m.id)).toEqual([ids[0], ids[2], ids[1]]);
    expect(page2.nextCursor).toBeNull();
    expect(listMessages(db, { accountId: other, folder: 'other', folderId: acme, cursor: null, limit: 5 }).items).toEqual([]);
    expect(listMessages(db, { accountId: null, folder: 'inbox', folderId: acme, cursor: null, limit: 5 }).items).toHaveLength(3);
  });

  it('does not list a message from a location hidden by a queued move', () => {
    const accountId = seedAccount(db);
    const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    const id = addMessage(accountId, inbox, 1);
    db.prepare('UPDATE message_locations SET hidden_by_op = 1 WHERE message_id = ?').run(id);
    expect(readAll(accountId, 'inbox', 10)).toEqual([]);
    expect(listMessages(db, { accountId, folder: 'inbox', folderId: inbox, cursor: null, limit: 5 }).items).toEqual([]);
  });

  it('keeps a message that lost its last location until it stayed unlocated through a whole pass', () => {
    const accountId = seedAccount(db);
    const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
    const archive = upsertFolder(db, accountId, 'Archive', 'archive').id;
    const moved = addMessage(accountId, inbox, 1);
    const gone = addMessage(accountId, inbox, 2);
    const uidOf = (id: number) => (db.prepare('SELECT uid FROM message_locations WHERE message_id = ?').get(id) as { uid: number }).uid;
    const before = listUnlocated(db, accountId);
    deleteLocation(db, { folderId: inbox, uidvalidity: 1, uid: uidOf(moved) });
    deleteLocation(db, { folderId: inbox, uidvalidity: 1, uid: uidOf(gone) });
    expect(listUnlocated(db, accountId).sort()).toEqual([moved, gone].sort());
    // Nothing was unlocated when this pass started: nothing is deleted at its end.
    expect(deleteStillUnlocated(db, before)).toEqual([]);
    // The next pass finds the moved one in Archive; the other one is deleted.
    const next = listUnlocated(db, accountId);
    insertLocation(db, moved, { folderId: archive, uidvalidity: 1, uid: 77 }, []);
    expect(deleteStillUnlocated(db, next)).toEqual([gone]);
    expect(getMessage(db, moved)).not.toBeNull();
    expect(getMessage(db, gone)).toBeNull();
  });

  it('finds the body backlog through the partial index and one location lookup per message', () => {
    const plan = explainBodyBacklog(db).join('\n');
    expect(plan).toMatch(/SEARCH m USING (COVERING )?INDEX messages_body_backlog \(account_id=\? AND date<\?\)/);
    expect(plan).toMatch(/SEARCH l USING INDEX message_locations_message \(message_id=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE|SCAN/);
  });

  it('lists a folder through the (account, date, id) index and one location lookup per message', () => {
    const plan = explainListMessages(db, 1, 1).join('\n');
    expect(plan).toMatch(/SEARCH m USING (COVERING )?INDEX messages_account_date/);
    expect(plan).toMatch(/message_locations_message \(message_id=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE|SCAN/);
  });
});
