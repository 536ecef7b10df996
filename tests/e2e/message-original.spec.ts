/**
 * "Show original" on a message of the demo workspace: the dialog shows the
 * message as its source (headers first, undecoded), copies the headers and
 * saves the exact bytes as a .eml file named after the subject.
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
