/**
 * The provider resets the mailbox's password: the sidebar says "Authentication
 * failed" in plain words and offers "Update password"; a wrong new password is
 * explained and saves nothing; the right one reconnects the same account, with
 * the same conversations and new mail arriving.
 */
import { expect, test } from '@playwright/test';
import { agentUser, startDovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import type { DovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import { screenshotPath } from './support/core-host.ts';

let ws: DovecotWorkspace;

function mail(n: number, subject: string): string {
  return [
    `From: Customer ${n} <customer${n}@shop.example>`,
    `To: ${agentUser}`,
    `Subject: ${subject}`,
    `Date: ${new Date(Date.UTC(2026, 10, 1) + n * 60_000).toUTCString()}`,
    `Message-ID: <reset-${n}@shop.example>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is message ${n}.`,
    '',
  ].join('\r\n');
}

test.beforeAll(async () => {
  ws = await startDovecotWorkspace();
  await ws.deliver([1, 2, 3].map((n) => mail(n, `Refund question ${n}`)));
});

test.afterAll(async () => {
  await ws?.stop();
});

test('a reset password is explained, and a new one reconnects the same account', async ({ page }) => {
  test.setTimeout(150_000);
  await ws.connect(page, 3);

  ws.dovecot.setPassword(agentUser, 'new-horse');
  ws.smtp.setPassword(agentUser, 'new-horse');
  // An outage ends the open sessions, so the next login meets the new password.
  await ws.dovecot.halt();
  await ws.dovecot.resume();

  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'auth-failed', { timeout: 60_000 });
  await expect(status).toContainText('Acme Support: Authentication failed');
  await expect(status).toContainText(/user name or password/i);
  const health = page.getByTestId('account-health').first();
  await expect(health).toHaveAttribute('data-state', 'auth-failed');
  // Trying the same password again cannot help: the sidebar offers the way out instead.
  await expect(health.getByTestId('sync-retry')).toHaveCount(0);
  const update = health.getByTestId('edit-account');
  await expect(update).toHaveText('Update password');
  await page.screenshot({ path: screenshotPath('account-auth-failed') });
  // The pinned line takes the agent to the account, where the way out is.
  await status.click();
  await expect(update).toBeInViewport();
  // In view and not under the pinned line itself: it is what a click there would reach.
  await expect
    .poll(async () => {
      const box = await update.boundingBox();
      if (!box) return null;
      return page.evaluate(({ x, y }) => {
        // The page's DOM; this file is type-checked without the DOM library.
        const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): { getAttribute(name: string): string | null } | null } }).document;
        return doc.elementFromPoint(x, y)?.getAttribute('data-testid') ?? null;
      }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    })
    .toBe('edit-account');
  await page.locator('.sidebar').screenshot({ path: screenshotPath('account-auth-failed-sidebar') });

  await update.click();
  await expect(page.getByRole('heading', { name: 'Settings of Acme Support' })).toBeVisible();
  await expect(page.getByTestId('edit-account-problem')).toContainText(/user name or password/i);
  await expect(page.getByTestId('imap-host')).toHaveValue('127.0.0.1');
  await expect(page.getByTestId('imap-host')).not.toBeEditable();
  await expect(page.getByTestId('imap-user')).not.toBeEditable();
  await expect(page.getByTestId('imap-password')).toBeFocused();
  await expect(page.getByTestId('imap-password')).toHaveAttribute('placeholder', 'Unchanged (saved)');
  await page.screenshot({ path: screenshotPath('account-edit-open') });

  await page.getByTestId('imap-password').fill('old-typo');
  await page.getByTestId('save-account').click();
  await expect(page.getByTestId('imap-check')).toContainText(/user name or password/i, { timeout: 30_000 });
  await expect(page.getByTestId('save-account')).toBeEnabled();
  await page.screenshot({ path: screenshotPath('account-edit-wrong-password') });

  // One password served both servers, so the new one goes to SMTP too.
  await page.getByTestId('imap-password').fill('new-horse');
  await page.getByTestId('save-account').click();
  await expect(health).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(status).toHaveCount(0);
  const rows = page.getByTestId('message-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('account-item').first()).toContainText('Acme Support');

  await ws.deliver([mail(4, 'Arrived after the reset')]);
  await expect(rows.first()).toContainText('Arrived after the reset', { timeout: 30_000 });
  await expect(rows).toHaveCount(4);
  await page.screenshot({ path: screenshotPath('account-reconnected') });

  // Keyboard first: the palette reaches the settings of every mailbox; Back returns to the list unchanged.
  await page.keyboard.press('ControlOrMeta+k');
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await page.keyboard.type('mailbox settings acme');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Settings of Acme Support' })).toBeVisible();
  await expect(page.getByTestId('edit-account-problem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(rows).toHaveCount(4);
});

test('a German agent reads why the mailbox stopped syncing in German', async ({ browser }) => {
  test.setTimeout(120_000);
  // Runs after the test above: the account exists, its password is 'new-horse'. The provider changes it again.
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(ws.host.url);
  const health = page.getByTestId('account-health').first();
  await expect(health).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });

  ws.dovecot.setPassword(agentUser, 'third-horse');
  await ws.dovecot.halt();
  await ws.dovecot.resume();

  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'auth-failed', { timeout: 60_000 });
  // Core sends the sentence by key; the renderer says it in the agent's language, not core's English.
  await expect(status).toContainText('Acme Support: Anmeldung fehlgeschlagen');
  await expect(status).toContainText('Der Server hat Benutzername oder Passwort abgelehnt.');
  await expect(page.getByTestId('account-error')).toHaveText('Der Server hat Benutzername oder Passwort abgelehnt.');
  await expect(page.locator('.sidebar')).not.toContainText('user name or password');
  await page.locator('.sidebar').screenshot({ path: screenshotPath('account-auth-failed-sidebar-de') });
  // The settings the sidebar leads to keep the reason in sight, in German too.
  await page.getByTestId('account-health').first().getByTestId('edit-account').click();
  await expect(page.getByTestId('edit-account-problem')).toContainText('Der Server hat Benutzername oder Passwort abgelehnt.');
  await page.screenshot({ path: screenshotPath('account-edit-open-de') });
  await context.close();
});
