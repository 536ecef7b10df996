import { describe, expect, it } from 'vitest';
import { formatSubjectWithToken, partition, tokenForRoot } from '../../../src-main/core/threading/index.ts';
import type { ThreadInput, ThreadingOptions } from '../../../src-main/core/threading/index.ts';
import { conversationWith, DAY, day, DESK, groupsOf, mail, OPTIONS } from './support/mail.ts';

const threads = (messages: ThreadInput[], options: ThreadingOptions = OPTIONS) => partition(messages, options);

describe('rule 1: References and In-Reply-To', () => {
  it('puts a reply with its parent; the parent is the root', () => {
    const result = threads([mail(1, {}), mail(2, { inReplyTo: 'm1@mail.example' }), mail(3, {})]);
    expect(groupsOf(result)).toEqual([[1, 2], [3]]);
    expect(conversationWith(result, 2).rootId).toBe('m1@mail.example');
    expect(conversationWith(result, 2).token).toBe(tokenForRoot('m1@mail.example'));
  });

  it('links through References even when In-Reply-To is missing', () => {
    const result = threads([
      mail(1, {}),
      mail(2, { references: ['m1@mail.example'] }),
      mail(3, { references: ['m1@mail.example', 'm2@mail.example'] }),
    ]);
    expect(groupsOf(result)).toEqual([[1, 2, 3]]);
  });

  it('joins messages that share an ancestor that never arrived; the phantom is the root', () => {
    const result = threads([
      mail(2, { references: ['lost@mail.example'] }),
      mail(3, { inReplyTo: '<lost@mail.example>' }),
      mail(4, { references: ['lost@mail.example', 'also-lost@mail.example'], inReplyTo: 'also-lost@mail.example' }),
    ]);
    expect(groupsOf(result)).toEqual([[2, 3, 4]]);
    expect(result[0]?.rootId).toBe('lost@mail.example');
    expect(result[0]?.rootDate).toBe(day(2));
  });

  it('uses the last id of a multi-id In-Reply-To', () => {
    const result = threads([mail(1, {}), mail(2, {}), mail(3, { inReplyTo: '<m1@mail.example> <m2@mail.example>' })]);
    expect(groupsOf(result)).toEqual([[1], [2, 3]]);
  });

  it('ignores garbage ids instead of gluing unrelated mail together', () => {
    const result = threads([
      mail(1, { inReplyTo: '<no.id>' }),
      mail(2, { inReplyTo: '<no.id>' }),
      mail(3, { inReplyTo: "Joe's message of Thu, 11 Jan 2001 21:11:00 -0600" }),
      mail(4, { inReplyTo: "Joe's message of Thu, 11 Jan 2001 21:11:00 -0600" }),
    ]);
    expect(groupsOf(result)).toEqual([[1], [2], [3], [4]]);
  });

  it('survives self-references and reference loops', () => {
    const self = threads([mail(1, { inReplyTo: 'm1@mail.example', references: ['m1@mail.example'] })]);
    expect(self).toEqual([expect.objectContaining({ rootId: 'm1@mail.example', keys: [1] })]);

    const loop = [
      mail(1, { references: ['m2@mail.example'] }),
      mail(2, { references: ['m3@mail.example'] }),
      mail(3, { references: ['m1@mail.example'] }),
      mail(4, { references: ['m3@mail.example', 'm1@mail.example', 'm2@mail.example'] }),
    ];
    const forward = threads(loop);
    expect(groupsOf(forward)).toEqual([[1, 2, 3, 4]]);
    // Every id has a parent; the earliest id is the root, in any order.
    expect(forward[0]?.rootId).toBe('m1@mail.example');
    expect(threads([...loop].reverse())).toEqual(forward);
  });

  it('documents the one unresolvable token: a conversation that is only a loop of reply headers', () => {
    const loop = [mail(1, { inReplyTo: 'm2@mail.example' }), mail(2, { inReplyTo: 'm1@mail.example' })];
    const [conversation] = threads(loop);
    expect(conversation?.rootId).toBe('m1@mail.example');
    expect(conversation?.aliases).toEqual([]);
    const fresh = mail(3, { subject: `Hello [#${conversation?.token}]` });
    expect(groupsOf(threads([...loop, fresh]))).toEqual([[1, 2], [3]]);
  });

  it('gives a message without Message-ID a stable synthetic root', () => {
    const a = mail(1, { id: null, subject: 'No id here' });
    const [first] = threads([a]);
    const [again] = threads([{ ...a, key: 99 }]);
    expect(first?.rootId).toMatch(/@synthetic\.switchboard\.invalid$/);
    expect(again?.rootId).toBe(first?.rootId);
    expect(again?.token).toBe(first?.token);
    expect(groupsOf(threads([a, mail(2, { id: null, subject: 'Another one' })]))).toEqual([[1], [2]]);
  });

  it('keeps messages that reuse a Message-ID together', () => {
    expect(groupsOf(threads([mail(1, { id: 'dup@x' }), mail(2, { id: 'dup@x', date: day(5) })]))).toEqual([[1, 2]]);
  });
});

