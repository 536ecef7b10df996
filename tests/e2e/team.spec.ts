/**
 * Two desktops, one shared mailbox: two browser contexts on two core hosts,
 * both connected to the same Dovecot account. Alice starts a reply and Bob
 * sees "Alice is replying"; while her reply waits out its undo window Bob is
 * told it is going out and his send is held back; once it went out and was
 * filed, sending stops him again and shows him what Alice wrote; a follow-up
 * Alice schedules for tomorrow holds him back too, saying when it will go.
 */
import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { connectThroughForm } from './fixtures/dovecot-workspace.ts';
import { screenshotPath, startCoreHost } from './support/core-host.ts';
import type { CoreHost } from './support/core-host.ts';

const mailbox = { user: 'desk@example.test', password: 'shared-secret' };
const subject = 'Cracked flamingo lamp';
let dovecot: DovecotServer;
let smtp: SmtpSink;
let hosts: CoreHost[] = [];

test.beforeAll(async () => {
  dovecot = await startDovecot({ users: [mailbox] });
  smtp = await startSmtpSink({ users: [mailbox] });
  hosts = [await startCoreHost(), await startCoreHost()];
  await dovecot.append(
    mailbox.user,
    'INBOX',
    buildMail({ from: 'Carla Ruiz <carla@shop.example>', to: mailbox.user, subject, messageId: 'lamp@shop.example', date: new Date(Date.now() - 3_600_000), text: 'The lamp arrived cracked.' }),
  );
});

test.afterAll(async () => {
  for (const host of hosts) await host.stop();
  await smtp?.stop();
  await dovecot?.stop();
});

async function desktop(browser: Browser, host: CoreHost, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await connectThroughForm(page, { url: host.url, imapPort: dovecot.port, smtpPort: smtp.port, user: mailbox.user, password: mailbox.password });
  await expect(page.getByTestId('message-row')).toHaveCount(1, { timeout: 45_000 });
  await page.getByTestId('agent-banner-open').click();
  await page.getByTestId('agent-name').fill(name);
  await page.getByTestId('agent-address').fill(`${name.toLowerCase()}@example.test`);
  await page.getByTestId('agent-save').click();
  await expect(page.getByTestId('agent-banner')).toHaveCount(0);
  await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  // The Inbox drawer: rows there carry the triage badges, presence among them.
  await page.getByTestId('drawer-inbox').click();
  await expect(page.getByTestId('message-row')).toHaveCount(1);
  return page;
}

/** Messages in the mailbox's Sent folder, as the server holds them (core makes "Sent" where the server names none). */
async function sentFolderCount(): Promise<number> {
  return dovecot.withClient(mailbox.user, async (client) => {
    const sentFolder = (await client.list()).find((f) => f.specialUse === '\\Sent' || f.path === 'Sent');
    if (!sentFolder) return 0;
    const status = await client.status(sentFolder.path, { messages: true });
    return status ? (status.messages ?? 0) : 0;
  });
}

async function open(page: Page): Promise<void> {
  await page.getByTestId('message-row').filter({ hasText: subject }).click();
  await expect(page.getByTestId('reading-subject')).toHaveText(subject);
}

test('a colleague sees "replying", and is warned before sending after a reply that went out first', async ({ browser }) => {
  const [hostA, hostB] = hosts as [CoreHost, CoreHost];
  const alice = await desktop(browser, hostA, 'Alice');
  const bob = await desktop(browser, hostB, 'Bob');

  await open(alice);
  await alice.getByTestId('reply').click();
  await expect(alice.getByTestId('composer')).toBeVisible();

  // Bob's list and reading view say who is at it, before he starts too.
  const row = bob.getByTestId('message-row').filter({ hasText: subject });
  await expect(row.getByTestId('badge-presence')).toHaveText('Alice is replying', { timeout: 15_000 });
  await open(bob);
  await expect(bob.getByTestId('triage-bar').getByTestId('presence-badge')).toHaveText('Alice is replying');
  await bob.screenshot({ path: screenshotPath('team-presence-replying') });

  await bob.getByTestId('reply').click();
  await expect(bob.getByTestId('composer').getByTestId('composer-body')).toBeFocused();
  await bob.keyboard.type('Hello Carla, a new lamp is on its way.');

  await expect(alice.getByTestId('composer').getByTestId('composer-body')).toBeFocused();
  await alice.keyboard.type('Hi Carla, sorry about that. We will replace it.');
  await alice.getByTestId('composer-send').click();

  // Alice's reply waits out its undo window, in no mailbox yet: Bob is told it is going out, and his send is held back.
  await expect(row.getByTestId('badge-presence')).toHaveText('Alice is sending a reply', { timeout: 8_000 });
  await expect(bob.getByTestId('triage-bar').getByTestId('presence-badge')).toHaveText('Alice is sending a reply');
  await bob.getByTestId('composer-send').click();
  await expect(bob.getByTestId('collision-sending')).toContainText('Alice has a reply to this conversation on its way out.');
  await expect(bob.getByTestId('collision-message')).toHaveCount(0);
  await bob.screenshot({ path: screenshotPath('team-collision-sending') });
  await bob.getByTestId('collision-review').click();
  expect(smtp.messages).toHaveLength(0);

  const sent = await smtp.waitForMail(1, 40_000);
  expect(sent.raw.toString()).toContain('We will replace it.');
  // "Went out first" means filed too: Alice's core appends the copy to Sent just after the SMTP server took it,
  // and Bob's core learns of it from there. Sending in that gap is a race this test does not mean to run.
  await expect.poll(() => sentFolderCount(), { timeout: 20_000 }).toBe(1);

  // Bob sends: nothing leaves; he is shown Alice's reply first.
  await bob.getByTestId('composer-send').click();
  await expect(bob.getByTestId('collision-list')).toBeVisible({ timeout: 20_000 });
  await expect(bob.getByTestId('collision-message')).toContainText('We will replace it');
  await expect(bob.getByTestId('collision-sending')).toHaveCount(0);
  await bob.screenshot({ path: screenshotPath('team-collision-warning') });
  await bob.getByTestId('collision-review').click();
  await expect(bob.getByTestId('composer')).toBeVisible();
  expect(smtp.messages).toHaveLength(1);

  // Alice schedules a follow-up for tomorrow: Bob sees when it will go, and is held back again.
  await alice.getByTestId('reply').click();
  await expect(alice.getByTestId('composer').getByTestId('composer-body')).toBeFocused();
  await alice.keyboard.type('Hi Carla, did the new lamp arrive?');
  await alice.getByTestId('composer').getByTestId('composer-send-later').click();
  await alice.getByTestId('send-later-input').fill(localInputValue(Date.now() + 20 * 3_600_000));
  await alice.getByTestId('send-later-confirm').click();
  // (The conversation left Bob's Inbox drawer when Alice's reply set it to "Waiting on customer": the triage bar says it.)
  await expect(bob.getByTestId('triage-bar').getByTestId('presence-badge')).toContainText('Alice scheduled a reply for', { timeout: 15_000 });
  await bob.getByTestId('composer-send').click();
  await expect(bob.getByTestId('collision-sending')).toContainText('Alice has a reply to this conversation scheduled for');
  await bob.screenshot({ path: screenshotPath('team-collision-scheduled') });
  await bob.getByTestId('collision-review').click();
  expect(smtp.messages).toHaveLength(1);
});

/** The value a datetime-local input takes, in the browser's (and this process's) time zone. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
