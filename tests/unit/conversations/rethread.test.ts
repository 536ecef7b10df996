/**
 * Stored threading must equal the pure batch threading of the same mail,
 * whatever order and batches the mail was stored in, with agents' splits and
 * merges arriving at any time, and after mail is deleted. This is what makes
 * every desktop show the same tickets: each stores in its own order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../../src-main/core/conversations/thread-step.ts';
import { repairStaleConversations, threadMessages } from '../../../src-main/core/conversations/rethread.ts';
import { countQueuedForThreading } from '../../../src-main/core/db/thread-queue.repo.ts';
import { afterMessagesStored, placeDeferred } from '../../../src-main/core/pipeline/after-store.ts';
import { threadQueued } from '../../../src-main/core/pipeline/thread-queue.ts';
import { applyThreadOps } from '../../../src-main/core/conversations/thread-overrides.ts';
import type { Op } from '../../../src-main/core/team/ops.ts';
import { partition } from '../../../src-main/core/threading/index.ts';
import type { Override, ThreadInput } from '../../../src-main/core/threading/index.ts';
import { mailbox, overridesFor, permutationOf } from '../threading/support/generated-mail.ts';
import type { Mailbox } from '../threading/support/generated-mail.ts';
import { DESK, deleteRows, newMessageOfSpec, openTestCache, storedConversations, storeRow, unthreadedCount } from './support/cache.ts';
import type { StoredSpec, TestCache } from './support/cache.ts';

const OPTIONS = { ownAddresses: [DESK] };

function opOf(o: Override): Op {
  // Threading ops as team sync would hand them over; seq doubles as the HLC (it orders them the same way).
  return o.kind === 'split'
    ? { hlc: o.seq, actor: '0000000000000001', entity: `msg:${o.messageId}`, field: 'thread.split', value: true }
    : { hlc: o.seq, actor: '0000000000000001', entity: `msg:${o.messageIdA}`, field: `thread.merge:${o.messageIdB}`.slice(0, 60), value: o.messageIdB };
}

interface View {
  root: string;
  ticket: string;
  tokens: string[];
  members: number[];
}

function expected(box: Mailbox, present: ReadonlySet<number>, overrides: readonly Override[]): View[] {
  const inputs: ThreadInput[] = box.messages
    .filter((m) => present.has(m.label))
    .map((m) => ({ ...m.input, key: m.label, fingerprint: `gen-${m.label}` }));
  return partition(inputs, OPTIONS, overrides)
    .map((c) => ({ root: c.rootId, ticket: c.token, tokens: [...new Set([c.token, ...c.aliases])].sort(), members: [...c.keys].sort((a, b) => a - b) }))
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

function stored(cache: TestCache, labelOf: ReadonlyMap<number, number>): View[] {
  return storedConversations(cache.db)
    .map((c) => ({ root: c.root, ticket: c.ticket, tokens: c.tokens, members: c.members.map((id) => labelOf.get(id) ?? -1).sort((a, b) => a - b) }))
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

/** Stores the mailbox in `order`, `batch` messages per pipeline run, with the overrides applied after message `overrideAt`. */
function desktop(box: Mailbox, order: readonly number[], batch: number, overrides: readonly Override[], overrideAt: number) {
  const cache = openTestCache();
  const labelOf = new Map<number, number>();
  const idOf = new Map<number, number>();
  let pending: number[] = [];
  const flush = (): void => {
    const ids = pending;
    pending = [];
    cache.db.transaction(() => threadMessages(cache.db, ids))();
  };
  order.forEach((index, position) => {
    const m = box.messages[index];
    if (!m) throw new Error(`bad index ${index}`);
    const id = storeRow(cache, { input: m.input, dedupeKey: `gen-${m.label}` });
    labelOf.set(id, m.label);
    idOf.set(m.label, id);
    pending.push(id);
    if (pending.length >= batch) flush();
    if (position === overrideAt) {
      flush();
      cache.db.transaction(() => applyThreadOps(cache.db, overrides.map(opOf)))();
    }
  });
  flush();
  if (overrideAt >= order.length) cache.db.transaction(() => applyThreadOps(cache.db, overrides.map(opOf)))();
  return { cache, labelOf, idOf };
}

/** Conversation rows whose message count is not their number of members, or that have none. */
function miscounted(cache: TestCache): number {
  const row = cache.db
    .prepare(
      `SELECT count(*) AS n FROM conversations c
       WHERE c.message_count <> (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)
          OR c.unread_count <> (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.seen = 0)`,
    )
    .get() as { n: number };
  return row.n;
}

