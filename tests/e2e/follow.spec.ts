/**
 * Following a conversation in the demo workspace: the triage bar's Follow
 * (or `w`) marks it, the choice is team state kept by core (still there
 * after a reload), and Undo takes it back like any triage action.
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

test('an agent follows a conversation, and stops following it', async ({ page }) => {
  await page.goto(host.url);
  const rows = page.getByTestId('message-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await rows.nth(1).click();
  const subject = await page.getByTestId('reading-subject').innerText();
  const follow = page.getByTestId('triage-follow');
  await expect(follow).toHaveText('Follow');
  await expect(follow).toHaveAttribute('aria-pressed', 'false');

  await follow.click();
  await expect(follow).toHaveText('Following');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('undo-summary')).toHaveText('Following: you hear when the customer writes');
  await page.screenshot({ path: screenshotPath('triage-following') });

  await page.reload();
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await rows.nth(1).click();
  await expect(page.getByTestId('reading-subject')).toHaveText(subject);
  await expect(follow).toHaveText('Following');

  // `w` from the list toggles it; `z` undoes that.
  await rows.nth(1).focus();
  await page.keyboard.press('w');
  await expect(follow).toHaveText('Follow');
  await page.keyboard.press('z');
  await expect(follow).toHaveText('Following');
});
