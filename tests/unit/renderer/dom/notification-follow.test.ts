/**
 * Following a notification: a single one opens its conversation; the notice
 * for several customers' replies at once opens Mine, where they all are.
 */
import { expect, it } from 'vitest';
import type { DeskApi } from '../../../../src-preload/api.ts';
import { alwaysOpenMonitor } from '../../../../src-renderer/api/connection-status.ts';
import { canFollow } from '../../../../src-renderer/store/notifications.slice.ts';
import { createDeskStore } from '../../../../src-renderer/store/desk-store.ts';

const api: DeskApi = {
  call: () => Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'not in this test' } }) as never,
  onEvent: () => () => undefined,
};
const said = (text: string) => ({ key: 'recordedText' as const, vars: { text }, text });

it('opens Mine for the notice of several replies, and nothing for a notice about no conversation', () => {
  const store = createDeskStore(api, alwaysOpenMonitor());
  const many = { kind: 'replied' as const, title: said('A customer wrote again'), body: said('4 customers replied in conversations assigned to you.'), conversationId: null };
  const failed = { kind: 'send-failed' as const, title: said('Not sent'), body: said('The server refused it.'), conversationId: null };
  expect(canFollow(many)).toBe(true);
  expect(canFollow(failed)).toBe(false);
  store.getState().pushNotification(many);
  const id = store.getState().notifications[0]?.id ?? 0;
  store.getState().followNotification(id);
  expect(store.getState().folderChoice).toEqual({ kind: 'drawer', drawer: 'mine' });
  expect(store.getState().notifications[0]?.read).toBe(true);
});
