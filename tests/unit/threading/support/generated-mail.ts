/**
 * fast-check arbitraries for mailboxes that stress threading: random reply
 * trees with parents that never arrive, replies that only repeat the subject,
 * several customers writing the same subject, fresh mails carrying tokens,
 * customers writing through a contact form (From the form, the customer in
 * Reply-To), duplicate and missing Message-IDs, garbage ids, self-references and
 * reference loops. Plus "desktops": the same mail fed in another order gets
 * other local keys, and results are compared through stable labels.
 */
import fc from 'fast-check';
import { tokenForRoot } from '../../../../src-main/core/threading/index.ts';
import type { Conversation, Override, ThreadInput } from '../../../../src-main/core/threading/index.ts';
import { day, DESK } from './mail.ts';

const SUBJECTS = ['Order problem', 'Invoice', 'Login fails'];
const CUSTOMERS = ['alice@customer.example', 'bob@other.example', 'carol@third.example'];
const REPLY_PREFIXES = ['Re: ', 'RE: ', 'AW: ', 'Fwd: ', '[support] Re: ', 'Re[2]: ', '回复: '];

type Style = 'irt' | 'refs' | 'both' | 'truncated' | 'subject-only' | 'token' | 'fresh' | 'self' | 'loop' | 'garbage';

interface MessageSpec {
  parent: number;
  style: Style;
  idKind: 'normal' | 'missing' | 'dup';
  received: boolean;
  customer: number;
  fromDesk: boolean;
  viaForm: boolean;
  subject: number;
  prefix: number;
  day: number;
  minute: number;
  other: number;
}

const messageSpec: fc.Arbitrary<MessageSpec> = fc.record({
  parent: fc.nat(),
  style: fc.constantFrom<Style>('irt', 'irt', 'refs', 'both', 'both', 'truncated', 'subject-only', 'subject-only', 'token', 'fresh', 'fresh', 'self', 'loop', 'garbage'),
  idKind: fc.constantFrom<MessageSpec['idKind']>('normal', 'normal', 'normal', 'normal', 'normal', 'missing', 'dup'),
  received: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  customer: fc.nat({ max: CUSTOMERS.length - 1 }),
  fromDesk: fc.boolean(),
  viaForm: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  subject: fc.nat({ max: SUBJECTS.length - 1 }),
  prefix: fc.nat({ max: REPLY_PREFIXES.length - 1 }),
  // Mostly a few days apart (same-date ties must not depend on arrival), sometimes beyond the 30-day window.
  day: fc.oneof(fc.nat({ max: 2 }), fc.nat({ max: 80 })),
  minute: fc.constantFrom(0, 0, 1, 30),
  other: fc.nat(),
});

/** A labelled mailbox: message `label` is the spec index; unreceived ones are missing parents. */
export interface Mailbox {
  messages: Array<{ label: number; input: Omit<ThreadInput, 'key'> }>;
  /** Every Message-ID that appears, received or not (for overrides). */
  ids: string[];
}

function build(specs: readonly MessageSpec[]): Mailbox {
  const ids: Array<string | null> = [];
  const ancestors: string[][] = [];
  const out: Mailbox['messages'] = [];
  specs.forEach((s, i) => {
    const dupOf = i > 0 ? ids[s.other % i] : null;
    const id = s.idKind === 'missing' ? null : s.idKind === 'dup' && dupOf ? dupOf : `g${i}@gen.example`;
    ids.push(id);
    const parent = i > 0 && !['fresh', 'subject-only', 'token'].includes(s.style) ? s.parent % i : -1;
    const parentId = parent >= 0 ? (ids[parent] ?? null) : null;
    const chain = parent >= 0 ? [...(ancestors[parent] ?? []), ...(parentId ? [parentId] : [])] : [];
    ancestors.push(chain);
    const customer = CUSTOMERS[s.customer] as string;
    const baseSubject = SUBJECTS[s.subject] as string;
    const input: Omit<ThreadInput, 'key'> = {
      messageId: id,
      inReplyTo: null,
      references: [],
      subject: parent >= 0 || s.style === 'subject-only' ? `${REPLY_PREFIXES[s.prefix]}${baseSubject}` : baseSubject,
      from: s.fromDesk ? `Support <${DESK}>` : s.viaForm ? 'Website <noreply@form.example>' : customer,
      to: s.fromDesk ? [customer] : [DESK],
      date: day(s.day) + s.minute * 60_000,
    };
    if (s.style === 'irt' && parentId) input.inReplyTo = `<${parentId}>`;
    if (s.style === 'refs') input.references = chain;
    if (s.style === 'both') {
      input.references = chain;
      if (parentId) input.inReplyTo = parentId;
    }
    if (s.style === 'truncated') {
      input.references = chain.slice(-1);
      if (parentId) input.inReplyTo = `<junk> <${parentId}>`;
    }
    if (s.style === 'token') {
      const target = i > 0 ? (ids[s.other % i] ?? `g${s.other % i}@gen.example`) : 'nobody@gen.example';
      input.subject = `${baseSubject} [#${tokenForRoot(target)}]`;
    }
    if (s.style === 'self' && id) input.references = [...chain, id];
    if (s.style === 'loop') input.references = [...chain, `g${s.other % specs.length}@gen.example`];
    if (s.style === 'garbage') input.inReplyTo = '<no.id>';
    if (s.viaForm && !s.fromDesk) input.replyTo = [customer];
    if (s.received) out.push({ label: i, input });
  });
  return { messages: out, ids: [...new Set(ids.filter((x): x is string => x !== null))] };
}

export const mailbox = (maxLength = 24): fc.Arbitrary<Mailbox> =>
  fc.array(messageSpec, { minLength: 1, maxLength }).map(build).filter((m) => m.messages.length > 0);

/** A permutation of 0..n-1 driven by fast-check (so failures shrink and replay). */
export const permutationOf = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((weights) =>
    weights.map((w, i) => ({ w, i })).sort((a, b) => a.w - b.w || a.i - b.i).map((x) => x.i),
  );

export const overridesFor = (ids: readonly string[]): fc.Arbitrary<Override[]> => {
  const id = fc.oneof(fc.constantFrom(...ids, 'never-seen@gen.example'));
  const seq = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(4, '0'));
  const split = fc.record({ kind: fc.constant('split' as const), seq, messageId: id });
  const merge = fc.record({ kind: fc.constant('merge' as const), seq, messageIdA: id, messageIdB: id });
  return fc.array(fc.oneof(split, merge), { maxLength: 4 });
};

/** One desktop: the mailbox's messages in `order`, keyed by arrival (its local row ids). */
export function desktop(box: Mailbox, order: readonly number[], firstKey: number): { inputs: ThreadInput[]; labelOf: Map<number, number> } {
  const labelOf = new Map<number, number>();
  const inputs = order.map((index, position) => {
    const entry = box.messages[index];
    if (!entry) throw new Error(`bad permutation index ${index}`);
    const key = firstKey + position;
    labelOf.set(key, entry.label);
    return { ...entry.input, key };
  });
  return { inputs, labelOf };
}

/** What two desktops must agree on: everything but local keys, members named by label. */
export function comparable(conversations: readonly Conversation[], labelOf: ReadonlyMap<number, number>) {
  return conversations.map((c) => ({
    rootId: c.rootId,
    rootDate: c.rootDate,
    token: c.token,
    aliases: c.aliases,
    members: c.keys.map((k) => labelOf.get(k) ?? -1).sort((a, b) => a - b),
  }));
}
