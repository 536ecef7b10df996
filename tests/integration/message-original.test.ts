/**
 * "Show original": a message exactly as the server holds it, read from a real
 * Dovecot (every byte, the headers the cache never keeps included), and in
 * plain words when the server cannot be reached or no longer has it. The
 * demo's mail, which has no server, is made again by its generator.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoDesk } from '../support/desk-core.ts';
import type { DemoDesk, TestDesk } from '../support/desk-core.ts';
import type { MailboxDesk } from '../support/mailbox-desk.ts';
import { startMailboxDesk } from '../support/mailbox-desk.ts';
import { buildMail } from '../support/mail-fixtures.ts';

const user = 'support@example.test';
const original = buildMail({
  from: 'Ann Lee <ann@shop.example>',
  to: user,
  subject: 'Lamp / arrived: broken?',
  messageId: 'lamp-1@shop.example',
  text: 'The lamp came in pieces.',
  headers: ['Received: from mx.shop.example by mail.example.test; Mon, 23 Nov 2026 09:00:00 +0000', 'Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=shop.example'],
});

let box: MailboxDesk;
let messageId: number;

async function messageRowId(desk: TestDesk): Promise<number> {
  const page = await desk.call('conversations.list', { accountId: null, cursor: null, limit: 10, folder: 'inbox' });
  const conversation = page.items[0];
  if (!conversation) return 0;
  const detail = await desk.call('conversations.get', { id: conversation.id });
  return detail.messages[0]?.id ?? 0;
}

beforeAll(async () => {
  box = await startMailboxDesk({ user, password: 'secret', dirPrefix: 'sb-original-', seed: (server) => server.append(user, 'INBOX', original).then(() => undefined) });
  const server = { host: '127.0.0.1', security: 'none' as const, user, password: 'secret' };
  const connected = await box.desk.call('accounts.connect', { name: 'Acme Support', email: user, imap: { ...server, port: box.dovecot.port }, smtp: { ...server, port: box.smtp.port } });
  if (!connected.ok) throw new Error(`connect failed: ${JSON.stringify(connected.test)}`);
  await vi.waitFor(async () => expect(await messageRowId(box.desk)).toBeGreaterThan(0), { timeout: 30_000, interval: 100 });
  messageId = await messageRowId(box.desk);
}, 60_000);

afterAll(async () => {
  await box?.stop();
});

describe('the original of a message', () => {
  it('is every byte the server holds, named after the subject', async () => {
    const got = await box.desk.call('messages.original', { id: messageId });
    const bytes = Buffer.from(got.dataBase64, 'base64');
    // Dovecot hands back what was appended, CRLF line ends included.
    expect(bytes.equals(original)).toBe(true);
    expect(got.size).toBe(original.length);
    expect(bytes.toString()).toContain('Authentication-Results: mail.example.test; spf=pass');
    expect(got.fileName).toBe('Lamp arrived broken.eml');
  });

  it('says so in plain words while the server cannot be reached, and works again once it is back', async () => {
    await box.dovecot.halt();
    try {
      await expect(box.desk.call('messages.original', { id: messageId })).rejects.toThrow(/unavailable: .*cannot be reached right now/);
    } finally {
      await box.dovecot.resume();
    }
    const again = await box.desk.call('messages.original', { id: messageId });
    expect(Buffer.from(again.dataBase64, 'base64').equals(original)).toBe(true);
  }, 30_000);

  it('says the server no longer has it when it was expunged elsewhere', async () => {
    await box.dovecot.withClient(user, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageDelete('1:*');
    });
    await expect(box.desk.call('messages.original', { id: messageId })).rejects.toThrow(/no longer has this message/);
  });

  it('refuses a message that does not exist', async () => {
    await expect(box.desk.call('messages.original', { id: 987_654 })).rejects.toThrow(/not-found/);
  });
});

describe('the demo\'s originals', () => {
  let desk: DemoDesk;
  beforeAll(async () => {
    desk = await startDemoDesk('sb-original-demo-');
  }, 60_000);
  afterAll(async () => {
    await desk?.stop();
  });

  it('are made again by the generator and match the stored message', async () => {
    const page = await desk.call('conversations.list', { accountId: null, cursor: null, limit: 5, folder: 'inbox' });
    for (const c of page.items.slice(0, 3)) {
      const detail = await desk.call('conversations.get', { id: c.id });
      for (const m of detail.messages) {
        const got = await desk.call('messages.original', { id: m.id });
        const raw = Buffer.from(got.dataBase64, 'base64').toString();
        expect(raw).toMatch(new RegExp(`^Message-ID: <${(m.messageId ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>`, 'mi'));
        expect(raw).toContain(m.from.address);
      }
    }
  });
});
