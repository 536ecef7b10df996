/**
 * The write-back queue's effect on the cache before the server has seen
 * anything: optimistic read state and moves, hidden sources and placeholders,
 * undo of a dropped op, demo accounts changed for good at once, and how the
 * replay groups consecutive ops.
 */
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageFolderRole } from '../../../src-preload/api.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { getFolderByRole, listFolderSummaries, updateFolderSyncState, upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import { deleteLocationsOfOtherUidvalidity, getMessage, insertLocation, insertMessage, listMessages } from '../../../src-main/core/db/messages.repo.ts';
import type { WritebackOp } from '../../../src-main/core/db/writeback.repo.ts';
import { countPendingOps, dropOp, pendingOps, serverLocationsOf, settlePlaceholder } from '../../../src-main/core/db/writeback.repo.ts';
import { markRead, moveMessages, moveMessagesBack } from '../../../src-main/core/messages/message-actions.ts';
import { runsOf } from '../../../src-main/core/sync/writeback-replay.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

let db: Database;
let accountId: number;
let inbox: number;
let archive: number;
let seq = 0;

function addMessage(folderId: number, uidvalidity: number): number {
  seq++;
  const id = insertMessage(db, {
    accountId,
    messageId: `m${seq}@x`,
    dedupeKey: `k${seq}`,
    subject: `Message ${seq}`,
    from: { name: '', address: 'c@x' },
    to: [],
    cc: [],
    replyTo: [],
    inReplyTo: null,
    references: [],
    date: seq * 1000,
    snippet: '',
    hasAttachments: false,
    seen: false,
    size: 10,
  });
  insertLocation(db, id, { folderId, uidvalidity, uid: seq }, []);
  return id;
}

const list = (role: MessageFolderRole, account = accountId): number[] => listMessages(db, { accountId: account, folder: role, cursor: null, limit: 50 }).items.map((m) => m.id);

beforeEach(() => {
  db = openDatabase(':memory:').db;
  accountId = seedAccount(db);
  inbox = updateFolderSyncState(db, upsertFolder(db, accountId, 'INBOX', 'inbox').id, { uidvalidity: 7 }).id;
  archive = updateFolderSyncState(db, upsertFolder(db, accountId, 'Archive', 'archive').id, { uidvalidity: 9 }).id;
});
afterEach(() => db.close());

describe('optimistic changes', () => {
  it('marks read at once and queues \\Seen for the server', () => {
    const m = addMessage(inbox, 7);
    expect(markRead(db, [m, 999_999], true, 1)).toEqual({ changed: [m], queuedFor: [accountId] });
    expect(getMessage(db, m)?.unread).toBe(false);
    expect(pendingOps(db, accountId)).toEqual([expect.objectContaining({ kind: 'flags', messageId: m, payload: { add: ['\\Seen'], remove: [] } })]);
  });

  it('moves at once: listed in the target, gone from the source, still known as on the server there', () => {
    const m = addMessage(inbox, 7);
    const uid = seq;
    const other = addMessage(inbox, 7);
    moveMessages(db, [m], 'archive', 1);
    expect(list('inbox')).toEqual([other]);
    expect(list('archive')).toEqual([m]);
    expect(listFolderSummaries(db, accountId).map((f) => [f.role, f.total, f.unread])).toEqual([
      ['inbox', 1, 1],
      ['archive', 1, 1],
    ]);
    // The source location stays (hidden) so the sync keeps treating it as known.
    const [source] = serverLocationsOf(db, m);
    expect(source).toMatchObject({ folderId: inbox, uid, hiddenByOp: expect.any(Number) });
    // A folder pass's cleanup of old UIDVALIDITYs leaves the placeholder alone.
    deleteLocationsOfOtherUidvalidity(db, archive, 9);
    expect(list('archive')).toEqual([m]);
  });

  it('a move back before the first reached the server shows the message where the agent put it last', () => {
    const m = addMessage(inbox, 7);
    moveMessages(db, [m], 'archive', 1);
    moveMessages(db, [m], 'inbox', 2);
    expect(list('inbox')).toEqual([m]);
    expect(list('archive')).toEqual([]);
    expect(countPendingOps(db, accountId)).toBe(2);
    // The first move lands (UIDPLUS told the new UID): the real Archive location is hidden by the second op.
    const [first, second] = pendingOps(db, accountId);
    settlePlaceholder(db, first?.id ?? 0, { uidvalidity: 9, uid: 55, flags: [] });
    expect(serverLocationsOf(db, m).find((l) => l.folderId === archive)).toMatchObject({ uid: 55, hiddenByOp: second?.id });
    expect(list('archive')).toEqual([]);
  });

  it('undoes a dropped op: the message is back where the server has it', () => {
    const m = addMessage(inbox, 7);
    moveMessages(db, [m], 'archive', 1);
    dropOp(db, pendingOps(db, accountId)[0]?.id ?? 0);
    expect(list('inbox')).toEqual([m]);
    expect(list('archive')).toEqual([]);
    expect(countPendingOps(db, accountId)).toBe(0);
  });

  it('moves to a folder of the usual name when the server has none with that role, and purges what is only in Trash', () => {
    const m = addMessage(inbox, 7);
    moveMessages(db, [m], 'junk', 1);
    expect(getFolderByRole(db, accountId, 'junk')?.path).toBe('Junk');
    expect(list('junk')).toEqual([m]);
    const t = addMessage(upsertFolder(db, accountId, 'Trash', 'trash').id, 3);
    moveMessages(db, [t], 'trash', 2);
    expect(pendingOps(db, accountId).map((op) => op.kind)).toEqual(['move', 'expunge']);
    expect(list('trash')).toEqual([]);
  });

  it('changes a demo account for good at once, with nothing queued', () => {
    const demo = Number(db.prepare("INSERT INTO accounts (kind, name, email, created_at) VALUES ('demo', 'Demo', 'd@x', 0)").run().lastInsertRowid);
    const demoInbox = upsertFolder(db, demo, 'INBOX', 'inbox').id;
    const saved = accountId;
    accountId = demo;
    const m = addMessage(demoInbox, 1);
    accountId = saved;
    expect(moveMessages(db, [m], 'archive', 1)).toEqual({ changed: [m], queuedFor: [], undo: [{ id: m, folderId: demoInbox }] });
    expect(markRead(db, [m], true, 1).queuedFor).toEqual([]);
    expect(list('archive', demo)).toEqual([m]);
    expect(list('inbox', demo)).toEqual([]);
    expect(countPendingOps(db, demo)).toBe(0);
    expect(serverLocationsOf(db, m)).toEqual([]);
  });
});

