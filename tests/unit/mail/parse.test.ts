import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_SUBJECT, parseByHand, parseMessage, plausibleDate } from '../../../src-main/core/mail/parse.ts';
import { buildMail, parserFixturesDir, parserFixturesPresent } from '../../support/mail-fixtures.ts';

const fallback = Date.UTC(2026, 0, 15, 9, 0, 0);
const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');

describe('parseMessage', () => {
  it('decodes RFC 2047 encoded words in the subject and the sender name', async () => {
    const raw = crlf([
      'From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <juergen@shop.example>',
      'To: =?UTF-8?B?w4lsb2TDqWU=?= <support@example.test>',
      'Subject: =?UTF-8?B?QmVzdGVsbHVuZyDinJQgZ2VsaWVmZXJ0?= =?ISO-8859-1?Q?_Gr=FC=DFe?=',
      'Date: Tue, 7 Jan 2025 10:00:00 +0100',
      'Message-ID: <abc@shop.example>',
      '',
      'Hi',
    ]);
    const m = await parseMessage(raw, fallback);
    expect(m.subject).toBe('Bestellung ✔ geliefert Grüße');
    expect(m.from).toEqual({ name: 'Jürgen Müller', address: 'juergen@shop.example' });
    expect(m.to).toEqual([{ name: 'Élodée', address: 'support@example.test' }]);
    expect(m.messageId).toBe('abc@shop.example');
    expect(m.date).toBe(Date.UTC(2025, 0, 7, 9, 0, 0));
  });

  it('decodes bodies in legacy charsets (KOI8-R, Shift_JIS)', async () => {
    const koi8 = Buffer.concat([
      crlf(['From: a@shop.example', 'Subject: koi8', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=koi8-r', 'Content-Transfer-Encoding: 8bit', '', '']),
      Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), // "Привет"
    ]);
    expect((await parseMessage(koi8, fallback)).text.trim()).toBe('Привет');

    const sjis = Buffer.concat([
      crlf(['From: a@shop.example', 'Subject: sjis', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=Shift_JIS', 'Content-Transfer-Encoding: 8bit', '', '']),
      Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), // "日本語"
    ]);
    expect((await parseMessage(sjis, fallback)).text.trim()).toBe('日本語');
  });

  it.skipIf(!parserFixturesPresent)('decodes an ISO-2022-JP subject from a real Japanese mail (corpus)', async () => {
    const raw = fs.readFileSync(path.join(parserFixturesDir, 'mimekit/messages/japanese.txt'));
    const m = await parseMessage(raw, fallback);
    expect(m.subject).toBe('日本語メールテスト (testing Japanese emails)');
    expect(m.text).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
  });

  it('gives HTML-only mail a plain-text body and snippet, and keeps the HTML', async () => {
    const html = '<html><head><style>p{color:red}</style></head><body><p>Your order <b>#4711</b> has shipped.</p><p>Track it&nbsp;here.</p></body></html>';
    const m = await parseMessage(buildMail({ html }), fallback);
    expect(m.html).toContain('<b>#4711</b>');
    expect(m.text).toContain('Your order #4711 has shipped.');
    expect(m.text).not.toContain('<');
    expect(m.text).not.toContain('color:red');
    expect(m.snippet).toMatch(/^Your order #4711 has shipped\. Track it here\.$/);
  });

  it.skipIf(!parserFixturesPresent)('also makes text from HTML when the only alternative part is HTML inside multipart/related (corpus)', async () => {
    const raw = fs.readFileSync(path.join(parserFixturesDir, 'mimekit/messages/multipart-related-mhtml.txt'));
    const m = await parseMessage(raw, fallback);
    expect(m.html).not.toBeNull();
    expect(m.text.trim().length).toBeGreaterThan(0);
  });

  it('returns attachments with name, type, size, bytes, and inline images marked', async () => {
    const pdf = Buffer.from('%PDF-1.4 fake pdf bytes \u0000\u0001\u0002', 'latin1');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const m = await parseMessage(
      buildMail({
        text: 'See attached.',
        attachments: [
          { filename: 'invoice.pdf', contentType: 'application/pdf', content: pdf },
          { filename: 'logo.png', contentType: 'image/png', content: png, cid: 'logo@shop' },
        ],
      }),
      fallback,
    );
    expect(m.text.trim()).toBe('See attached.');
    expect(m.attachments).toHaveLength(2);
    const [invoice, logo] = m.attachments;
    expect(invoice).toMatchObject({ filename: 'invoice.pdf', contentType: 'application/pdf', size: pdf.length, inline: false, contentId: null });
    expect(invoice?.content.equals(pdf)).toBe(true);
    expect(logo).toMatchObject({ filename: 'logo.png', contentType: 'image/png', size: png.length, inline: true, contentId: 'logo@shop' });
  });

  it('keeps threading headers without angle brackets', async () => {
    const m = await parseMessage(
      buildMail({ messageId: 'reply@shop.example', inReplyTo: 'orig@example.test', references: ['root@example.test', 'orig@example.test'] }),
      fallback,
    );
    expect(m.messageId).toBe('reply@shop.example');
    expect(m.inReplyTo).toBe('orig@example.test');
    expect(m.references).toEqual(['root@example.test', 'orig@example.test']);
  });

  it('reads where the sender asks replies to go, in both parsers, and nothing when the mail names nowhere else', async () => {
    const raw = buildMail({ from: 'Shop website <noreply@shop.example>', headers: ['Reply-To: =?UTF-8?Q?Hana_It=C5=8D?= <hana@home.example>, desk@shop.example'] });
    const replyTo = [{ name: 'Hana Itō', address: 'hana@home.example' }, { name: '', address: 'desk@shop.example' }];
    expect((await parseMessage(raw, 0)).replyTo).toEqual(replyTo);
    expect(parseByHand(raw, 0).replyTo).toEqual(replyTo);
    expect((await parseMessage(buildMail({}), 0)).replyTo).toEqual([]);
  });

  it('falls back to the given date when the Date header is missing, unparseable or absurd', async () => {
    expect((await parseMessage(buildMail({ date: null }), fallback)).date).toBe(fallback);
    expect((await parseMessage(buildMail({ date: 'Whenever' }), fallback)).date).toBe(fallback);
    expect((await parseMessage(buildMail({ date: 'Fri, 1 Jan 2099 00:00:00 +0000' }), fallback)).date).toBe(fallback);
    expect((await parseMessage(buildMail({ date: 'Thu, 1 Jan 1970 00:00:00 +0000' }), fallback)).date).toBe(fallback);
    const ok = await parseMessage(buildMail({ date: 'Mon, 6 Jan 2025 08:30:00 +0000' }), fallback);
    expect(ok.date).toBe(Date.UTC(2025, 0, 6, 8, 30, 0));
    expect(ok.dateHeader).toBe('Mon, 6 Jan 2025 08:30:00 +0000');
  });

  it('makes a snippet without quoted lines, whitespace collapsed', async () => {
    const text = 'Thanks, that worked!\r\n\r\n   Best,\r\n  Ann\r\n\r\nOn Mon, 6 Jan 2025, Support wrote:\r\n> Please try again.\r\n> Regards';
    const m = await parseMessage(buildMail({ text }), fallback);
    expect(m.snippet).toBe('Thanks, that worked! Best, Ann');
  });

  it('shows something for mail that is barely mail', async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from('\r\n\r\n'), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0a]), Buffer.from('no headers at all, just words')]) {
      const m = await parseMessage(raw, fallback);
      expect(m.subject).toBe(NO_SUBJECT);
      expect(typeof m.text).toBe('string');
      expect(m.date).toBe(fallback);
      expect(m.size).toBe(raw.length);
    }
  });

  it('keeps attachment file names free of path separators and control characters', async () => {
    const m = await parseMessage(
      buildMail({ text: 'x', attachments: [{ filename: '../../etc/passwd', contentType: 'text/plain', content: 'root' }] }),
      fallback,
    );
    expect(m.attachments[0]?.filename).not.toMatch(/[\\/]/);
  });
});

describe('parseByHand (the fallback when mailparser fails)', () => {
  it('reads headers, encoded words and the body by hand', () => {
    const raw = crlf([
      'From: "Ann" <ann@shop.example>',
      'Subject: =?utf-8?q?Caf=C3=A9_order?=',
      '  continued',
      'Date: Mon, 6 Jan 2025 08:30:00 +0000',
      'Message-ID: <x1@shop.example>',
      '',
      'Body line',
    ]);
    const m = parseByHand(raw, fallback);
    expect(m.subject).toBe('Café order continued');
    expect(m.from).toEqual({ name: 'Ann', address: 'ann@shop.example' });
    expect(m.messageId).toBe('x1@shop.example');
    expect(m.text).toBe('Body line');
    expect(m.date).toBe(Date.UTC(2025, 0, 6, 8, 30, 0));
  });
});

describe('plausibleDate', () => {
  it('accepts dates up to two days after the fallback (clock skew), not later', () => {
    const day = 24 * 3600 * 1000;
    expect(plausibleDate(new Date(fallback + day).toUTCString(), fallback)).toBe(fallback + day);
    expect(plausibleDate(new Date(fallback + 3 * day).toUTCString(), fallback)).toBe(fallback);
  });
});
