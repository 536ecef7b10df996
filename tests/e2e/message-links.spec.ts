/**
 * The links under each message of a demo conversation. "Show original":
 * the dialog shows the message as its source (headers first, undecoded),
 * copies the headers and saves the exact bytes as a .eml file named after
 * the subject. "Reply" and "Forward" answer or forward that message rather
 * than the conversation's latest, keeping one unsent draft of each kind.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { screenshotPath, startCoreHost } from './support/core-host.ts';
import type { CoreHost } from './support/core-host.ts';

let host: CoreHost;
test.beforeAll(async () => {
  host = await startCoreHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

test('shows a message as the server holds it, and saves it as a .eml file', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(host.url);
  const rows = page.getByTestId('message-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await rows.first().click();
  const message = page.getByTestId('conversation-message').last();
  await message.getByTestId('show-original').click();

  const dialog = page.locator('dialog.original-dialog');
  const source = dialog.getByTestId('original-source');
  await expect(source).toContainText(/^Message-ID: </m);
  await expect(source).toContainText(/^Content-Type: /m);
  await expect(source).toContainText(/^From: /m);
  await page.screenshot({ path: screenshotPath('message-original') });

  await dialog.getByTestId('original-copy').click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Headers copied' })).toBeVisible();
  const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  expect(copied).toMatch(/^Message-ID: </m);
  // Only the header block: it ends before the first empty line.
  expect(copied).not.toMatch(/\r?\n\r?\n/);

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('original-save').click()]);
  expect(download.suggestedFilename()).toMatch(/\.eml$/);
  const saved = fs.readFileSync(await download.path());
  const shown = (await source.textContent()) ?? '';
  // The file is the whole source, byte for byte what the dialog began with.
  expect(saved.toString('utf8').replace(/\r\n/g, '\n').startsWith(shown.slice(0, 200).replace(/\r\n/g, '\n'))).toBe(true);
  expect(saved.includes(Buffer.from('\r\n\r\n'))).toBe(true);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('replies to and forwards the message chosen, not only the latest', async ({ page }) => {
  await page.goto(host.url);
  const rows = page.getByTestId('message-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  // Ute's damage report, then the team's answer: the toolbar's Forward would take the answer.
  await rows.filter({ hasText: 'Ware beschädigt angekommen' }).click();
  const messages = page.getByTestId('conversation-message');
  await expect(messages).toHaveCount(2);
  const composer = page.getByTestId('composer');

  await messages.first().getByTestId('message-forward').click();
  await expect(composer.getByTestId('composer-subject')).toHaveValue(/^Fwd: /);
  await expect(composer.getByTestId('composer-body')).toContainText('From: ute.neumann65@mailhaus.example');
  // Her photo goes along with her mail.
  await expect(composer.getByTestId('composer-attachment')).toHaveText([/Beschädigung\.png/]);
  await composer.getByTestId('composer-close').click();
  await expect(composer).toBeHidden();

  // One unsent forward per conversation: asking to forward the answer opens the one started, and says so.
  await messages.last().getByTestId('message-forward').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your unsent forward from this conversation is open instead' })).toBeVisible();
  await expect(composer.getByTestId('composer-body')).toContainText('From: ute.neumann65@mailhaus.example');
  await composer.getByTestId('composer-discard').click();
  await expect(composer).toBeHidden();
  await messages.last().getByTestId('message-forward').click();
  await expect(composer.getByTestId('composer-body')).toContainText('From: Tom from Northwind');
  await expect(composer.getByTestId('composer-attachment')).toHaveCount(0);
  await composer.getByTestId('composer-discard').click();

  // Reply on the team's own answer goes to whom it was sent to.
  await messages.last().getByTestId('message-reply').click();
  await expect(composer.getByTestId('composer-subject')).toHaveValue(/^Re: /);
  await expect(composer.getByTestId('composer-to').getByTestId('recipient-chip')).toContainText('ute.neumann65@mailhaus.example');
  await page.screenshot({ path: screenshotPath('message-links-reply') });
  await composer.getByTestId('composer-discard').click();
});
