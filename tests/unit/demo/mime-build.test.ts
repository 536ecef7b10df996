import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import {
  buildMessage,
  encodeQuotedPrintable,
  encodeWords,
  formatRfc5322Date,
  type MessageHeaderSpec,
  type MimePart,
} from '../../../src-main/core/demo/mime-build.ts';
import { encodeInCharset } from '../../../src-main/core/demo/legacy-charsets.ts';

const BASE: MessageHeaderSpec = {
  from: { name: 'Maya from Northwind', address: 'support@northwind-demo.test' },
  to: [{ name: 'Jürgen Weiß', address: 'juergen.weiss@post-de.test' }],
  subject: 'Hello',
  date: Date.UTC(2025, 0, 5, 9, 30, 0),
  tzOffsetMinutes: 60,
  messageId: '<abc.1@northwind-demo.test>',
  headerCharset: 'utf-8',
};

const plain = (content: string, charset: 'utf-8' | 'iso-8859-1' | 'iso-8859-2' | 'windows-1252' = 'utf-8'): MimePart =>
  ({ kind: 'text', subtype: 'plain', content, charset });

// Words from several scripts, emoji included, joined by single spaces (how subjects look).
const word = fc.string({ unit: fc.constantFrom(...Array.from('aZ09éßøłąÅ€–„“«»çñ漢字😀?_=:,"<>@\\')), minLength: 1, maxLength: 12 });
const phrase = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));

describe('buildMessage', () => {
  it('round-trips arbitrary Unicode subjects and display names through mailparser', async () => {
    await fc.assert(
      fc.asyncProperty(phrase, phrase, async (subject, name) => {
        const raw = buildMessage({ ...BASE, subject, from: { name, address: 'a.b@mailbox.test' } }, plain('x\n'));
        const mail = await simpleParser(raw);
        expect(mail.subject).toBe(subject);
        const from = Array.isArray(mail.from) ? mail.from[0] : mail.from;
        expect(from?.value[0]?.name).toBe(name);
        for (const line of raw.toString('latin1').split('\r\n\r\n')[0]!.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips arbitrary text bodies through quoted-printable and base64', async () => {
    const body = fc.array(phrase, { maxLength: 8 }).map((lines) => `${lines.join('\n')}\n`);
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom<'auto' | 'base64'>('auto', 'base64'), async (content, transfer) => {
        const raw = buildMessage(BASE, { kind: 'text', subtype: 'plain', content, charset: 'utf-8', transfer });
        const source = raw.toString('latin1');
        expect(raw.every((byte) => byte < 0x80)).toBe(true);
        for (const line of source.split('\r\n\r\n').slice(1).join('').split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
        expect((await simpleParser(raw)).text).toBe(content);
      }),
      { numRuns: 150 },
    );
  });

  it('writes legacy charsets that readers decode back to the same text', async () => {
    const cases = [
      ['iso-8859-1', 'Grüße aus Köln, Søren, nej: »Grüße«'],
      ['iso-8859-2', 'Zażółć gęślą jaźń, Łukasz'],
      ['windows-1252', 'Prix : 89,90 € – « merci » “quoted” …'],
    ] as const;
    for (const [charset, text] of cases) {
      const raw = buildMessage({ ...BASE, subject: text, headerCharset: charset, from: { name: text.slice(0, 12), address: 'x@mailbox.test' } }, plain(`${text}\n`, charset));
      const source = raw.toString('latin1');
      expect(source).toContain(`charset=${charset}`);
      expect(source).toContain(`=?${charset.toUpperCase()}?Q?`);
      const mail = await simpleParser(raw);
      expect(mail.subject).toBe(text);
      expect(mail.text).toBe(`${text}\n`);
    }
  });

  it('refuses text that the chosen legacy charset cannot represent', () => {
    expect(encodeInCharset('Łódź', 'iso-8859-1')).toBeNull();
    expect(() => buildMessage(BASE, plain('Łódź\n', 'iso-8859-1'))).toThrow(/iso-8859-1/);
  });

  it('folds long References and address lists onto continuation lines', async () => {
    const references = Array.from({ length: 14 }, (_, i) => `<message-${i}.0123456789abcdef@mailbox.test>`);
    const to = Array.from({ length: 6 }, (_, i) => ({ name: `Person Number ${i}`, address: `person${i}@mailbox.test` }));
    const raw = buildMessage({ ...BASE, to, references, inReplyTo: references.at(-1) }, plain('hi\n'));
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!;
    for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const mail = await simpleParser(raw);
    expect(mail.references).toEqual(references);
    const parsedTo = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    expect(parsedTo?.value.map((a) => a.address)).toEqual(to.map((a) => a.address));
  });

  it('writes multipart/alternative with attachments that parse back, including a non-ASCII filename', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    const raw = buildMessage({ ...BASE, cc: [{ address: 'boss@mailbox.test' }] }, {
      kind: 'multipart', subtype: 'mixed', boundary: '----=_Mix_1', parts: [
        { kind: 'multipart', subtype: 'alternative', boundary: '----=_Alt_1', parts: [plain('Hej Søren\n'), { kind: 'text', subtype: 'html', content: '<p>Hej Søren</p>', charset: 'utf-8' }] },
        { kind: 'attachment', filename: 'Beschädigung.png', contentType: 'image/png', data: png },
        { kind: 'attachment', filename: 'invoice-1042.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4\n') },
      ],
    });
    const mail = await simpleParser(raw);
    expect(mail.text).toBe('Hej Søren\n');
    expect(mail.html).toContain('<p>Hej Søren</p>');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['Beschädigung.png', 'invoice-1042.pdf']);
    expect(mail.attachments[0]?.content.equals(png)).toBe(true);
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value[0]?.address : null).toBe('boss@mailbox.test');
  });

  it('rejects malformed input with a clear error instead of writing a broken message', () => {
    expect(() => buildMessage({ ...BASE, messageId: 'no-brackets@x.test' }, plain('x'))).toThrow(/Message-ID/);
    expect(() => buildMessage({ ...BASE, to: [{ address: 'not an address' }] }, plain('x'))).toThrow(/address/);
    expect(() => buildMessage({ ...BASE, to: [] }, plain('x'))).toThrow(/To/);
    expect(() => buildMessage({ ...BASE, subject: 'a\r\nBcc: evil@x.test' }, plain('x'))).toThrow(/line breaks/);
    expect(() => buildMessage({ ...BASE, date: BASE.date + 1 }, plain('x'))).toThrow(/whole second/);
    expect(() => buildMessage(BASE, { kind: 'multipart', subtype: 'mixed', boundary: 'b', parts: [] })).toThrow(/at least one/);
  });
});

