/**
 * The walking skeleton end to end: connect a real Dovecot account through the
 * UI (a wrong password first, explained in plain words), see the seeded mail
 * listed newest first, open one, and see new mail arrive by IDLE.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { screenshotPath, startCoreHost } from './support/core-host.ts';
import type { CoreHost } from './support/core-host.ts';

const user = 'agent@example.test';
const password = 'correct-horse';
let dovecot: DovecotServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let host: CoreHost;

function mail(n: number, subject: string, minutesAgo: number, html = false): string {
  const date = new Date(Date.now() - minutesAgo * 60_000).toUTCString();
  const head = [`From: Customer ${n} <customer${n}@shop.example>`, `To: ${user}`, `Subject: ${subject}`, `Date: ${date}`, `Message-ID: <seed-${n}@shop.example>`, 'MIME-Version: 1.0'];
  if (!html) return [...head, 'Content-Type: text/plain; charset=utf-8', '', `Hello, this is message number ${n}.`, ''].join('\r\n');
  return [...head, 'Content-Type: text/html; charset=utf-8', '', `<p>Hello <b>from HTML</b> ${n}</p><img src="https://tracker.example/pixel-${n}.gif"><script>window.parent.pwned=1</script>`, ''].join('\r\n');
}

test.beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user, password }] });
  smtp = await startSmtpSink({ users: [{ user, password }] });
  for (let n = 1; n <= 12; n++) await dovecot.append(user, 'INBOX', mail(n, `Seeded order question #${n}`, 100 - n, n === 12));
  host = await startCoreHost();
});

test.afterAll(async () => {
  await host?.stop();
  await smtp?.stop();
  await dovecot?.stop();
});

async function fillSettings(page: Page, imapPassword: string) {
  await page.getByTestId('account-name').fill('Acme Support');
  await page.getByTestId('account-email').fill(user);
  await page.getByTestId('imap-host').fill('127.0.0.1');
  await page.getByTestId('imap-security').selectOption('none');
  await page.getByTestId('imap-port').fill(String(dovecot.port));
  await page.getByTestId('imap-user').fill(user);
  await page.getByTestId('imap-password').fill(imapPassword);
  await page.getByTestId('smtp-host').fill('127.0.0.1');
  await page.getByTestId('smtp-security').selectOption('none');
  await page.getByTestId('smtp-port').fill(String(smtp.port));
  await page.getByTestId('smtp-user').fill(user);
  await page.getByTestId('smtp-password').fill(password);
}

test('connect a Dovecot account through the UI and read its mail', async ({ page }) => {
  const remoteRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('tracker.example')) remoteRequests.push(r.url());
  });
  await page.goto(host.url);
  await page.getByTestId('connect-mailbox').click();
  await fillSettings(page, 'wrong-password');
  await page.getByTestId('test-connection').click();
  await expect(page.getByTestId('imap-check')).toContainText(/user name or password/i);
  await expect(page.getByTestId('smtp-check')).toBeVisible();
  await page.screenshot({ path: screenshotPath('connect-wrong-password') });

  await page.getByTestId('imap-password').fill(password);
  await page.getByTestId('connect').click();

  const rows = page.getByTestId('message-row');
  await expect(rows).toHaveCount(12, { timeout: 30_000 });
  await expect(rows.first()).toContainText('Seeded order question #12');
  await expect(rows.last()).toContainText('Seeded order question #1');
  await expect(page.getByTestId('account-health').first()).toContainText(/connected/i);
  await page.screenshot({ path: screenshotPath('dovecot-list') });

  await rows.nth(1).click();
  await expect(page.getByTestId('reading-subject')).toHaveText('Seeded order question #11');
  await expect(page.getByTestId('reading-pane')).toContainText('This is message number 11'.replace('This', 'this'));

  await rows.first().click();
  const frame = page.frameLocator('[data-testid="mail-frame"]');
  await expect(frame.locator('b')).toHaveText('from HTML');
  await expect(page.getByTestId('show-images')).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await page.screenshot({ path: screenshotPath('dovecot-reading-html') });
  expect(remoteRequests).toEqual([]);

  await dovecot.append(user, 'INBOX', mail(13, 'Arrived while watching', 0));
  await expect(rows.first()).toContainText('Arrived while watching', { timeout: 20_000 });
});
