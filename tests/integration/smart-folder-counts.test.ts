/**
 * A smart folder's count in the sidebar is what its search finds now, up to
 * 99 ("99+" past it), on the demo's 300-odd conversations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SearchResult } from '../../src-preload/api.ts';
import { startTestDesk } from '../support/desk-core.ts';
import type { TestDesk } from '../support/desk-core.ts';

let dir: string;
let desk: TestDesk;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-smart-counts-'));
  desk = await startTestDesk(dir);
  await desk.call('workspace.openDemo', {});
}, 60_000);
afterAll(async () => {
  await desk.core.close();
  fs.rmSync(dir, { recursive: true, force: true });
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
