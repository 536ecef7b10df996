import { describe, expect, it } from 'vitest';
import { makeSnippet, SNIPPET_LENGTH } from '../../../src-main/core/mail/snippet.ts';

describe('makeSnippet', () => {
  it('drops quoted lines and the attribution line before them', () => {
    const text = 'Yes, please cancel it.\n\nOn Mon, Jan 6, 2025 at 9:00 AM Support <s@x> wrote:\n> Shall we cancel?\n>> Original question';
    expect(makeSnippet(text)).toBe('Yes, please cancel it.');
  });

  it('drops the attribution of our own replies, where HTML turned to text leaves a blank line before the quote', () => {
    // What htmlToPlainText makes of a reply written in Switchboard (checked against the real conversion).
    const text = 'Hi Carla, sorry about that. We will replace it.\n\n\n\n\nOn Tue, 24 Nov 2026 at 07:32, Carla Ruiz <carla@shop.example> wrote:\n\n> The lamp arrived cracked.';
    expect(makeSnippet(text)).toBe('Hi Carla, sorry about that. We will replace it.');
  });

  it('drops an attribution wrapped before "wrote:"', () => {
    const text = 'Sent today.\n\nOn Mon, 3 Nov 2025 at 10:02, A Very Long Name <someone@example.test>\nwrote:\n> earlier';
    expect(makeSnippet(text)).toBe('Sent today.');
  });

  it('drops German attributions whether the writer is named after "schrieb" or before it', () => {
    expect(makeSnippet('Danke, erledigt.\n\nAm 05.01.26 um 10:00 schrieb Grace Thompson:\n> Es tropft.')).toBe('Danke, erledigt.');
    expect(makeSnippet('Danke!\n\nAm Mo., 5. Jan. 2026 um 10:00 Uhr schrieb Grace Thompson <grace@shop.example>:\n> Es tropft.')).toBe('Danke!');
    expect(makeSnippet('Gut.\n\nGrace Thompson schrieb:\n> Es tropft.')).toBe('Gut.');
  });

  it('keeps a line that merely mentions "wrote:" when no quote follows', () => {
    expect(makeSnippet('On Monday my colleague wrote:\nthe order number is 12.')).toBe('On Monday my colleague wrote: the order number is 12.');
  });

  it('collapses whitespace and removes invisible characters', () => {
    expect(makeSnippet('  Hello\u200b\r\n\t\tworld \u00a0 again  ')).toBe('Hello world again');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const text = 'word '.repeat(100);
    const s = makeSnippet(text);
    expect(s.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 1);
    expect(s.endsWith('word…')).toBe(true);
  });

  it('never ends on half an emoji', () => {
    const s = makeSnippet('x'.repeat(SNIPPET_LENGTH - 1) + '😀😀😀', SNIPPET_LENGTH);
    expect(s).toBe('x'.repeat(SNIPPET_LENGTH - 1) + '…');
  });

  it('leaves out the link and image targets that HTML-only mail leaves in brackets, not URLs the sender typed', () => {
    // What mailparser derives from <a href>, <img src>, a cid image and a mailto link.
    const text =
      'Hi Track your order [https://shop.example/track?id=1] or mail us\n[help@shop.example].\n\n[https://tracker.example/p.gif]Logo [cid:logo@x]\n\nVisit https://shop.example/faq today';
    expect(makeSnippet(text)).toBe('Hi Track your order or mail us. Logo Visit https://shop.example/faq today');
    expect(makeSnippet('Order [#1234] is late [again]')).toBe('Order [#1234] is late [again]');
    expect(makeSnippet('[https://tracker.example/only.gif]')).toBe('');
    // Spacing the sender chose is kept (French puts a space before "!" and "?").
    expect(makeSnippet('Bonjour ! Où est ma commande ?')).toBe('Bonjour ! Où est ma commande ?');
  });

  it('is empty for empty or quote-only text', () => {
    expect(makeSnippet('')).toBe('');
    expect(makeSnippet('> only a quote\n> and more')).toBe('');
  });
});
