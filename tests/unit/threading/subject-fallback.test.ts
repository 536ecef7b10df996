/**
 * Rule 3 against an oracle written straight from its definition: two
 * messages are linked when they have the same customer and base subject,
 * are at most 30 days apart, and at least one of them has no reply headers
 * but a reply/forward prefix. A customer may write through a contact form
 * (From the form's noreply@, the customer in Reply-To): that is the same
 * customer, and two forms' mails are not. The implementation links in linear time
 * (link-graph.ts); this checks it against the quadratic definition.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partition } from '../../../src-main/core/threading/index.ts';
import type { ThreadInput } from '../../../src-main/core/threading/index.ts';
import { DAY, day, DESK, groupsOf, OPTIONS } from './support/mail.ts';

interface Spec {
  customer: number;
  /** Sent through a website's contact form: From is the form's own address or the desk's, the customer is in Reply-To. */
  viaForm: 'no' | 'noreply' | 'as-desk';
  subject: number;
  prefixed: boolean;
  headers: boolean;
  hours: number;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  customer: fc.nat({ max: 2 }),
  viaForm: fc.constantFrom<Spec['viaForm']>('no', 'no', 'noreply', 'as-desk'),
  subject: fc.nat({ max: 1 }),
  prefixed: fc.boolean(),
  headers: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  // Exactly 30 days apart now and then: the window is inclusive.
  hours: fc.oneof(fc.nat({ max: 24 * 120 }), fc.constantFrom(0, 720, 1440)),
});

function oracle(specs: readonly Spec[]): number[][] {
  const parent = specs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i] as number));
  specs.forEach((a, i) =>
    specs.forEach((b, j) => {
      const fallback = (s: Spec) => s.prefixed && !s.headers;
      const near = Math.abs(a.hours - b.hours) * 3_600_000 <= 30 * DAY;
      if (i < j && a.customer === b.customer && a.subject === b.subject && near && (fallback(a) || fallback(b))) parent[find(i)] = find(j);
    }),
  );
  const groups = new Map<number, number[]>();
  specs.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i + 1]));
  return [...groups.values()].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

function customerFields(s: Spec): Pick<ThreadInput, 'from' | 'replyTo'> {
  const customer = ['alice@a.example', 'Bob <bob@b.example>', 'carol@c.example'][s.customer] as string;
  // The form's Reply-To may also name the desk: that is never the customer.
  if (s.viaForm === 'noreply') return { from: 'Website <noreply@form.example>', replyTo: [DESK, customer] };
  if (s.viaForm === 'as-desk') return { from: `Website <${DESK}>`, replyTo: [customer] };
  return { from: customer };
}

function inputs(specs: readonly Spec[]): ThreadInput[] {
  return specs.map((s, i) => ({
    key: i + 1,
    messageId: `s${i}@gen.example`,
    // Headers that point at mail nobody has: they only switch the fallback off.
    inReplyTo: s.headers ? `elsewhere-${i}@gen.example` : null,
    references: [],
    subject: `${s.prefixed ? 'Re: ' : ''}${['Order problem', 'Login fails'][s.subject]}`,
    ...customerFields(s),
    to: [DESK],
    date: day(0) + s.hours * 3_600_000,
  }));
}

describe('rule 3 matches its pairwise definition', () => {
  it('for random customers, subjects, prefixes and dates', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 30 }), (specs) => {
        expect(groupsOf(partition(inputs(specs), OPTIONS))).toEqual(oracle(specs));
      }),
      { numRuns: 400 },
    );
  });
});
