/**
 * What an agent sees of sync: progress with counts while a mailbox of a few
 * thousand messages comes down, and a plain-words "offline" when the server
 * goes away — then recovery when it is back.
 */
import { expect, test } from '@playwright/test';
import { agentUser, startDovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import type { DovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import { screenshotPath } from './support/core-host.ts';

const MESSAGES = 4000;
let ws: DovecotWorkspace;

function mail(n: number): string {
  const date = new Date(Date.UTC(2026, 9, 1) + n * 60_000).toUTCString();
  return [
    `From: Customer ${n % 300} <customer${n % 300}@shop.example>`,
    `To: ${agentUser}`,
    `Subject: Question ${n} about order NW-${10000 + n}`,
    `Date: ${date}`,
    `Message-ID: <bulk-${n}@shop.example>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is question number ${n}. `.repeat(20),
    '',
  ].join('\r\n');
}

test.beforeAll(async () => {
  ws = await startDovecotWorkspace();
  await ws.dovecot.withClient(agentUser, async (client) => {
    for (let n = 1; n <= MESSAGES; n++) await client.append('INBOX', mail(n));
  });
});

test.afterAll(async () => {
  await ws?.stop();
});

test('sync progress while the mailbox comes down, offline when the server stops, back when it returns', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(ws.host.url);
  await page.getByTestId('connect-mailbox').click();
  await page.getByTestId('account-name').fill('Acme Support');
  await page.getByTestId('account-email').fill(agentUser);
  await page.getByTestId('imap-host').fill('127.0.0.1');
  await page.getByTestId('imap-security').selectOption('none');
  await page.getByTestId('imap-port').fill(String(ws.dovecot.port));
  await page.getByTestId('imap-user').fill(agentUser);
  await page.getByTestId('imap-password').fill('correct-horse');
  await page.getByTestId('smtp-host').fill('127.0.0.1');
  await page.getByTestId('smtp-security').selectOption('none');
  await page.getByTestId('smtp-port').fill(String(ws.smtp.port));
  await page.getByTestId('smtp-user').fill(agentUser);
  await page.getByTestId('smtp-password').fill('correct-horse');
  await page.getByTestId('connect').click();

  const progress = page.getByTestId('sync-progress');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(progress).toHaveText(/\d[\d,.]* of [\d,.]+/);
  // The account's details sit below the folder list; the pinned status line keeps the sync in sight.
  const status = page.getByTestId('sync-status');
  await expect(status).toBeInViewport();
  await expect(status).toHaveAttribute('data-state', 'syncing');
  await expect(status).toContainText(/Acme Support: Syncing/);
  await expect(status).toContainText(/\d[\d,.]* of [\d,.]+/);
  // While the first listing runs, an empty list says mail is on its way, never that there is none.
  await expect(page.getByTestId('list-still-listing').or(page.getByTestId('message-row').first())).toBeVisible();
  await expect(page.getByText('No conversations here.')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('sync-progress') });
  // The inbox is usable while the rest is still coming down.
  await expect(page.getByTestId('message-row').first()).toBeVisible({ timeout: 30_000 });

  const health = page.getByTestId('account-health').first();
  await expect(health).toHaveAttribute('data-state', 'connected', { timeout: 120_000 });
  // Connected and idle: nothing to report, the line takes no room.
  await expect(status).toHaveCount(0);
  // Counts read as the agent's locale writes them, not as a bare "4000".
  await expect(page.getByTestId('drawer-inbox').getByTestId('drawer-count')).toHaveText('4,000');

  await ws.dovecot.halt();
  await expect(health).toHaveAttribute('data-state', 'offline', { timeout: 60_000 });
  await expect(health).toContainText(/offline/i);
  await expect(status).toBeInViewport();
  await expect(status).toHaveAttribute('data-state', 'offline');
  await expect(status).toContainText(/Acme Support: Offline/);
  await page.screenshot({ path: screenshotPath('sync-offline') });
  await expect(health.getByTestId('sync-retry')).toBeVisible();
  await expect(health.getByTestId('edit-account')).toHaveText('Settings');
  // When the mail on screen was last brought up to date, as a time ("just now", "2 min ago"), not a state ("now").
  await expect(health.getByTestId('account-last-sync')).toHaveText(/^Last synced (just now|\d+ min\.? ago)$/);
  await page.getByTestId('account-item').first().screenshot({ path: screenshotPath('sync-offline-account') });

  await ws.dovecot.resume();
  await expect(health).toHaveAttribute('data-state', 'connected', { timeout: 90_000 });
  await expect(status).toHaveCount(0);
});
