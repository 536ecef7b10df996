import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../../../src-main/core/mail/dsn.ts';
import { parserFixturesDir, parserFixturesPresent } from '../../support/mail-fixtures.ts';

const ourBounce = [
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.test>',
  'To: support@northwind-demo.test',
  'Subject: Undelivered Mail Returned to Sender',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
  '',
  '--B1',
  'Content-Type: text/plain',
  '',
  'Your message could not be delivered.',
  '--B1',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.test',
  '',
  'Final-Recipient: rfc822; nobody@customer.example',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 <nobody@customer.example>: Recipient address rejected',
  '',
  '--B1',
  'Content-Type: text/rfc822-headers',
  '',
  'From: Northwind Support <support@northwind-demo.test>',
  'Message-ID: <reply-42@northwind-demo.test>',
  'Subject: Re: Where is my order? [#K7F3Q2]',
  '',
  '--B1--',
  '',
].join('\r\n');

describe('parseBounce', () => {
  it('links a bounce to the mail it reports and explains it in plain words', () => {
    expect(parseBounce(ourBounce)).toEqual({
      originalMessageId: 'reply-42@northwind-demo.test',
      permanent: true,
      recipients: [{
        address: 'nobody@customer.example',
        action: 'failed',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <nobody@customer.example>: Recipient address rejected',
        explanation: 'The address does not exist at the recipient’s mail server.',
      }],
    });
  });

  it('is null for ordinary mail and for garbage', () => {
    expect(parseBounce('From: a@b.test\r\nSubject: hi\r\n\r\nhello')).toBeNull();
    expect(parseBounce(Buffer.from([0, 1, 2, 255]))).toBeNull();
  });

  it.skipIf(!parserFixturesPresent)('reads the real-world DSNs in the parser corpus', () => {
    for (const rel of ['nodemailer-mailparser/delivery-status.eml', 'postal-mime/bounce.eml', 'mimekit/messages/delivery-status.txt', 'mimekit/messages/delivery-status2.txt']) {
      const bounce = parseBounce(fs.readFileSync(path.join(parserFixturesDir, rel)));
      expect(bounce, rel).not.toBeNull();
      expect(bounce?.recipients.length, rel).toBeGreaterThan(0);
      expect(bounce?.recipients[0]?.address, rel).toContain('@');
    }
  });
});
