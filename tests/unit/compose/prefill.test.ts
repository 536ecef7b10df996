import { describe, expect, it } from 'vitest';
import { formatQuoteDate, prefillDraft, replySubject } from '../../../src-main/core/compose/prefill.ts';
import { splitTextParts } from '../../../src-main/core/conversations/text-parts.ts';
import { makeSnippet } from '../../../src-main/core/mail/snippet.ts';
import type { PrefillSource } from '../../../src-main/core/compose/prefill.ts';
import { extractTokens } from '../../../src-main/core/threading/index.ts';

const MAILBOX = 'support@acme.test';
const source: PrefillSource = {
  subject: 'Re: Broken kettle [#K7F3Q2]',
  from: { name: 'Grace Thompson', address: 'grace@shop.example' },
  to: [{ name: 'Acme Support', address: 'Support@Acme.test' }, { name: 'Tom', address: 'tom@shop.example' }],
  cc: [{ name: '', address: 'GRACE@shop.example' }, { name: 'Ann', address: 'ann@shop.example' }],
  replyTo: [],
  date: Date.UTC(2026, 0, 5, 9),
  text: 'It <b>still</b> leaks.\nPlease help.',
};
const base = { mailbox: MAILBOX, ticket: 'K7F3Q2', customer: { name: 'Grace Thompson', address: 'grace@shop.example' }, source, signatureHtml: '<p>Alice</p>' };

