/**
 * An agent corrects or deletes their own internal note, through core's API
 * as the renderer calls it, on the demo workspace: the timeline and search
 * follow the new text, the note says it was edited, and nobody but its
 * author can change it, neither through this desktop's API nor by an op a
 * colleague's desktop sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityItem } from '../../src-preload/api.ts';
import { rootOfConversation } from '../../src-main/core/db/conversations.repo.ts';
import { appendOps } from '../../src-main/core/db/ops.repo.ts';
import { formatTimestamp } from '../../src-main/core/team/hlc.ts';
import { startDemoDesk } from '../support/desk-core.ts';
import type { DemoDesk } from '../support/desk-core.ts';

const BOB = 'b0b0000000000002';
let desk: DemoDesk;
let conversationId: number;

const notesOf = async (): Promise<ActivityItem[]> => (await desk.call('triage.get', { conversationId })).activity.filter((a) => a.kind === 'note');
const found = async (words: string): Promise<number[]> => (await desk.call('search.query', { query: words, accountId: null, cursor: null, limit: 50 })).items.map((h) => h.conversation.id);

/** Ops as a colleague's desktop sends them through team sync. */
let counter = 0;
function fromBob(entity: string, cells: Record<string, unknown>): void {
  const now = Date.now();
  appendOps(desk.core.db, Object.entries(cells).map(([field, value]) => ({ hlc: formatTimestamp(now, counter++, BOB), actor: BOB, entity, field, value: value as never })), now, 'received');
}

beforeAll(async () => {
  desk = await startDemoDesk('sb-note-edits-');
  const page = await desk.call('conversations.list', { accountId: null, cursor: null, limit: 1, folder: 'inbox' });
  conversationId = page.items[0]?.id ?? 0;
}, 60_000);

afterAll(async () => {
  await desk?.stop();
});

describe('an agent\'s own note', () => {
  let noteId = '';

  it('is theirs to edit: the timeline shows the new text, marked edited, and search follows it', async () => {
    const added = await desk.call('notes.add', { conversationId, markdown: 'Parcel went to the wrong wombat depot' });
    noteId = added.id;
    expect(added).toMatchObject({ kind: 'note', mine: true, editedAt: null });
    expect(await found('wombat')).toContain(conversationId);

    const edited = await desk.call('notes.edit', { conversationId, noteId, markdown: 'Parcel went to the wrong kangaroo depot' });
    expect(edited).toMatchObject({ id: noteId, markdown: 'Parcel went to the wrong kangaroo depot', mine: true });
    expect(edited.kind === 'note' && edited.editedAt).toBeGreaterThan(0);
    expect(await notesOf()).toEqual([edited]);
    expect(await found('kangaroo')).toContain(conversationId);
    expect(await found('wombat')).not.toContain(conversationId);
  });

  it('cannot be rewritten by a colleague\'s desktop', async () => {
    fromBob(noteId, { markdown: 'Bob was here', deleted: true });
    const [note] = await notesOf();
    expect(note).toMatchObject({ id: noteId, markdown: 'Parcel went to the wrong kangaroo depot' });
    expect(await found('kangaroo')).toContain(conversationId);
  });

  it('is theirs to delete, for the timeline and for search', async () => {
    await desk.call('notes.delete', { conversationId, noteId });
    expect(await notesOf()).toEqual([]);
    expect(await found('kangaroo')).not.toContain(conversationId);
    await expect(desk.call('notes.edit', { conversationId, noteId, markdown: 'again' })).rejects.toThrow(/not-found: That note no longer exists/);
  });
});

describe('a colleague\'s note', () => {
  it('shows as theirs and cannot be edited or deleted here', async () => {
    const entity = 'note:0b0b0b0b-0000-4000-8000-000000000001';
    fromBob(entity, { conversation: rootOfConversation(desk.core.db, conversationId), kind: 'note', markdown: 'Called the depot, they will call back', mentions: [] });
    expect(await notesOf()).toEqual([expect.objectContaining({ id: entity, mine: false, editedAt: null })]);
    await expect(desk.call('notes.edit', { conversationId, noteId: entity, markdown: 'mine now' })).rejects.toThrow(/conflict: Only the colleague who wrote a note/);
    await expect(desk.call('notes.delete', { conversationId, noteId: entity })).rejects.toThrow(/conflict: Only the colleague who wrote a note/);
    expect(await notesOf()).toEqual([expect.objectContaining({ id: entity, markdown: 'Called the depot, they will call back' })]);
  });

  it('refuses a note id that is not a note, or belongs to another conversation', async () => {
    await expect(desk.call('notes.edit', { conversationId, noteId: 'msg:whatever', markdown: 'x' })).rejects.toThrow(/bad-request/);
    const other = (await desk.call('conversations.list', { accountId: null, cursor: null, limit: 2, folder: 'inbox' })).items[1]?.id ?? 0;
    await expect(desk.call('notes.delete', { conversationId: other, noteId: 'note:0b0b0b0b-0000-4000-8000-000000000001' })).rejects.toThrow(/not-found/);
  });
});
