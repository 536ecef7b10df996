import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { addressProblems, isValidAddress } from '../../../src-main/core/compose/addresses.ts';
import { wrapWithBranding } from '../../../src-main/core/compose/branding-wrap.ts';
import { sanitizeHtml } from '../../../src-main/core/compose/html.ts';
import { placeholderValues, unresolvedPlaceholders } from '../../../src-main/core/compose/placeholders.ts';
import { searchTemplates } from '../../../src-main/core/compose/team-settings.ts';
import { renderTemplate } from '../../../src-main/core/compose/template.ts';
import { classifySmtpError, submitMessage } from '../../../src-main/core/outbox/smtp-send.ts';
import { retryDelayMs } from '../../../src-main/core/outbox/dispatcher.ts';

describe('addresses', () => {
  it('accepts ordinary addresses and rejects typos', () => {
    expect(['a@b.co', 'first.last+tag@sub.example.org'].every(isValidAddress)).toBe(true);
    expect(['a@b', 'a@@b.co', 'a b@c.de', '.a@b.co', 'a..b@c.de', 'a@-b.co', ''].some(isValidAddress)).toBe(false);
  });

  it('reports each bad address, in the field it is in, and a missing recipient in plain words', () => {
    expect(addressProblems({ to: [{ name: '', address: 'x@' }], cc: [], bcc: [] })).toEqual([
      { key: 'invalidAddressInTo', vars: { address: 'x@' }, text: '"x@" in To is not a valid email address.' },
    ]);
    expect(addressProblems({ to: [{ name: '', address: 'a@b.co' }], cc: [], bcc: [{ name: '', address: 'b@' }] }).map((p) => p.text)).toEqual([
      '"b@" in Bcc is not a valid email address.',
    ]);
    expect(addressProblems({ to: [], cc: [], bcc: [] }).map((p) => p.text)).toEqual(['Add at least one recipient.']);
  });
});

describe('placeholders', () => {
  it('finds every placeholder left in a draft, but not literal braces', () => {
    expect(unresolvedPlaceholders('<p>Hi {CLIENT_NAME}, {{NOT_ONE}} {MY_NAME} {CLIENT_NAME} {lower}</p>')).toEqual(['CLIENT_NAME', 'MY_NAME']);
  });

  it('fills values escaped for HTML and greets by first name', () => {
    const values = placeholderValues({
      agent: { name: 'Alice <Boss>', address: 'alice@acme.test' },
      mailbox: { name: 'Acme', email: 'support@acme.test' },
      ticket: 'K7F3Q2',
      customer: { name: 'Khan, Megan', address: 'megan@shop.example' },
      subject: 'Refund',
    });
    expect(renderTemplate('{CLIENT_NAME}/{MY_NAME}/{TICKET_ID}', values)).toEqual({ text: 'Megan/Alice &lt;Boss&gt;/#K7F3Q2', problems: [] });
  });

  it('reports MY_NAME as empty when this desktop published no agent profile', () => {
    const values = placeholderValues({ agent: null, mailbox: { name: 'A', email: 'a@b.co' }, ticket: null, customer: null, subject: null });
    expect(renderTemplate('{MY_NAME}', values).problems).toEqual([{ placeholder: 'MY_NAME', reason: 'empty', index: 0 }]);
  });
});

describe('sanitizeHtml', () => {
  it('removes active content and keeps formatting', () => {
    const out = sanitizeHtml('<p onclick="x()">Hi <b>there</b><script>alert(1)</script><iframe src="x"></iframe><a href="javascript:evil()">l</a><img src="data:image/png;base64,AA"></p>');
    expect(out).toBe('<p>Hi <b>there</b><a>l</a><img src="data:image/png;base64,AA"></p>');
  });
});

describe('branding', () => {
  it('wraps the body with header, footer and the accent colour', () => {
    const html = wrapWithBranding('<p>Body</p>', { headerHtml: '<b>Acme</b>', footerHtml: 'Acme Ltd', accentColour: '#ff0000', logoDataUrl: '' });
    expect(html.indexOf('Acme</b>')).toBeLessThan(html.indexOf('Body'));
    expect(html.indexOf('Body')).toBeLessThan(html.indexOf('Acme Ltd'));
    expect(html).toContain('#ff0000');
  });
});

describe('template search', () => {
  const templates = [
    { id: '1', name: 'Refund granted', shortcut: 'refund', body: 'money back', demo: false },
    { id: '2', name: 'Shipping delay', shortcut: 'late', body: 'refund possible', demo: false },
    { id: '3', name: 'Welcome', shortcut: 're', body: '', demo: false },
  ];
  it('ranks exact shortcut, then shortcut prefix, then name, then body', () => {
    expect(searchTemplates(templates, 're').map((t) => t.id)).toEqual(['3', '1', '2']);
    expect(searchTemplates(templates, 'refund').map((t) => t.id)).toEqual(['1', '2']);
    expect(searchTemplates(templates, '').map((t) => t.id)).toEqual(['1', '2', '3']);
  });
});

describe('SMTP errors in plain words', () => {
  it('tells authentication, refused recipients, size and outages apart', () => {
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 }, [])).toMatchObject({ transient: false, reason: { key: 'smtpAuthRejected', text: expect.stringContaining('user name or password') } });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', recipient: 'bob@x.test' }, ['bob@x.test'])).toEqual({
      transient: false,
      reason: { key: 'recipientRefused', vars: { recipient: 'bob@x.test' }, text: 'The mail server refused the recipient bob@x.test.' },
    });
    expect(classifySmtpError({ code: 'EMESSAGE', response: '552 5.3.4 Message size exceeds fixed maximum' }, []).reason.text).toContain('larger than the mail server accepts');
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, [])).toMatchObject({ transient: true, reason: { key: 'smtpUnreachable' } });
    expect(classifySmtpError({ responseCode: 451, response: '451 try later' }, []).transient).toBe(true);
    // The server's own words are a value, never rewritten: the renderer quotes them in any language.
    expect(classifySmtpError({ responseCode: 554, response: '554 5.7.1 Rejected as spam' }, []).reason).toMatchObject({ key: 'smtpRefused', vars: { response: '554 5.7.1 Rejected as spam' } });
  });

  it('answers at once when no SMTP server can be reached, as unreachable (it used to never answer)', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const submission = (host: string) => ({ settings: { host, port, security: 'none' as const, user: 'desk', password: 'pw' }, from: 'desk@x.test', recipients: ['ann@y.test'], raw: Buffer.from('Subject: hi\r\n\r\nhi\r\n') });
    for (const host of ['127.0.0.1', 'nonexistent.invalid']) {
      expect(await submitMessage(submission(host)), host).toMatchObject({ kind: 'failed', transient: true, unreachable: true, reason: { key: 'smtpUnreachable' } });
    }
  });

  it('backs off retries up to half an hour', () => {
    expect([1, 2, 3, 10].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 1_800_000]);
  });
});
