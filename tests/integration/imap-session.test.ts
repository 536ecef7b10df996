/**
 * ImapSession against a real Dovecot: several pieces of work (read a mail's
 * headers, look for a Message-ID in Sent, append there: what the
 * acknowledger does for one acknowledgement) take one login, counted in
 * Dovecot's own log; and a session the server dropped meanwhile logs in again
 * and does the work.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src-main/core/clock.ts';
import { appendCopy, folderHasMessageId, ImapSession } from '../../src-main/core/outbox/account-servers.ts';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail } from '../support/mail-fixtures.ts';

const user = 'agent@example.test';
const password = 'secret';
let dovecot: DovecotServer;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user, password }] });
  await dovecot.withClient(user, (client) => client.mailboxCreate('Sent'));
  await dovecot.append(user, 'INBOX', buildMail({ from: 'Anna <anna@shop.example>', to: user, subject: 'Order 42', messageId: 'anna-1@shop.example' }));
}, 60_000);

afterAll(async () => {
  await dovecot?.stop();
});

const settings = () => ({ host: '127.0.0.1', port: dovecot.port, security: 'none' as const, user, password });
const logins = () => (dovecot.log().match(/imap-login: (?:Info: )?Login: user=<agent@example\.test>/g) ?? []).length;

it('reads headers, looks into Sent and files a copy on one login', async () => {
  await expect.poll(logins, { timeout: 5_000 }).toBeGreaterThan(0);
  const before = logins();
  const session = new ImapSession(settings(), systemClock);
  try {
    const headers = await session.run(async (client) => {
      const lock = await client.getMailboxLock('INBOX', { readOnly: true });
      try {
        const message = await client.fetchOne('1', { headers: true }, { uid: true });
        return message ? (message.headers?.toString() ?? '') : '';
      } finally {
        lock.release();
      }
    });
    expect(headers).toContain('Subject: Order 42');
    expect(await session.run((client) => folderHasMessageId(client, 'Sent', 'ack-1@desk.example'))).toBe(false);
    const raw = buildMail({ from: user, to: 'anna@shop.example', subject: 'Re: Order 42', messageId: 'ack-1@desk.example' });
    expect(await session.run((client) => appendCopy(client, 'Sent', raw, new Date()))).not.toBeNull();
    expect(await session.run((client) => folderHasMessageId(client, 'Sent', 'ack-1@desk.example'))).toBe(true);
  } finally {
    await session.close();
  }
  expect(session.loginCount).toBe(1);
  await expect.poll(logins, { timeout: 5_000 }).toBe(before + 1);
});

it('logs in again when the server dropped the session, and does the work', async () => {
  const session = new ImapSession(settings(), systemClock);
  try {
    expect(await session.run((client) => folderHasMessageId(client, 'Sent', 'ack-1@desk.example'))).toBe(true);
    await dovecot.restart();
    expect(await session.run((client) => folderHasMessageId(client, 'Sent', 'ack-1@desk.example'))).toBe(true);
  } finally {
    await session.close();
  }
  expect(session.loginCount).toBe(2);
});
