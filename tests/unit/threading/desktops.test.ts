/**
 * A support morning on two agents' desktops. Alice's desktop synced INBOX
 * first and threads in one batch; Bob's synced the Sent folder first and
 * threads one message at a time as the mail trickles in, with other local row
 * ids. They must show the same tickets under the same tokens.
 */
import { describe, expect, it } from 'vitest';
import { formatSubjectWithToken, partition, ThreadIndex, tokenForRoot } from '../../../src-main/core/threading/index.ts';
import type { Conversation, ThreadInput } from '../../../src-main/core/threading/index.ts';
import { day, DESK, OPTIONS } from './support/mail.ts';

const ticket = tokenForRoot('order-1@alice.example');
type Mail = Omit<ThreadInput, 'key'> & { label: string };

const morning: Mail[] = [
  { label: 'alice asks', messageId: 'order-1@alice.example', inReplyTo: null, references: [], subject: 'Order problem', from: 'Alice <alice@customer.example>', to: [DESK], date: day(0) },
  { label: 'bob asks the same', messageId: 'order-1@bob.example', inReplyTo: null, references: [], subject: 'Order problem', from: 'bob@other.example', to: [DESK], date: day(0) + 60_000 },
  { label: 'agent answers alice', messageId: 'r1@desk.example', inReplyTo: 'order-1@alice.example', references: ['order-1@alice.example'], subject: formatSubjectWithToken('Re: Order problem', ticket), from: DESK, to: ['alice@customer.example'], date: day(1) },
  { label: 'alice replies', messageId: 'a2@alice.example', inReplyTo: 'r1@desk.example', references: ['order-1@alice.example', 'r1@desk.example'], subject: `RE: Re: Order problem [#${ticket}]`, from: 'alice@customer.example', to: [DESK], date: day(2) },
  { label: 'alice writes fresh with the token', messageId: 'a3@alice.example', inReplyTo: null, references: [], subject: `Invoice still missing [#${ticket}]`, from: 'alice@customer.example', to: [DESK], date: day(5) },
  { label: 'alice replies from a phone without headers', messageId: 'a4@alice.example', inReplyTo: null, references: [], subject: 'AW: Order problem', from: 'alice@customer.example', to: [DESK], date: day(6) },
  { label: 'bob, header-less, five weeks later', messageId: 'b2@bob.example', inReplyTo: null, references: [], subject: 'Re: Order problem', from: 'bob@other.example', to: [DESK], date: day(40) },
];

function view(conversations: readonly Conversation[], labelOf: (key: number) => string) {
  return conversations.map((c) => ({ token: c.token, rootId: c.rootId, members: c.keys.map(labelOf).sort() }));
}

describe('two desktops, one mailbox', () => {
  it('show the same tickets and tokens whatever order and mode they threaded in', () => {
    const alice = morning.map((m, i) => ({ ...m, key: i + 1 }));
    const aliceView = view(partition(alice, OPTIONS), (k) => morning[k - 1]?.label ?? '?');

    const bobOrder = [...morning].reverse();
    const bob = new ThreadIndex(OPTIONS);
    bobOrder.forEach((m, i) => bob.add({ ...m, key: 500 + i }));
    const bobView = view(bob.conversations(), (k) => bobOrder[k - 500]?.label ?? '?');

    expect(bobView).toEqual(aliceView);
    expect(aliceView).toEqual([
      {
        token: ticket,
        rootId: 'order-1@alice.example',
        members: ['agent answers alice', 'alice asks', 'alice replies', 'alice replies from a phone without headers', 'alice writes fresh with the token'],
      },
      { token: tokenForRoot('order-1@bob.example'), rootId: 'order-1@bob.example', members: ['bob asks the same'] },
      { token: tokenForRoot('b2@bob.example'), rootId: 'b2@bob.example', members: ['bob, header-less, five weeks later'] },
    ]);
  });
});
