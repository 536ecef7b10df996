/**
 * "My drafts" in the store: it mirrors core's list, keeps the set of
 * conversations with a draft stable while nothing moved (the list re-renders
 * on it during a sync), and opens a draft where it is written.
 */
import { expect, it } from 'vitest';
import type { ConversationDetail, DeskApi, DeskMethodName, Draft, DraftSummary } from '../../../../src-preload/api.ts';
import { alwaysOpenMonitor } from '../../../../src-renderer/api/connection-status.ts';
import { createDeskStore } from '../../../../src-renderer/store/desk-store.ts';

const summary = (id: number, conversationId: number | null): DraftSummary => ({
  id, conversationId, mode: conversationId === null ? 'new' : 'reply', subject: `Draft ${id}`, to: [], savedAt: id, preview: `text ${id}`,
});
const draftOf = (s: DraftSummary): Draft => ({ id: s.id, accountId: 1, conversationId: s.conversationId, mode: s.mode, inReplyTo: null, to: [], cc: [], bcc: [], subject: s.subject, html: '<p>x</p>', attachments: [], savedAt: s.savedAt });
const detail = (id: number) => ({
  summary: { id, ticket: 'K7F3Q2', accountId: 1, subject: 'Refund', customer: { name: 'Ann', address: 'ann@x' }, contactId: null, lastMessageAt: 1, messageCount: 1, snippet: '', unread: false, hasAttachments: false },
  messages: [],
  contact: null,
}) as unknown as ConversationDetail;

function scripted(lists: DraftSummary[][]) {
  const calls: DeskMethodName[] = [];
  let listed = 0;
  const api: DeskApi = {
    call: (method, params) => {
      calls.push(method);
      const p = params as { id?: number };
      const value: unknown =
        method === 'drafts.summaries' ? lists[Math.min(listed++, lists.length - 1)]
          : method === 'drafts.get' ? draftOf(lists.flat().find((d) => d.id === p.id) ?? summary(0, null))
            : method === 'conversations.get' ? detail(p.id ?? 0)
              : method === 'drafts.discard' ? null
                : undefined;
      return Promise.resolve(value === undefined ? { ok: false, error: { code: 'unavailable', message: 'not in this test' } } : { ok: true, value }) as never;
    },
    onEvent: () => () => undefined,
  };
  return { api, calls };
}

it('keeps the set of conversations with a draft while nothing moved, and replaces it when one did', async () => {
  const { api } = scripted([[summary(1, 7), summary(2, null)], [summary(3, 7), summary(2, null)], [summary(3, 8)]]);
  const store = createDeskStore(api, alwaysOpenMonitor());
  await store.getState().refreshDrafts();
  const first = store.getState().draftConversations;
  expect([...first]).toEqual([7]);
  await store.getState().refreshDrafts();
  expect(store.getState().draftConversations).toBe(first);
  expect(store.getState().draftSummaries.map((d) => d.id)).toEqual([3, 2]);
  await store.getState().refreshDrafts();
  expect([...store.getState().draftConversations]).toEqual([8]);
});

it('opens a reply beside its conversation and a draft without one in the dock', async () => {
  const { api, calls } = scripted([[summary(1, 7), summary(2, null)]]);
  const store = createDeskStore(api, alwaysOpenMonitor());
  store.setState({ draftsOpen: true });
  await store.getState().openDraftSummary(summary(1, 7));
  expect(calls).toContain('conversations.get');
  expect(store.getState().opened?.id).toBe(7);
  expect(store.getState().composer?.draft.id).toBe(1);
  expect(store.getState().draftsOpen).toBe(false);

  const before = calls.filter((c) => c === 'conversations.get').length;
  await store.getState().openDraftSummary(summary(2, null));
  expect(calls.filter((c) => c === 'conversations.get')).toHaveLength(before);
  expect(store.getState().composer?.draft).toMatchObject({ id: 2, conversationId: null });
});

it('discarding from the list says so and reads the list again', async () => {
  const { api, calls } = scripted([[summary(1, 7)], []]);
  const store = createDeskStore(api, alwaysOpenMonitor());
  await store.getState().refreshDrafts();
  await store.getState().discardDraftSummary(1);
  await store.getState().refreshDrafts();
  expect(calls).toContain('drafts.discard');
  expect(store.getState().notice?.text).toBe('Draft discarded.');
  expect(store.getState().draftSummaries).toEqual([]);
});
