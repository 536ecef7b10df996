/**
 * What "To send" says about an item: mail that will be tried again (the
 * server could not be reached) waits in its own section and asks nothing of
 * the agent; only mail that failed for good does.
 */
import { expect, it } from 'vitest';
import type { OutboxItem } from '../../../src-preload/api.ts';
import { needsAgent, pendingCount, sectionOf, stateLabel } from '../../../src-renderer/features/outbox/outbox-words.ts';

const item = (over: Partial<OutboxItem>): OutboxItem => ({
  id: 1,
  draftId: 1,
  conversationId: 1,
  accountId: 1,
  subject: 'Re: Where is my parcel?',
  to: [{ name: 'Carol', address: 'carol@jones.example' }],
  state: 'failed',
  sendAt: 0,
  sentLate: false,
  retryAt: null,
  problem: null,
  thenStatus: null,
  ...over,
});

it('tells mail waiting for the server from mail that failed for good', () => {
  const waiting = item({ retryAt: 60_000 });
  const failed = item({ retryAt: null });
  expect([sectionOf(waiting), stateLabel(waiting), needsAgent(waiting)]).toEqual(['retrying', 'outbox.stateRetrying', false]);
  expect([sectionOf(failed), stateLabel(failed), needsAgent(failed)]).toEqual(['failed', 'outbox.stateFailed', true]);
  expect(sectionOf(item({ state: 'scheduled' }))).toBe('scheduled');
  expect(sectionOf(item({ state: 'sent' }))).toBeNull();
  // Both still count as mail to send.
  expect(pendingCount([waiting, failed, item({ state: 'sent' })])).toBe(2);
});