describe('moving a conversation', () => {
  it("leaves the team's replies in Sent and drafts where they are, and says where the rest came from", () => {
    const sent = updateFolderSyncState(db, upsertFolder(db, accountId, 'Sent', 'sent').id, { uidvalidity: 3 }).id;
    const drafts = updateFolderSyncState(db, upsertFolder(db, accountId, 'Drafts', 'drafts').id, { uidvalidity: 4 }).id;
    const customer = addMessage(inbox, 7);
    const reply = addMessage(sent, 3);
    const draft = addMessage(drafts, 4);
    const result = moveMessages(db, [customer, reply, draft], 'junk', 1);
    expect(result).toEqual({ changed: [customer], queuedFor: [accountId], undo: [{ id: customer, folderId: inbox }] });
    expect(list('junk')).toEqual([customer]);
    expect(list('sent')).toEqual([reply]);
    expect(list('drafts')).toEqual([draft]);
    // Deleting for good what is in the trash spares them too.
    const trash = updateFolderSyncState(db, upsertFolder(db, accountId, 'Trash', 'trash').id, { uidvalidity: 5 }).id;
    const trashed = addMessage(trash, 5);
    const purge = moveMessages(db, [trashed, reply], 'trash', 3);
    expect(purge.changed).toEqual([trashed]);
    expect(purge.undo).toEqual([]);
    expect(pendingOps(db, accountId).at(-1)).toEqual(expect.objectContaining({ kind: 'expunge', messageId: trashed }));
    expect(list('sent')).toEqual([reply]);
  });

  it('moves back to where each message came from, and ignores a folder of another account', () => {
    const a = addMessage(inbox, 7);
    const b = addMessage(archive, 9);
    const { undo } = moveMessages(db, [a, b], 'trash', 1);
    expect(undo).toEqual([{ id: a, folderId: inbox }, { id: b, folderId: archive }]);
    expect(list('trash')).toEqual(expect.arrayContaining([a, b]));

    const other = seedAccount(db, 'other@x');
    const foreign = upsertFolder(db, other, 'INBOX', 'inbox').id;
    expect(moveMessagesBack(db, [...undo, { id: a, folderId: foreign }], 2)).toEqual({ changed: [a, b], queuedFor: [accountId] });
    expect(list('inbox')).toEqual([a]);
    expect(list('archive')).toEqual([b]);
    expect(list('trash')).toEqual([]);
    // In the queue in order: the move to the trash, then back.
    expect(pendingOps(db, accountId).map((op) => [op.messageId, op.kind])).toEqual([[a, 'move'], [b, 'move'], [a, 'move'], [b, 'move']]);
  });
});

describe('runsOf', () => {
  const op = (id: number, o: Partial<WritebackOp> & Pick<WritebackOp, 'kind' | 'payload'>): WritebackOp => ({ id, accountId: 1, messageId: id, attempts: 0, ...o }) as WritebackOp;

  it('groups consecutive ops that one command can carry, never reordering', () => {
    const seen = { add: ['\\Seen'], remove: [] };
    const unseen = { add: [], remove: ['\\Seen'] };
    const ops = [
      op(1, { kind: 'flags', payload: seen }),
      op(2, { kind: 'flags', payload: seen }),
      op(3, { kind: 'flags', payload: unseen }),
      op(4, { kind: 'move', payload: { toFolderId: 5 } }),
      op(5, { kind: 'move', payload: { toFolderId: 5 } }),
      op(6, { kind: 'move', payload: { toFolderId: 6 } }),
      op(7, { kind: 'flags', payload: seen }),
      op(8, { kind: 'expunge', payload: {} }),
      op(9, { kind: 'expunge', payload: {} }),
    ];
    expect(runsOf(ops).map((run) => run.map((o) => o.id))).toEqual([[1, 2], [3], [4, 5], [6], [7], [8, 9]]);
  });
});