describe('prefillDraft', () => {
  it('replies to the customer with one Re: and exactly one token, the signature above the escaped quote', () => {
    const d = prefillDraft({ ...base, mode: 'reply' });
    expect(d.to).toEqual([{ name: 'Grace Thompson', address: 'grace@shop.example' }]);
    expect(d.cc).toEqual([]);
    expect(d.subject).toBe('Re: Broken kettle [#K7F3Q2]');
    expect(extractTokens(d.subject)).toEqual(['K7F3Q2']);
    expect(d.html.indexOf('Alice')).toBeLessThan(d.html.indexOf('wrote:'));
    expect(d.html).toContain('It &lt;b&gt;still&lt;/b&gt; leaks.<br>');
  });

  it('says when the customer wrote in the agent\'s time, in the form mail programs fold as a quote', () => {
    // 09:00 UTC is 10:00 in Berlin in January; no seconds, no "GMT".
    expect(formatQuoteDate(source.date, 'en', 'Europe/Berlin')).toBe('Mon, 5 Jan 2026 at 10:00');
    expect(formatQuoteDate(Date.UTC(2026, 6, 1, 23, 5), 'en', 'America/New_York')).toBe('Wed, 1 Jul 2026 at 19:05');
    const d = prefillDraft({ ...base, mode: 'reply' });
    expect(d.html).toContain(`On ${formatQuoteDate(source.date)}, Grace Thompson &lt;grace@shop.example&gt; wrote:`);
    expect(d.html).not.toContain('GMT');
    // What the customer's reply quotes back is folded by our own reading view.
    const replyText = `Thanks!\n\nOn ${formatQuoteDate(source.date)}, Grace Thompson <grace@shop.example> wrote:\n> It still leaks.\n`;
    expect(splitTextParts(replyText).map((p) => p.kind)).toContain('quote');
  });

  it('writes the quote header in the agent\'s language, in the form German mail programs write and fold', () => {
    expect(formatQuoteDate(source.date, 'de', 'Europe/Berlin')).toBe('Mo., 5. Jan. 2026 um 10:00');
    expect(formatQuoteDate(Date.UTC(2026, 4, 20, 7, 30), 'de', 'Europe/Berlin')).toBe('Mi., 20. Mai 2026 um 09:30');
    const d = prefillDraft({ ...base, mode: 'reply', language: 'de' });
    const header = `Am ${formatQuoteDate(source.date, 'de')} schrieb Grace Thompson &lt;grace@shop.example&gt;:`;
    expect(d.html).toContain(header);
    expect(d.html).not.toContain('wrote:');
    const replyText = `Danke!\n\nAm ${formatQuoteDate(source.date, 'de')} schrieb Grace Thompson <grace@shop.example>:\n> Es tropft immer noch.\n`;
    expect(splitTextParts(replyText).map((p) => p.kind)).toContain('quote');
    expect(makeSnippet(replyText)).toBe('Danke!');
  });

  it('replies to all without the mailbox and without naming anyone twice', () => {
    const d = prefillDraft({ ...base, mode: 'replyAll' });
    expect(d.to.map((a) => a.address)).toEqual(['grace@shop.example']);
    expect(d.cc.map((a) => a.address)).toEqual(['tom@shop.example', 'ann@shop.example']);
  });

  it('answers where the mail asks replies to go: a contact form from noreply@ names the customer in Reply-To', () => {
    const form: PrefillSource = {
      ...source,
      from: { name: 'Shop website', address: 'noreply@shop.example' },
      to: [{ name: 'Acme Support', address: 'support@acme.test' }],
      cc: [{ name: 'Tom', address: 'tom@shop.example' }],
      replyTo: [{ name: 'Grace Thompson', address: 'grace@home.example' }],
    };
    const reply = prefillDraft({ ...base, mode: 'reply', source: form });
    expect(reply.to).toEqual([{ name: 'Grace Thompson', address: 'grace@home.example' }]);
    // Reply all: the Reply-To stands for the sender, who is not copied; everyone else named is.
    const all = prefillDraft({ ...base, mode: 'replyAll', source: form });
    expect(all.to.map((a) => a.address)).toEqual(['grace@home.example']);
    expect(all.cc.map((a) => a.address)).toEqual(['tom@shop.example']);
    // Our own mail with a Reply-To (the team's) still goes to the customer.
    const ours = prefillDraft({ ...base, mode: 'reply', source: { ...form, from: { name: 'Acme', address: MAILBOX }, replyTo: [{ name: '', address: MAILBOX }] } });
    expect(ours.to).toEqual([{ name: 'Grace Thompson', address: 'grace@shop.example' }]);
  });

  it('answers a contact form set up to send as the support address at the customer it names', () => {
    const asDesk: PrefillSource = {
      ...source,
      from: { name: 'Acme website', address: MAILBOX },
      to: [{ name: 'Acme Support', address: MAILBOX }],
      cc: [],
      replyTo: [{ name: 'Hana Ito', address: 'hana@home.example' }],
    };
    // The conversation's customer is Hana too (threading); a reply without it still reads the Reply-To.
    expect(prefillDraft({ ...base, mode: 'reply', source: asDesk }).to).toEqual([{ name: 'Hana Ito', address: 'hana@home.example' }]);
    expect(prefillDraft({ ...base, customer: null, mode: 'reply', source: asDesk }).to).toEqual([{ name: 'Hana Ito', address: 'hana@home.example' }]);
  });

  it('replying to our own message goes to the customer, not to ourselves', () => {
    const d = prefillDraft({ ...base, mode: 'reply', source: { ...source, from: { name: 'Acme', address: MAILBOX } } });
    expect(d.to.map((a) => a.address)).toEqual(['grace@shop.example']);
  });

  it('forwards with no recipient, Fwd: and the original headers', () => {
    const d = prefillDraft({ ...base, mode: 'forward' });
    expect(d.to).toEqual([]);
    expect(d.subject).toBe('Fwd: Re: Broken kettle [#K7F3Q2]');
    expect(d.html).toContain('From: Grace Thompson &lt;grace@shop.example&gt;');
  });

  it('forwards with the original headers named in the agent\'s language', () => {
    const d = prefillDraft({ ...base, mode: 'forward', language: 'de' });
    expect(d.subject).toBe('Fwd: Re: Broken kettle [#K7F3Q2]');
    for (const line of ['---------- Weitergeleitete Nachricht ----------', 'Von: Grace Thompson &lt;grace@shop.example&gt;', `Datum: ${formatQuoteDate(source.date, 'de')}`, 'Betreff: Re: Broken kettle [#K7F3Q2]', 'An: Acme Support', 'Cc: GRACE@shop.example']) {
      expect(d.html).toContain(line);
    }
    expect(d.html).not.toMatch(/From:|Subject:/);
  });

  it('starts a new mail to the customer with an empty subject', () => {
    const d = prefillDraft({ ...base, mode: 'new', source: null });
    expect(d).toMatchObject({ to: [base.customer], cc: [], subject: '' });
  });
});

describe('replySubject', () => {
  it('keeps a localized reply prefix and replaces a stale token', () => {
    expect(replySubject('AW: Rechnung [#ABCDEF]', 'reply', 'K7F3Q2')).toBe('AW: Rechnung [#K7F3Q2]');
    expect(replySubject('Hello', 'reply', null)).toBe('Re: Hello');
  });
});