describe('rule 2: ticket token in the subject', () => {
  const original = mail(1, { subject: 'Order problem' });
  const token = tokenForRoot('m1@mail.example');

  it('threads a fresh mail that carries the token into that conversation', () => {
    const fresh = mail(2, { from: 'bob@other.example', subject: `Still waiting [#${token}]` });
    const result = threads([original, fresh, mail(3, {})]);
    expect(groupsOf(result)).toEqual([[1, 2], [3]]);
    expect(conversationWith(result, 2).token).toBe(token);
  });

  it('reads the token case-insensitively', () => {
    const fresh = mail(2, { subject: `about [#${token.toLowerCase()}]` });
    expect(groupsOf(threads([original, fresh]))).toEqual([[1, 2]]);
  });

  it('resolves the token of a conversation whose root never arrived', () => {
    const reply = mail(2, { inReplyTo: 'lost@x' });
    const fresh = mail(3, { subject: formatSubjectWithToken('New question', tokenForRoot('lost@x')) });
    expect(groupsOf(threads([reply, fresh]))).toEqual([[2, 3]]);
  });

  it('lets reply headers win over a token, so a colliding token cannot pull a reply away', () => {
    const other = mail(5, { subject: 'Other' });
    const reply = mail(6, { inReplyTo: 'm5@mail.example', subject: `Re: Other [#${token}]` });
    expect(groupsOf(threads([original, other, reply]))).toEqual([[1], [5, 6]]);
  });

  it('ignores a token that names no conversation here', () => {
    expect(groupsOf(threads([original, mail(2, { subject: 'Hi [#ZZZZZZ]' })]))).toEqual([[1], [2]]);
  });
});

describe('rule 3: guarded subject fallback', () => {
  const order = (key: number, fields: Partial<ThreadInput> = {}) => mail(key, { subject: 'Order problem', ...fields });

  it('links a header-less reply to the same customer\'s mail with the same subject', () => {
    const result = threads([order(1), order(2, { subject: 'RE: Order problem', date: day(3) })]);
    expect(groupsOf(result)).toEqual([[1, 2]]);
    expect(result[0]?.rootId).toBe('m1@mail.example');
  });

  it('does not merge "Order problem" mails from different customers (unlike RFC 5256)', () => {
    const result = threads([
      order(1, { from: 'alice@customer.example' }),
      order(2, { from: 'bob@other.example' }),
      order(3, { from: 'Bob <BOB@other.example>', subject: 'Re: Order problem' }),
    ]);
    expect(groupsOf(result)).toEqual([[1], [2, 3]]);
  });

  it('requires a reply prefix: two fresh mails with one subject are two tickets', () => {
    expect(groupsOf(threads([order(1), order(2)]))).toEqual([[1], [2]]);
  });

  it('only links within the window (30 days by default, configurable)', () => {
    const late = [order(1, { date: day(0) }), order(2, { subject: 'Re: Order problem', date: day(0) + 31 * DAY })];
    expect(groupsOf(threads(late))).toEqual([[1], [2]]);
    expect(groupsOf(threads(late, { ...OPTIONS, subjectWindowDays: 60 }))).toEqual([[1, 2]]);
    const edge = [order(1, { date: day(0) }), order(2, { subject: 'Re: Order problem', date: day(0) + 30 * DAY })];
    expect(groupsOf(threads(edge))).toEqual([[1, 2]]);
  });

  it('links pairwise, so a chain of replies each within the window stays together', () => {
    const chain = [
      order(1, { date: day(0) }),
      order(2, { subject: 'Re: Order problem', date: day(25) }),
      order(3, { subject: 'Re: Order problem', date: day(50) }),
    ];
    expect(groupsOf(threads(chain))).toEqual([[1, 2, 3]]);
    expect(groupsOf(threads([chain[0] as ThreadInput, chain[2] as ThreadInput]))).toEqual([[1], [3]]);
  });

  it('never applies to mail with reply headers or an empty subject', () => {
    const withHeaders = order(2, { subject: 'Re: Order problem', inReplyTo: 'unknown@x' });
    expect(groupsOf(threads([order(1), withHeaders]))).toEqual([[1], [2]]);
    const empty = [mail(1, { subject: '' }), mail(2, { subject: 'Re:' }), mail(3, { subject: 'Re: (no subject)' })];
    expect(groupsOf(threads(empty))).toEqual([[1], [2], [3]]);
  });

  it('uses the first To as the customer for mail sent from the team mailbox', () => {
    const ours = order(2, { from: `Support <${DESK}>`, to: [DESK, 'alice@customer.example'], subject: 'AW: Order problem' });
    const notAlice = order(3, { from: DESK, to: ['carol@else.example'], subject: 'AW: Order problem' });
    expect(groupsOf(threads([order(1), ours, notAlice]))).toEqual([[1, 2], [3]]);
  });

  it('handles list tags and counted prefixes', () => {
    const tagged = order(2, { subject: '[support] Re[2]: Order problem' });
    expect(groupsOf(threads([order(1), tagged]))).toEqual([[1, 2]]);
  });
});

