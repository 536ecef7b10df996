/**
 * Printing a conversation from the demo workspace: Ctrl+P (and More → Print)
 * open every message before the print dialog, and on paper there is only
 * the conversation, in one long page. The print dialog itself is the
 * browser's: the test counts the calls to it instead of opening it.
 */
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

test('a long conversation prints with every message open, and only the conversation', async ({ page }) => {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { print(): void; printed: number };
    w.printed = 0;
    w.print = () => {
      w.printed += 1;
    };
  });
  await page.goto(host.url);
  const rows = page.getByTestId('message-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  // The demo's longest thread: most of its messages start folded.
  await rows.filter({ hasText: 'Paczka utknęła w transporcie' }).click();
  const messages = page.getByTestId('conversation-message');
  await expect(messages).toHaveCount(15);
  await expect(page.locator('[data-testid="conversation-message"].is-collapsed')).not.toHaveCount(0);
  const printed = () => page.evaluate(() => (globalThis as unknown as { printed: number }).printed);

  await page.keyboard.press('ControlOrMeta+p');
  await expect.poll(printed).toBe(1);
  await expect(page.locator('[data-testid="conversation-message"].is-collapsed')).toHaveCount(0);

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('sidebar')).toBeHidden();
  await expect(page.getByTestId('message-list')).toBeHidden();
  await expect(page.getByTestId('reading-subject')).toBeVisible();
  await expect(page.getByTestId('more-actions')).toBeHidden();
  // One long page: the last message lies below the window, not inside a scrolling pane.
  const last = await messages.last().boundingBox();
  expect(last?.y ?? 0).toBeGreaterThan(page.viewportSize()?.height ?? 0);
  await page.screenshot({ path: screenshotPath('print-conversation'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The same from the toolbar's More menu.
  await page.getByTestId('more-actions').click();
  await page.getByTestId('more-print-conversation').click();
  await expect.poll(printed).toBe(2);
});
