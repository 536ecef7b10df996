/**
 * The property every desktop relies on: the same mail (and the same override
 * ops) yields the same conversations, roots and tokens, whatever order it
 * arrived in and whether it was threaded in one batch or one message at a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partition, ThreadIndex, threadKeysOf } from '../../../src-main/core/threading/index.ts';
import type { ThreadInput } from '../../../src-main/core/threading/index.ts';
import { comparable, desktop, mailbox, overridesFor, permutationOf } from './support/generated-mail.ts';
import { day, OPTIONS } from './support/mail.ts';

const withTwoOrders = mailbox().chain((box) =>
  fc.tuple(fc.constant(box), permutationOf(box.messages.length), permutationOf(box.messages.length), overridesFor(box.ids)),
);

describe('threading is independent of arrival order', () => {
  it('two desktops with the mail in different orders show the same tickets and tokens', () => {
    fc.assert(
      fc.property(withTwoOrders, ([box, orderA, orderB, overrides]) => {
        const a = desktop(box, orderA, 1);
        const b = desktop(box, orderB, 5001);
        const opsB = [...overrides].reverse();
        expect(comparable(partition(b.inputs, OPTIONS, opsB), b.labelOf)).toEqual(comparable(partition(a.inputs, OPTIONS, overrides), a.labelOf));
      }),
      { numRuns: 600 },
    );
  });

  it('one message at a time (ThreadIndex) equals the batch after every step', () => {
    fc.assert(
      fc.property(withTwoOrders, ([box, order, , overrides]) => {
        const { inputs } = desktop(box, order, 1);
        const index = new ThreadIndex(OPTIONS, overrides);
        inputs.forEach((m, i) => {
          index.add(m);
          expect(index.conversations()).toEqual(partition(inputs.slice(0, i + 1).reverse(), OPTIONS, overrides));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('overrides arriving between messages (incremental) equal the batch', () => {
    fc.assert(
      fc.property(withTwoOrders, fc.nat(), ([box, order, , overrides], at) => {
        const { inputs } = desktop(box, order, 1);
        const index = new ThreadIndex(OPTIONS);
        const events = [...inputs.map((m) => ({ m })), ...overrides.map((o) => ({ o }))];
        // Interleave the overrides at pseudo-random positions, keeping the messages' order.
        events.sort((x, y) => ('o' in x ? (at + x.o.seq.length * 7) % (inputs.length + 1) : inputs.indexOf(x.m)) - ('o' in y ? (at + y.o.seq.length * 7) % (inputs.length + 1) : inputs.indexOf(y.m)));
        for (const e of events) {
          if ('m' in e) index.add(e.m);
          else index.addOverride(e.o);
        }
        expect(index.conversations()).toEqual(partition(inputs, OPTIONS, overrides));
      }),
      { numRuns: 200 },
    );
  });

  it('removing messages (incremental) equals threading what is left', () => {
    fc.assert(
      fc.property(withTwoOrders, ([box, order, removalOrder, overrides]) => {
        const { inputs } = desktop(box, order, 1);
        const index = new ThreadIndex(OPTIONS, overrides);
        for (const m of inputs) index.add(m);
        const left = new Map(inputs.map((m) => [m.key, m]));
        for (const i of removalOrder.slice(0, Math.ceil(removalOrder.length / 2))) {
          const key = (inputs[i] as ThreadInput).key;
          index.remove(key);
          left.delete(key);
          expect(index.conversations()).toEqual(partition([...left.values()], OPTIONS, overrides));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the changes ThreadIndex reports, applied to the previous state, give the new state', () => {
    fc.assert(
      fc.property(withTwoOrders, ([box, order]) => {
        const { inputs } = desktop(box, order, 1);
        const index = new ThreadIndex(OPTIONS);
        let shown = new Map<string, string>();
        const id = (c: { rootId: string; keys: number[] }) => `${c.rootId}|${c.keys.join(',')}`;
        for (const m of inputs) {
          const change = index.add(m);
          for (const c of change.removed) expect(shown.delete(id(c))).toBe(true);
          for (const c of change.added) shown.set(id(c), c.token);
          shown = new Map([...shown].sort());
          expect(shown).toEqual(new Map(index.conversations().map((c) => [id(c), c.token] as const).sort()));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('a reply never changes the token', () => {
  it('adding a reply (or a fresh mail carrying the token) keeps every root and token', () => {
    fc.assert(
      fc.property(withTwoOrders, fc.nat(), fc.boolean(), ([box, order], pick, viaToken) => {
        const { inputs } = desktop(box, order, 1);
        const before = partition(inputs, OPTIONS);
        const parent = inputs[pick % inputs.length] as ThreadInput;
        const parentConversation = before.find((c) => c.keys.includes(parent.key));
        if (!parentConversation) throw new Error('parent not threaded');
        // A conversation held together only by a loop of reply headers has no token target (link-graph.ts).
        fc.pre(!viaToken || parentConversation.aliases.includes(parentConversation.token));
        const last = Math.max(...inputs.map((m) => m.date));
        const reply: ThreadInput = {
          key: 9999,
          messageId: 'late-reply@gen.example',
          inReplyTo: viaToken ? null : threadKeysOf(parent, new Set()).id,
          references: [],
          subject: viaToken ? `A new question [#${parentConversation.token}]` : 'Re: something unrelated',
          from: 'dave@late.example',
          to: ['support@desk.example'],
          date: last + day(1) - day(0),
        };
        const after = partition([...inputs, reply], OPTIONS);
        expect(after.map((c) => [c.rootId, c.token])).toEqual(before.map((c) => [c.rootId, c.token]));
        const joined = after.find((c) => c.keys.includes(9999));
        expect(joined?.token).toBe(parentConversation.token);
        expect(joined?.keys.filter((k) => k !== 9999)).toEqual(parentConversation.keys);
      }),
      { numRuns: 300 },
    );
  });
});
