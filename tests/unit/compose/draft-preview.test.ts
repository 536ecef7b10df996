/**
 * "My drafts" shows what the agent wrote, not the mail they quoted: the
 * preview is taken from drafts as the composer saves them (classes already
 * stripped by the editor's sanitizer) and as prefill makes them.
 */
import { describe, expect, it } from 'vitest';
import { draftPreview } from '../../../src-main/core/compose/draft-preview.ts';
import { prefillDraft, quoteHtml } from '../../../src-main/core/compose/prefill.ts';

const source = {
  from: { name: 'Ann Lee', address: 'ann@shop.example' },
  to: [{ name: '', address: 'desk@x.test' }],
  cc: [],
  replyTo: [],
  subject: 'Broken lamp',
  date: Date.UTC(2026, 10, 20, 9, 30),
  text: 'The lamp arrived broken.\nCan you help?',
};

describe('draftPreview', () => {
  it('is what the agent typed above the quote, without the line that introduces it', () => {
    const html = `<p>Hi Ann,</p><p>a new lamp is on its way.</p><div><p>On Fri, 20 Nov 2026 at 09:30, Ann Lee &lt;ann@shop.example&gt; wrote:</p><blockquote>The lamp arrived broken.</blockquote></div>`;
    expect(draftPreview(html)).toBe('Hi Ann, a new lamp is on its way.');
  });

  it('is empty for a reply nobody has written in yet, in English and German', () => {
    expect(draftPreview(prefillDraft({ mode: 'reply', source, mailbox: 'desk@x.test', ticket: 'K7F3Q2', customer: null, signatureHtml: '', language: 'en' }).html)).toBe('');
    expect(draftPreview(`<p><br></p>${quoteHtml('reply', source, 'de')}`)).toBe('');
  });

  it('leaves out a forwarded message and keeps a colon the agent typed mid-text', () => {
    expect(draftPreview(`<p>FYI: see below</p>${quoteHtml('forward', source, 'en')}`)).toBe('FYI: see below');
    expect(draftPreview('<p>Steps to try:</p><ol><li>Unplug it</li></ol>')).toBe('Steps to try: Unplug it');
  });

  it('is cut to a short line for long text', () => {
    const preview = draftPreview(`<p>${'word '.repeat(100)}</p>`);
    expect(preview.length).toBeLessThanOrEqual(160);
    expect(preview.endsWith('…')).toBe(true);
  });
});
