/**
 * Who a conversation is with: the participant who is not the mailbox. For
 * mail from outside, whom the sender asks to be answered (Reply-To) comes
 * first: a website's contact form sends from its own noreply@ with the
 * customer in Reply-To.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadSourceRow } from '../../../src-main/core/db/thread-index.repo.ts';
import { customerOf, isOutgoing } from '../../../src-main/core/conversations/thread-source.ts';
import { customerAddress, isTeamMail } from '../../../src-main/core/threading/index.ts';

const OWN = new Set(['support@desk.example']);

function row(fields: Partial<ThreadSourceRow> & { replyTo?: Array<{ name: string; address: string }> }): ThreadSourceRow {
  const { replyTo = [], ...rest } = fields;
  return {
    id: 1,
    account_id: 1,
    message_id: 'm@x',
    in_reply_to: null,
    references_json: '[]',
    subject: 'Contact form',
    from_name: 'Website',
    from_address: 'noreply@shop.example',
    to_json: JSON.stringify([{ name: 'Support', address: 'support@desk.example' }]),
    reply_to_json: JSON.stringify(replyTo),
    date: 0,
    dedupe_key: 'k',
    conversation_id: null,
    seen: 0,
    has_attachments: 0,
    snippet: '',
    ...rest,
  };
}

describe('customerAddress', () => {
  it('is the sender of mail from outside that names no Reply-To', () => {
    expect(customerAddress('Ann <Ann@Customer.example>', ['support@desk.example'], OWN, [])).toBe('ann@customer.example');
  });

  it('is the first Reply-To address that is a valid address and not the mailbox', () => {
    expect(customerAddress('noreply@shop.example', [], OWN, ['hana@home.example'])).toBe('hana@home.example');
    expect(customerAddress('noreply@shop.example', [], OWN, ['Support@Desk.example', 'not an address', 'Hana <HANA@home.example>'])).toBe('hana@home.example');
    expect(customerAddress('noreply@shop.example', [], OWN, ['support@desk.example'])).toBe('noreply@shop.example');
  });

  it('ignores Reply-To on the mailbox’s own mail: its customer is the first recipient not ours', () => {
    expect(customerAddress('support@desk.example', ['support@desk.example', 'ann@customer.example'], OWN, ['support@desk.example'])).toBe('ann@customer.example');
    expect(customerAddress('support@desk.example', ['ann@customer.example'], OWN, ['elsewhere@x.example'])).toBe('ann@customer.example');
  });

  it('is empty for mail without a sender', () => {
    expect(customerAddress('', ['support@desk.example'], OWN, ['hana@home.example'])).toBe('');
  });
});

describe('a contact form the desk set up to send as the support address itself', () => {
  it('is the customer’s mail, not the team’s: sent to us alone, answering someone outside', () => {
    expect(isTeamMail('support@desk.example', ['support@desk.example'], OWN, ['hana@home.example'])).toBe(false);
    expect(customerAddress('Website <support@desk.example>', ['support@desk.example'], OWN, ['Hana <hana@home.example>'])).toBe('hana@home.example');
    expect(isOutgoing(row({ from_address: 'support@desk.example', replyTo: [{ name: 'Hana', address: 'hana@home.example' }] }), OWN)).toBe(false);
  });

  it('leaves the team’s own mail the team’s: to a customer, or to ourselves without a Reply-To outside', () => {
    expect(isTeamMail('support@desk.example', ['ann@customer.example'], OWN, ['support@desk.example'])).toBe(true);
    expect(isTeamMail('support@desk.example', ['support@desk.example'], OWN, [])).toBe(true);
    expect(isTeamMail('support@desk.example', ['support@desk.example'], OWN, ['support@desk.example'])).toBe(true);
    expect(isOutgoing(row({ from_address: 'support@desk.example', to_json: JSON.stringify([{ name: '', address: 'ann@customer.example' }]) }), OWN)).toBe(true);
  });
});

describe('customerOf', () => {
  it('names a contact form’s customer as the Reply-To does', () => {
    expect(customerOf(row({ replyTo: [{ name: 'Hana Berg', address: 'hana@home.example' }] }), OWN)).toEqual({ name: 'Hana Berg', address: 'hana@home.example' });
  });

  it('keeps the sender’s name when the Reply-To is the sender, and borrows the Reply-To’s when the From has none', () => {
    const ann = { from_name: 'Ann Lee', from_address: 'ann@customer.example' };
    expect(customerOf(row({ ...ann, replyTo: [{ name: 'A. Lee (work)', address: 'ann@customer.example' }] }), OWN)).toEqual({ name: 'Ann Lee', address: 'ann@customer.example' });
    expect(customerOf(row({ ...ann, from_name: '', replyTo: [{ name: 'Ann Lee', address: 'ann@customer.example' }] }), OWN)).toEqual({ name: 'Ann Lee', address: 'ann@customer.example' });
  });

  it('is the sender when the Reply-To names only the mailbox', () => {
    expect(customerOf(row({ replyTo: [{ name: 'Support', address: 'support@desk.example' }] }), OWN)).toEqual({ name: 'Website', address: 'noreply@shop.example' });
  });
});