describe('rule 4: root and token', () => {
  it('picks the earliest parentless id, ties broken by the id string', () => {
    const a = mail(1, { id: 'b@x', date: day(1) });
    const b = mail(2, { id: 'a@x', date: day(1) });
    const both = mail(3, { references: ['b@x', 'a@x'], inReplyTo: 'a@x' });
    // References say b@x is a@x's parent, so only b@x is parentless.
    expect(threads([a, b, both])[0]?.rootId).toBe('b@x');
    const joiner = mail(3, { references: [], inReplyTo: 'a@x', subject: 'x' });
    const joiner2 = mail(4, { inReplyTo: 'b@x' });
    const merged = threads([a, b, joiner, joiner2, mail(5, { references: ['a@x'], inReplyTo: 'b@x' })]);
    expect(merged[0]?.rootId).toBe('a@x');
  });

  it('keeps the token when replies arrive', () => {
    const base = [mail(1, {}), mail(2, { inReplyTo: 'm1@mail.example' })];
    const before = threads(base);
    const after = threads([...base, mail(3, { inReplyTo: 'm2@mail.example' }), mail(4, { subject: `x [#${before[0]?.token}]` })]);
    expect(after).toHaveLength(1);
    expect(after[0]?.token).toBe(before[0]?.token);
    expect(after[0]?.rootId).toBe(before[0]?.rootId);
  });

  it('on a merge keeps the older root\'s token and still accepts the younger one', () => {
    const older = mail(1, {});
    const younger = mail(5, {});
    const youngerToken = tokenForRoot('m5@mail.example');
    const bridge = mail(6, { references: ['m1@mail.example', 'm5@mail.example'] });
    const merged = threads([older, younger, bridge]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.token).toBe(tokenForRoot('m1@mail.example'));
    expect(merged[0]?.aliases).toEqual([tokenForRoot('m1@mail.example'), youngerToken].sort());
    const customerUsesOldToken = mail(7, { subject: `Hello again [#${youngerToken}]` });
    expect(groupsOf(threads([older, younger, bridge, customerUsesOldToken]))).toEqual([[1, 5, 6, 7]]);
  });

  it('sorts conversations by root date then root id, members by date then key', () => {
    const result = threads([
      mail(9, { date: day(3) }),
      mail(4, { date: day(1) }),
      mail(5, { inReplyTo: 'm9@mail.example', date: day(3) }),
      mail(2, { inReplyTo: 'm9@mail.example', date: day(3) }),
    ]);
    expect(result.map((c) => c.keys)).toEqual([[4], [2, 5, 9]]);
  });
});
