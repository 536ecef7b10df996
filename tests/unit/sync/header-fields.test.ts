/**
 * Headers-first sync stores a message from its header block; the same mail
 * stored whole (demo workspace, mail without Message-ID, a refetch) goes
 * through mailparser. Both must agree field by field, or the dedupe key would
 * differ and the same mail would become two rows.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDemoMailbox } from '../../../src-main/core/demo/demo-mailbox.ts';
import { parseMessage } from '../../../src-main/core/mail/parse.ts';
import { headerBlockOf, headerLines, parseHeaderFields } from '../../../src-main/core/sync/header-fields.ts';
import { buildMail, parserFixtureFiles, parserFixturesPresent } from '../../support/mail-fixtures.ts';

const FALLBACK = Date.UTC(2026, 0, 1);

async function expectSameFields(raw: Buffer, label: string): Promise<void> {
  const whole = await parseMessage(raw, FALLBACK);
  const head = parseHeaderFields(headerBlockOf(raw), FALLBACK);
  const pick = (p: typeof head | typeof whole) => ({
    messageId: p.messageId,
    inReplyTo: p.inReplyTo,
    references: p.references,
    subject: p.subject,
    from: p.from,
    to: p.to,
    cc: p.cc,
    replyTo: p.replyTo,
    date: p.date,
    dateHeader: p.dateHeader,
    declared: p.declared,
  });
  expect(pick(head), label).toEqual(pick(whole));
}

describe('parseHeaderFields', () => {
  it('reads encoded words, folded headers, groups and several To lines like mailparser does', async () => {
    const raw = buildMail({
      from: '=?utf-8?B?w4lsb2TDrWUgTcO8bGxlcg==?= <elodie@shop.example>',
      to: 'Team: a@x.example, "B, Bee" <b@x.example>;',
      cc: '=?iso-8859-2?Q?Pawe=B3?= <pawel@x.example>',
      subject: '=?utf-8?Q?R=C3=BCckerstattung?=\r\n =?utf-8?Q?_f=C3=BCr_Bestellung?=',
      references: ['a@x', 'b@x'],
      inReplyTo: 'b@x',
      headers: [
        'To: second@x.example',
        'Received: from somewhere\r\n\tby elsewhere; Mon, 1 Jan 2024 00:00:00 +0000',
        'Reply-To: =?utf-8?Q?Hana_B=C3=B6rg?= <hana@home.example>, "Desk, Old" <old@x.example>',
        'Reply-To: second-line@x.example',
      ],
    });
    await expectSameFields(raw, 'hand-made');
    const head = parseHeaderFields(headerBlockOf(raw), FALLBACK);
    expect(head.subject).toBe('Rückerstattung für Bestellung');
    expect(head.from).toEqual({ name: 'Élodíe Müller', address: 'elodie@shop.example' });
    expect(head.to.map((a) => a.address)).toEqual(['a@x.example', 'b@x.example', 'second@x.example']);
    expect(head.cc[0]?.name).toBe('Paweł');
    // Like From, only the first Reply-To line counts (mailparser keeps the first of a single header).
    expect(head.replyTo).toEqual([
      { name: 'Hana Börg', address: 'hana@home.example' },
      { name: 'Desk, Old', address: 'old@x.example' },
    ]);
  });

  it('gives the top-level content type, for the attachment hint shown before the body is fetched', () => {
    const mixed = buildMail({ attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: 'x' }] });
    expect(parseHeaderFields(headerBlockOf(mixed), FALLBACK).contentType).toBe('multipart/mixed');
    expect(parseHeaderFields(Buffer.from('Subject: x\r\n\r\n'), FALLBACK).contentType).toBe('text/plain');
  });

  it('says what the mail declares itself to be, as the whole-message parser and the inspector read it', async () => {
    const cases: Array<[string[], string, 'ordinary' | 'automatic' | 'report']> = [
      [['Auto-Submitted: auto-replied'], 'text/plain', 'automatic'],
      [['In-Reply-To: <r1@desk.example>', 'Auto-Submitted:\r\n auto-generated'], 'text/plain', 'automatic'],
      // Generated without answering anything (a contact form, a shop's notice): it starts a conversation like a customer.
      [['Auto-Submitted: auto-generated'], 'text/plain', 'ordinary'],
      [['References: <r1@desk.example>', 'Auto-Submitted: auto-notified'], 'text/plain', 'automatic'],
      [['Auto-Submitted: no'], 'text/plain', 'ordinary'],
      [['X-Autoreply: yes'], 'text/plain', 'automatic'],
      [['X-Autorespond: Vacation'], 'text/plain', 'automatic'],
      [['Precedence: auto_reply'], 'text/plain', 'automatic'],
      // Mailing lists are not automatic answers: a list's mail is read like any other.
      [['Precedence: bulk'], 'text/plain', 'ordinary'],
      [[], 'multipart/report; report-type=delivery-status; boundary="b"', 'report'],
      [['Auto-Submitted: auto-replied'], 'multipart/report; report-type=delivery-status; boundary="b"', 'report'],
      [[], 'text/plain', 'ordinary'],
    ];
    for (const [headers, contentType, want] of cases) {
      const raw = Buffer.from(
        ['From: Ann <ann@shop.example>', 'Subject: Re: Lamp', 'Message-ID: <m@shop.example>', `Content-Type: ${contentType}`, ...headers, '', '--b--', ''].join('\r\n'),
      );
      const label = `${headers.join(' / ') || '(none)'} ${contentType}`;
      expect(parseHeaderFields(headerBlockOf(raw), FALLBACK).declared, label).toBe(want);
      expect((await parseMessage(raw, FALLBACK)).declared, label).toBe(want);
    }
  });

  it('splits lines as mailsplit does, including a continuation that carries the colon', () => {
    const lines = headerLines(Buffer.from('From x\r\nSubject: a\r\n b\r\nX-No-Colon\r\n :value\r\nTo: t@x\r\n\r\n'));
    expect(lines).toEqual([
      { key: 'subject', line: 'Subject: a\r\n b' },
      { key: 'x-no-colon', line: 'X-No-Colon\r\n :value' },
      { key: 'to', line: 'To: t@x' },
    ]);
  });

  it('follows the LAST In-Reply-To id, as the whole-message parser and threading do', async () => {
    const raw = Buffer.from('From: a@shop.example\r\nSubject: Re: x\r\nMessage-ID: <c@shop.example>\r\nIn-Reply-To: <a@shop.example> <b@shop.example>\r\n\r\nhi\r\n');
    expect(parseHeaderFields(headerBlockOf(raw), FALLBACK).inReplyTo).toBe('b@shop.example');
    expect((await parseMessage(raw, FALLBACK)).inReplyTo).toBe('b@shop.example');
  });

  it('never throws on garbage', () => {
    for (const junk of ['', '\r\n\r\n', ':::\r\n', '\u0000\u0001', 'Subject: =?x?Q?bad']) {
      expect(() => parseHeaderFields(Buffer.from(junk), FALLBACK)).not.toThrow();
    }
  });

  it('agrees with the whole-message parser on a generated support mailbox', async () => {
    for (const m of generateDemoMailbox({ now: FALLBACK, conversations: 60, seed: 7 })) await expectSameFields(m.raw, m.raw.subarray(0, 200).toString());
  });

  it.skipIf(!parserFixturesPresent)('agrees with the whole-message parser on the parser-fixtures corpus (when present)', async () => {
    const files = parserFixtureFiles();
    expect(files.length).toBeGreaterThan(200);
    for (const file of files) await expectSameFields(fs.readFileSync(file), file);
  });
});