/**
 * Stores the mailbox in `order` as a sync does: each batch either threaded at
 * once or listed with provisional conversations and queued (`deferred`), with
 * `drains[i]` queued messages threaded after batch i. A deferred batch is
 * placed in its conversations before its rows are inserted (`placedFirst`), as
 * a header batch is, or after, as mail stored whole is. Checks after every
 * step that no message is without a conversation and every row counts its members.
 */
function deferringDesktop(box: Mailbox, order: readonly number[], batch: number, deferred: readonly boolean[], drains: readonly number[], placedFirst: readonly boolean[] = [false]) {
  const cache = openTestCache();
  const labelOf = new Map<number, number>();
  let pending: Array<{ label: number; spec: StoredSpec }> = [];
  let batchNo = 0;
  const flush = (): void => {
    const specs = pending;
    pending = [];
    if (specs.length === 0) return;
    const defer = deferred[batchNo % deferred.length] ?? false;
    const placing = defer && (placedFirst[batchNo % placedFirst.length] ?? false);
    cache.db.transaction(() => {
      const placed = placing ? placeDeferred(cache.db, cache.accountId, specs.map((s) => newMessageOfSpec(cache, s.spec)), null) : null;
      const ids = specs.map(({ label, spec }, i) => {
        const id = storeRow(cache, spec, placed?.[i] ?? null);
        labelOf.set(id, label);
        return id;
      });
      afterMessagesStored(cache.db, { created: ids }, { deferThreading: defer });
    })();
    expect(unthreadedCount(cache.db)).toBe(0);
    expect(miscounted(cache)).toBe(0);
    threadQueued(cache.db, cache.accountId, drains[batchNo % drains.length] ?? 0);
    expect(unthreadedCount(cache.db)).toBe(0);
    expect(miscounted(cache)).toBe(0);
    batchNo++;
  };
  for (const index of order) {
    const m = box.messages[index];
    if (!m) throw new Error(`bad index ${index}`);
    pending.push({ label: m.label, spec: { input: m.input, dedupeKey: `gen-${m.label}` } });
    if (pending.length >= batch) flush();
  }
  flush();
  return { cache, labelOf };
}