describe('encoders', () => {
  it('keeps each encoded-word within 75 characters and never splits a character', () => {
    const text = '😀'.repeat(40) + 'ąę'.repeat(30);
    const words = encodeWords(text, 'utf-8');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
    const decoded = words.map((w) => Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).join('');
    expect(decoded).toBe(text);
  });

  it('writes quoted-printable with soft breaks and encoded trailing whitespace', () => {
    const qp = encodeQuotedPrintable(Buffer.from(`${'x'.repeat(100)} \r\na=b\t`, 'utf8'));
    const lines = qp.split('\r\n');
    expect(lines.every((line) => line.length <= 76)).toBe(true);
    expect(lines[0]!.endsWith('=')).toBe(true);
    expect(qp).toContain('=20\r\n');
    expect(qp).toContain('a=3Db=09');
  });

  it('formats dates in the sender\'s zone', () => {
    expect(formatRfc5322Date(Date.UTC(2025, 2, 4, 13, 2, 11), 60)).toBe('Tue, 04 Mar 2025 14:02:11 +0100');
    expect(formatRfc5322Date(Date.UTC(2025, 2, 4, 3, 0, 0), -300)).toBe('Mon, 03 Mar 2025 22:00:00 -0500');
    expect(formatRfc5322Date(Date.UTC(2025, 2, 4, 3, 0, 0), 330)).toBe('Tue, 04 Mar 2025 08:30:00 +0530');
  });
});
