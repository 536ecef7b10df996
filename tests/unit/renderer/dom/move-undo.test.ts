/**
 * z undoes the newest of the last triage action and the last move: after a
 * move it puts the mail back (once), and it never reaches past a move to undo
 * an older triage action the agent no longer sees.
 */
import { expect, it, vi } from 'vitest';
import type { ConversationDetail, DeskApi, DeskMethodName } from '../../../../src-preload/api.ts';
import { alwaysOpenMonitor } from '../../../../src-renderer/api/connection-status.ts';
import { SHORTCUTS } from '../../../../src-renderer/app/shortcuts.ts';
import { createDeskStore } from '../../../../src-renderer/store/desk-store.ts';

const detail = {
  summary: { id: 7, ticket: 'K7F3Q2', accountId: 1, subject: 'Refund', customer: { name: 'Ann', address: 'ann@x' }, contactId: null, lastMessageAt: 1, messageCount: 1, snippet: '', unread: false, hasAttachments: false },
  messages: [{ id: 11 }],
  contact: null,
} as unknown as ConversationDetail;

function scripted(undo = [{ id: 11, folderId: 2 }]): { api: DeskApi; calls: Array<{ method: DeskMethodName; params: unknown }> } {
  const calls: Array<{ method: DeskMethodName; params: unknown }> = [];
  const answers: Partial<Record<DeskMethodName, unknown>> = {
    'conversations.get': detail,
    'messages.move': { undo },
    'messages.moveBack': null,
  };
  const api: DeskApi = {
    call: (method, params) => {
      calls.push({ method, params });
      return Promise.resolve(method in answers ? { ok: true, value: answers[method] } : { ok: false, error: { code: 'unavailable', message: 'not in this test' } }) as never;
    },
    onEvent: () => () => undefined,
  };
  return { api, calls };
}

const z = SHORTCUTS.find((s) => s.id === 'undo');
const pressZ = (state: unknown): void => z?.run(state as never, { focusSearch: () => undefined, focusList: () => undefined });

it('z after a move puts the mail back once, then has nothing of the move left to undo', async () => {
  const { api, calls } = scripted();
  const store = createDeskStore(api, alwaysOpenMonitor());
  await store.getState().moveConversation(7, 'trash');
  expect(store.getState().notice?.text).toBe('#K7F3Q2 moved to Trash.');
  expect(store.getState().notice?.action?.label).toBe('Undo');
  expect(store.getState().moveUndo).toEqual([{ id: 11, folderId: 2 }]);

  pressZ(store.getState());
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(calls.filter((c) => c.method === 'messages.moveBack')).toEqual([{ method: 'messages.moveBack', params: { moves: [{ id: 11, folderId: 2 }] } }]);
  expect(store.getState().notice?.text).toBe('Moved back.');

  // Once only: z now falls to the triage undo, which has nothing (the move cleared it).
  pressZ(store.getState());
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(calls.filter((c) => c.method === 'messages.moveBack')).toHaveLength(1);
  expect(store.getState().notice?.text).toBe('There is nothing to undo.');
});

it('a move forgets the older triage undo, so z cannot undo what the agent no longer sees', async () => {
  const { api } = scripted();
  const store = createDeskStore(api, alwaysOpenMonitor());
  store.setState({ lastUndo: { id: 1, token: 'older', action: { kind: 'status', status: 'done' }, applied: [], shown: false, undone: false } as never });
  await store.getState().moveConversation(7, 'archive');
  expect(store.getState().lastUndo).toBeNull();
});

it('deleting for good says so, and says when some of the mail was elsewhere and went to the Trash instead', async () => {
  const purged = createDeskStore(scripted([]).api, alwaysOpenMonitor());
  await purged.getState().moveConversation(7, 'trash', { forever: true });
  expect(purged.getState().notice?.text).toBe('#K7F3Q2 deleted for good.');
  expect(purged.getState().notice?.action).toBeUndefined();

  const partly = createDeskStore(scripted().api, alwaysOpenMonitor());
  await partly.getState().moveConversation(7, 'trash', { forever: true });
  expect(partly.getState().notice?.text).toBe('What of #K7F3Q2 was in Trash is deleted for good; its mail in other folders was moved to Trash.');
  expect(partly.getState().notice?.action?.label).toBe('Undo');
});

it('z pressed before core has answered a move waits for the answer and undoes that move', async () => {
  const calls: DeskMethodName[] = [];
  let answerMove: () => void = () => undefined;
  const api: DeskApi = {
    call: (method) => {
      calls.push(method);
      if (method === 'messages.move') return new Promise((resolve) => (answerMove = () => resolve({ ok: true, value: { undo: [{ id: 11, folderId: 2 }] } }))) as never;
      if (method === 'conversations.get') return Promise.resolve({ ok: true, value: detail }) as never;
      if (method === 'messages.moveBack') return Promise.resolve({ ok: true, value: null }) as never;
      return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'not in this test' } }) as never;
    },
    onEvent: () => () => undefined,
  };
  const store = createDeskStore(api, alwaysOpenMonitor());
  store.setState({ lastUndo: { id: 1, token: 'older', action: { kind: 'status', status: 'done' }, applied: [], shown: false, undone: false } as never });
  const moving = store.getState().moveConversation(7, 'archive');
  await vi.waitFor(() => expect(calls).toContain('messages.move'));
  expect(store.getState().moveInFlight).toBe(true);

  pressZ(store.getState());
  answerMove();
  await moving;
  await vi.waitFor(() => expect(store.getState().notice?.text).toBe('Moved back.'));
  expect(calls.filter((m) => m === 'messages.moveBack')).toHaveLength(1);
  // The older triage action was never undone (triage.undo was not called).
  expect(calls).not.toContain('triage.undo');
  expect(store.getState().moveInFlight).toBe(false);
});