describe('stored threading', () => {
  it('listing large batches first and threading them later ends as batch threading, and never hides a message', () => {
    fc.assert(
      fc.property(
        mailbox(18).chain((box) =>
          fc.record({
            box: fc.constant(box),
            order: permutationOf(box.messages.length),
            batch: fc.integer({ min: 1, max: 6 }),
            deferred: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
            drains: fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 6 }),
            placedFirst: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
          }),
        ),
        ({ box, order, batch, deferred, drains, placedFirst }) => {
          const { cache, labelOf } = deferringDesktop(box, order, batch, deferred, drains, placedFirst);
          while (threadQueued(cache.db, cache.accountId, 4).length > 0);
          expect(countQueuedForThreading(cache.db, cache.accountId)).toBe(0);
          expect(stored(cache, labelOf)).toEqual(expected(box, new Set(box.messages.map((m) => m.label)), []));
          expect(miscounted(cache)).toBe(0);
          cache.db.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('equals batch threading for any arrival order, batch size and override timing', () => {
    fc.assert(
      fc.property(
        mailbox(18).chain((box) =>
          fc.record({
            box: fc.constant(box),
            order: permutationOf(box.messages.length),
            batch: fc.integer({ min: 1, max: 6 }),
            overrides: overridesFor(box.ids),
            overrideAt: fc.nat({ max: box.messages.length }),
          }),
        ),
        ({ box, order, batch, overrides, overrideAt }) => {
          const { cache, labelOf } = desktop(box, order, batch, overrides, overrideAt);
          expect(unthreadedCount(cache.db)).toBe(0);
          expect(stored(cache, labelOf)).toEqual(expected(box, new Set(box.messages.map((m) => m.label)), overrides));
          cache.db.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('two desktops with different orders agree on every ticket and its members', () => {
    fc.assert(
      fc.property(
        mailbox(20).chain((box) => fc.record({ box: fc.constant(box), a: permutationOf(box.messages.length), b: permutationOf(box.messages.length) })),
        ({ box, a, b }) => {
          const one = desktop(box, a, 1, [], box.messages.length);
          const two = desktop(box, b, 4, [], box.messages.length);
          expect(stored(two.cache, two.labelOf)).toEqual(stored(one.cache, one.labelOf));
          one.cache.db.close();
          two.cache.db.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('after mail is deleted, repairs to the threading of what is left', () => {
    fc.assert(
      fc.property(
        mailbox(16).chain((box) =>
          fc.record({
            box: fc.constant(box),
            order: permutationOf(box.messages.length),
            gone: fc.subarray(box.messages.map((m) => m.label)),
            overrides: overridesFor(box.ids),
          }),
        ),
        ({ box, order, gone, overrides }) => {
          const { cache, labelOf, idOf } = desktop(box, order, 3, overrides, 0);
          deleteRows(cache, gone.map((label) => idOf.get(label) as number));
          repairStaleConversations(cache.db);
          const left = new Set(box.messages.map((m) => m.label).filter((l) => !gone.includes(l)));
          expect(stored(cache, labelOf)).toEqual(expected(box, left, overrides));
          cache.db.close();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('lets go of a merge whose id only deleted mail knew', () => {
    // Found by the property above. Bob's reply names o@x, which no stored mail is; an agent split the reply off
    // o@x and merged Carol's mail into o@x's (empty) conversation. Once Bob's reply is deleted no mail knows o@x,
    // so the merge no longer applies and Carol's mail is its own ticket again, though no link and no shared
    // conversation lead from the deleted reply to her mail: only the merge does.
    const cache = openTestCache();
    const at = (day: number): number => Date.UTC(2026, 0, day);
    const bob = storeRow(cache, {
      input: { messageId: 'b@x.example', inReplyTo: 'o@x.example', references: ['o@x.example'], subject: 'Re: Login fails', from: 'bob@customer.example', to: [DESK], date: at(2) },
      dedupeKey: 'b',
    });
    const carol = storeRow(cache, {
      input: { messageId: 'c@x.example', inReplyTo: null, references: [], subject: 'Order problem', from: 'carol@third.example', to: [DESK], date: at(3) },
      dedupeKey: 'c',
    });
    cache.db.transaction(() => threadMessages(cache.db, [bob, carol]))();
    const overrides: Override[] = [
      { kind: 'split', seq: '0001', messageId: 'b@x.example' },
      { kind: 'merge', seq: '0002', messageIdA: 'c@x.example', messageIdB: 'o@x.example' },
    ];
    cache.db.transaction(() => applyThreadOps(cache.db, overrides.map(opOf)))();
    expect(new Map(storedConversations(cache.db).map((c) => [c.root, c.members]))).toEqual(new Map([
      ['b@x.example', [bob]],
      ['o@x.example', [carol]],
    ]));

    deleteRows(cache, [bob]);
    repairStaleConversations(cache.db);
    const [only, ...rest] = storedConversations(cache.db);
    expect(rest).toEqual([]);
    expect(only?.root).toBe('c@x.example');
    expect(only?.members).toEqual([carol]);
    cache.db.close();
  });

  it('keeps a conversation row while its root stays, and hands it on when the root changes', () => {
    const cache = openTestCache();
    const base = { subject: 'Order problem', from: 'alice@customer.example', to: [DESK] };
    const first = storeRow(cache, { input: { ...base, messageId: 'a@x.example', inReplyTo: null, references: [], date: Date.UTC(2026, 0, 2) }, dedupeKey: 'a' });
    threadMessages(cache.db, [first]);
    const [before] = storedConversations(cache.db);
    const reply = storeRow(cache, { input: { ...base, messageId: 'b@x.example', inReplyTo: 'a@x.example', references: ['a@x.example'], date: Date.UTC(2026, 0, 3) }, dedupeKey: 'b' });
    threadMessages(cache.db, [reply]);
    expect(storedConversations(cache.db).map((c) => c.id)).toEqual([before?.id]);
    // A late reply whose References reveal an ancestor of the root: the same ticket row, now rooted there.
    const late = storeRow(cache, {
      input: { ...base, messageId: 'c@x.example', inReplyTo: 'a@x.example', references: ['z@x.example', 'a@x.example'], date: Date.UTC(2026, 0, 4) },
      dedupeKey: 'c',
    });
    threadMessages(cache.db, [late]);
    const after = storedConversations(cache.db);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before?.id);
    expect(after[0]?.root).toBe('z@x.example');
    expect(after[0]?.members).toEqual([first, reply, late]);
    cache.db.close();
  });
});
