/**
 * A smart folder's count in the sidebar is what its search finds now, up to
 * 99 ("99+" past it), on the demo's 300-odd conversations; `follower:me`
 * makes one of the conversations this agent follows.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SearchResult } from '../../src-preload/api.ts';
import { startDemoDesk } from '../support/desk-core.ts';
import type { DemoDesk } from '../support/desk-core.ts';

let desk: DemoDesk;
beforeAll(async () => {
  desk = await startDemoDesk('sb-smart-counts-');
}, 60_000);
afterAll(async () => {
  await desk?.stop();
});

it('counts each saved search as the search finds it, and stops at 99', async () => {
  const found = async (query: string): Promise<number> => {
    const ids = new Set<number>();
    let cursor: string | null = null;
    do {
      const page: SearchResult = await desk.call('search.query', { query, accountId: null, cursor, limit: 200 });
      for (const hit of page.items) ids.add(hit.conversation.id);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids.size;
  };
  const refunds = await found('refund status:pending');
  expect(refunds).toBeGreaterThan(0);
  expect(refunds).toBeLessThan(99);
  expect(await found('status:open')).toBeGreaterThan(99);

  const counts = await desk.call('search.counts', { queries: ['refund status:pending', 'status:open', 'zzqx-nothing-matches'], accountId: null });
  expect(counts).toEqual([
    { query: 'refund status:pending', count: refunds, more: false },
    { query: 'status:open', count: 99, more: true },
    { query: 'zzqx-nothing-matches', count: 0, more: false },
  ]);
});

it('finds what this agent follows with follower:me, so a smart folder can list it', async () => {
  const page = await desk.call('conversations.list', { accountId: null, cursor: null, limit: 3, folder: 'inbox' });
  const [a, b] = page.items.map((c) => c.id);
  if (a === undefined || b === undefined) throw new Error('the demo lists conversations');
  expect((await desk.call('search.query', { query: 'follower:me', accountId: null, cursor: null, limit: 50 })).items).toEqual([]);
  await desk.call('triage.apply', { conversationIds: [a, b], action: { kind: 'follow', follow: true } });
  const followed = async (query: string): Promise<number[]> => {
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const found: SearchResult = await desk.call('search.query', { query, accountId: null, cursor, limit: 200 });
      ids.push(...found.items.map((h) => h.conversation.id));
      cursor = found.nextCursor;
    } while (cursor !== null);
    return ids;
  };
  expect((await followed('follower:me')).sort()).toEqual([a, b].sort());
  const undo = await desk.call('triage.apply', { conversationIds: [b], action: { kind: 'follow', follow: false } });
  expect(await followed('follower:me')).toEqual([a]);
  expect(await followed('-follower:me status:open')).not.toContain(a);
  expect(await followed('follower:none status:open')).toContain(b);
  expect(await desk.call('search.counts', { queries: ['follower:me'], accountId: null })).toEqual([{ query: 'follower:me', count: 1, more: false }]);
  // Undo of the unfollow follows again.
  await desk.call('triage.undo', { undoToken: undo.undoToken });
  expect((await followed('follower:me')).sort()).toEqual([a, b].sort());
});
