/**
 * A provider's password reset, against the real Dovecot and SMTP sink: the
 * account turns "Authentication failed", a wrong new password saves nothing,
 * the right one reconnects the same account (same cache, no duplicates) and
 * survives a core restart.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountSummary, AccountUpdateInput } from '../../src-preload/api.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { callCore } from '../support/desk-core.ts';
import type { TestDesk } from '../support/desk-core.ts';
import { startMailboxDesk } from '../support/mailbox-desk.ts';
import type { MailboxDesk } from '../support/mailbox-desk.ts';

const user = 'agent@example.test';
let dovecot: DovecotServer;
let smtp: SmtpSink;
let desk: TestDesk;
let accountId: number;
let box: MailboxDesk | undefined;

async function restart(): Promise<TestDesk> {
  if (!box) throw new Error('the mailbox desk is started');
  return box.restart();
}

async function account(): Promise<AccountSummary> {
  const found = (await desk.call('accounts.list', {})).find((a) => a.id === accountId);
  if (!found) throw new Error('the account is listed');
  return found;
}

async function inboxSize(): Promise<number> {
  return (await desk.call('conversations.list', { accountId, folder: 'inbox', cursor: null, limit: 100 })).items.length;
}

function update(passwords: { imap: string; smtp: string }, name = 'Acme Support'): AccountUpdateInput {
  return {
    accountId,
    name,
    email: user,
    imap: { port: dovecot.port, security: 'none', password: passwords.imap },
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user, password: passwords.smtp },
  };
}

beforeAll(async () => {
  box = await startMailboxDesk({
    user,
    password: 'old-secret',
    dirPrefix: 'sb-account-update-',
    seed: async (server) => {
      for (let i = 1; i <= 3; i++) {
        await server.append(user, 'INBOX', buildMail({ from: `Customer ${i} <c${i}@shop.example>`, to: user, subject: `Order ${i}`, messageId: `order-${i}@shop.example` }));
      }
    },
  });
  ({ dovecot, smtp, desk } = box);
  const server = { host: '127.0.0.1', security: 'none' as const, user, password: 'old-secret' };
  const connected = await desk.call('accounts.connect', { name: 'Acme Support', email: user, imap: { ...server, port: dovecot.port }, smtp: { ...server, port: smtp.port } });
  if (!connected.ok) throw new Error(`connect failed: ${JSON.stringify(connected.test)}`);
  accountId = connected.account.id;
  await vi.waitFor(async () => expect(await inboxSize()).toBe(3), { timeout: 30_000, interval: 100 });
}, 60_000);

afterAll(async () => {
  await box?.stop();
});

describe('changing a connected account\'s password', () => {
  it('shows the saved settings without any password', async () => {
    const saved = await desk.call('accounts.settings', { accountId });
    expect(saved).toEqual({
      accountId,
      name: 'Acme Support',
      email: user,
      imap: { host: '127.0.0.1', port: dovecot.port, security: 'none', user },
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user },
      samePassword: true,
    });
    expect(JSON.stringify(saved)).not.toContain('old-secret');
  });

  it('turns "Authentication failed" in plain words when the provider resets the password', async () => {
    dovecot.setPassword(user, 'new-secret');
    smtp.setPassword(user, 'new-secret');
    // An outage ends the open sessions, so the next login meets the new password.
    await dovecot.halt();
    await dovecot.resume();
    await expect.poll(async () => (await account()).health.state, { timeout: 60_000 }).toBe('auth-failed');
    expect((await account()).health.lastError?.text).toMatch(/user name or password/i);
  }, 90_000);

  it('tests with the saved passwords where the form left them empty', async () => {
    const check = await desk.call('accounts.testUpdate', update({ imap: '', smtp: '' }));
    expect(check.imap.ok).toBe(false);
    expect(check.imap.problem).toBe('auth-failed');
    expect(check.smtp.ok).toBe(false);
  });

  it('saves nothing when the new password is wrong too', async () => {
    const result = await desk.call('accounts.update', update({ imap: 'typo', smtp: 'typo' }, 'Renamed'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.test.imap.message.text).toMatch(/user name or password/i);
    expect((await desk.call('accounts.settings', { accountId })).name).toBe('Acme Support');
    expect((await account()).health.state).toBe('auth-failed');
  });

  it('reconnects the same account with the new password: same conversations, new mail arrives', async () => {
    const result = await desk.call('accounts.update', update({ imap: 'new-secret', smtp: 'new-secret' }, 'Acme Help'));
    expect(result.ok).toBe(true);
    await expect.poll(async () => (await account()).health.state, { timeout: 30_000 }).toBe('connected');
    const accounts = await desk.call('accounts.list', {});
    expect(accounts.map((a) => a.id)).toEqual([accountId]);
    expect(accounts[0]?.name).toBe('Acme Help');
    expect(await inboxSize()).toBe(3);

    await dovecot.append(user, 'INBOX', buildMail({ from: 'Customer 4 <c4@shop.example>', to: user, subject: 'Order 4', messageId: 'order-4@shop.example' }));
    await desk.call('accounts.syncNow', { accountId });
    await expect.poll(inboxSize, { timeout: 30_000 }).toBe(4);
    // Both saved passwords are the new ones: an empty form tests fine now.
    const check = await desk.call('accounts.testUpdate', update({ imap: '', smtp: '' }, 'Acme Help'));
    expect([check.imap.ok, check.smtp.ok]).toEqual([true, true]);
  }, 60_000);

  it('keeps the new password across a core restart', async () => {
    desk = await restart();
    await expect.poll(async () => (await account()).health.state, { timeout: 30_000 }).toBe('connected');
    expect(await inboxSize()).toBe(4);
  }, 60_000);

  it('asks for both passwords again when the saved ones cannot be read', async () => {
    // What a keychain that changed under the app looks like to core: a secret it cannot decrypt.
    desk.core.db.prepare('UPDATE accounts SET secret = ? WHERE id = ?').run(Buffer.from('not a sealed secret'), accountId);
    desk = await restart();
    await expect.poll(async () => (await account()).health.state, { timeout: 10_000 }).toBe('error');
    expect((await account()).health.lastError?.text).toMatch(/saved password could not be read.*Settings/);
    expect((await desk.call('accounts.settings', { accountId })).samePassword).toBe(false);
    await expect(desk.call('accounts.update', update({ imap: 'new-secret', smtp: '' }, 'Acme Help'))).rejects.toThrow(/conflict: The saved password could not be read/);
    const result = await desk.call('accounts.update', update({ imap: 'new-secret', smtp: 'new-secret' }, 'Acme Help'));
    expect(result.ok).toBe(true);
    await expect.poll(async () => (await account()).health.state, { timeout: 30_000 }).toBe('connected');
    expect(await inboxSize()).toBe(4);
  }, 60_000);

  it('refuses what it cannot change, in plain words', async () => {
    await expect(desk.call('accounts.update', { ...update({ imap: '', smtp: '' }), accountId: accountId + 100 })).rejects.toThrow(/not-found: That account no longer exists/);
    const withHost = { ...update({ imap: '', smtp: '' }), imap: { host: 'elsewhere.example', port: dovecot.port, security: 'none', password: '' } };
    // The IMAP host says which mailbox the cache mirrors: not an editable field, so the message is malformed.
    await expect(callCore(desk.core, 'accounts.update', withHost as unknown as AccountUpdateInput)).rejects.toThrow(/bad-request/);
    const demo = await desk.call('workspace.openDemo', {});
    await expect(desk.call('accounts.settings', { accountId: demo.id })).rejects.toThrow(/conflict: The demo workspace has no server settings/);
  });
});
