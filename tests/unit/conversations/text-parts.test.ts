import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitTextParts } from '../../../src-main/core/conversations/text-parts.ts';

const kinds = (text: string, signOffs = false) => splitTextParts(text, { signOffs }).map((p) => p.kind);

describe('splitTextParts', () => {
  it.each([
    ['English', 'On Mon, 3 Nov 2025 at 10:02, Jonas <support@x.test> wrote:'],
    ['German', 'Am So., 2. November 2025 um 08:12 Uhr schrieb Ute Neumann <ute@x.test>:'],
    ['French', 'Le lun. 3 nov. 2025 à 10:02, Chloé <c@x.test> a écrit :'],
    ['Spanish', 'El lun, 3 nov 2025 a las 10:02, Javier <j@x.test> escribió:'],
    ['Portuguese', 'Em seg., 3 de nov. de 2025 às 10:02, Ana <a@x.test> escreveu:'],
    ['Polish', 'W dniu 3.11.2025 o 10:02, Łukasz <l@x.test> pisze:'],
    ['Danish', 'Den man. 3. nov. 2025 kl. 10.02 skrev Mette <m@x.test>:'],
    ['Outlook', '-----Original Message-----'],
    ['Outlook (German)', '-----Ursprüngliche Nachricht-----'],
  ])('folds everything after a %s reply header', (_language, header) => {
    const text = `Thanks, that works.\n\n${header}\n> Could you try again?\n> Jonas\n`;
    const parts = splitTextParts(text);
    expect(parts).toEqual([
      { kind: 'body', text: 'Thanks, that works.' },
      { kind: 'quote', text: `${header}\n> Could you try again?\n> Jonas` },
    ]);
  });

  it('recognizes an attribution that wraps onto a second line', () => {
    const text = 'Yes.\n\nOn Mon, 3 Nov 2025 at 10:02, A Very Long Name <someone@example.test>\nwrote:\n> earlier\n';
    expect(kinds(text)).toEqual(['body', 'quote']);
  });

  it('recognizes an Outlook From/Sent block below a rule', () => {
    const text = 'See below.\n\n________________________________\nFrom: Anna <a@x.test>\nSent: Monday, 3 November 2025 10:02\nTo: Support\nSubject: Order\n\nHello';
    const parts = splitTextParts(text);
    expect(parts.map((p) => p.kind)).toEqual(['body', 'quote']);
    expect(parts[1]?.text.startsWith('________________________________\nFrom: Anna')).toBe(true);
  });

  it('keeps interleaved answers between their quotes', () => {
    const text = '> What size?\nM, please.\n> Which colour?\nBlue.\n';
    expect(splitTextParts(text)).toEqual([
      { kind: 'quote', text: '> What size?' },
      { kind: 'body', text: 'M, please.' },
      { kind: 'quote', text: '> Which colour?' },
      { kind: 'body', text: 'Blue.' },
    ]);
  });

  it('treats a "-- " line as the start of the signature', () => {
    const text = 'Hi Anna,\n\nthe label is attached.\n\n-- \nJonas Becker\nNorthwind Outfitters\n\nOn Mon wrote:\n> hello';
    expect(splitTextParts(text)).toEqual([
      { kind: 'body', text: 'Hi Anna,\n\nthe label is attached.' },
      { kind: 'signature', text: '-- \nJonas Becker\nNorthwind Outfitters' },
      { kind: 'quote', text: 'On Mon wrote:\n> hello' },
    ]);
  });

  it('folds a sign-off only in agents\' replies, and only at the end', () => {
    const text = 'Hello,\n\nyour refund is on its way.\n\nKind regards,\nJonas\nNorthwind Support';
    expect(kinds(text, true)).toEqual(['body', 'signature']);
    expect(splitTextParts(text, { signOffs: true })[1]?.text).toBe('Kind regards,\nJonas\nNorthwind Support');
    expect(kinds(text, false)).toEqual(['body']);
    expect(kinds('Thanks for the quick answer, it arrived.\nThe box was fine, the contents too, and the size fits.', true)).toEqual(['body']);
    expect(kinds('Mit freundlichen Grüßen\n\nwir haben Ihre Rücksendung erhalten.', true)).toEqual(['body']);
  });

  it('handles empty text, CRLF and text without anything to fold', () => {
    expect(splitTextParts('')).toEqual([]);
    expect(splitTextParts('Just one line.\r\nAnd another.\r\n')).toEqual([{ kind: 'body', text: 'Just one line.\nAnd another.' }]);
  });

  it('never loses or reorders a non-blank line', () => {
    const line = fc.oneof(
      fc.constantFrom('> quoted', '>', '-- ', 'On Mon, Jan 1 wrote:', 'Best regards,', '-----Original Message-----', 'From: a@b.c', 'Sent: today', '', '   '),
      fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), (lines, signOffs) => {
        const text = lines.join('\n');
        const kept = splitTextParts(text, { signOffs }).flatMap((p) => p.text.split('\n'));
        const nonBlank = (xs: string[]) => xs.filter((l) => l.trim() !== '');
        expect(nonBlank(kept)).toEqual(nonBlank(lines));
      }),
      { numRuns: 500 },
    );
  });
});
