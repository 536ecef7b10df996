/**
 * A laptop's screen, or a window tiled to half of one (Electron allows
 * 720 × 480): the conversation keeps a readable width, the customer panel
 * lies over it instead of squeezing it, the drawers fold behind ☰, the
 * toolbar's less frequent actions go under "More", and a reply's Send
 * button stays in sight without the workspace ever scrolling away.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { screenshotPath, startCoreHost } from './support/core-host.ts';
import type { CoreHost } from './support/core-host.ts';

let host: CoreHost | null = null;
test.afterEach(async () => {
  await host?.stop();
  host = null;
});

/** How far the workspace and its frame have been scrolled (a shell that scrolls hides the drawers and the list). */
async function shellScroll(page: Page): Promise<number[]> {
  const scrollTop = (selector: string): Promise<number> => page.locator(selector).evaluate((element) => (element as unknown as { scrollTop: number }).scrollTop);
  return Promise.all([scrollTop('.workspace'), scrollTop('.app-main')]);
}

async function inViewport(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
}

test('in a 1024 × 640 window the conversation keeps its width and Send stays in sight', async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(host.url);
  const rows = page.getByTestId('message-row');
  await rows.nth(2).click();
  const reading = page.getByTestId('reading-pane');
  await expect(page.getByTestId('reading-subject')).not.toBeEmpty();

  // The customer is not a fourth column here: the conversation has the rest of the window.
  await expect(page.getByTestId('contact-panel')).toHaveCount(0);
  const width = (await reading.boundingBox())?.width ?? 0;
  expect(width).toBeGreaterThan(440);

  // Ten actions do not fit in a row: the less frequent ones are under "More", keyboard included.
  await expect(page.getByTestId('archive-conversation')).toBeHidden();
  const more = page.getByTestId('more-actions');
  await more.click();
  const menu = page.getByTestId('more-actions-menu');
  await expect(menu.getByRole('menuitem')).toHaveText(['Forward to a colleague', 'Share', 'Delegate…', 'Log a call', 'Archive', 'Junk', 'Delete', 'Merge into…', 'Print…', 'Show customer']);
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('more-show-contact-panel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();

  // Shown from the menu, the customer lies over the conversation, whose width does not change.
  await more.click();
  await page.getByTestId('more-show-contact-panel').click();
  const panel = page.getByTestId('contact-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveClass(/is-overlay/);
  expect((await reading.boundingBox())?.width).toBe(width);
  await page.screenshot({ path: screenshotPath('narrow-customer-over') });
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  // It was opened for that conversation only: the next one (j) opens without it.
  await more.click();
  await page.getByTestId('more-show-contact-panel').click();
  await expect(panel).toBeVisible();
  const subject = await page.getByTestId('reading-subject').innerText();
  await page.keyboard.press('j');
  await expect(page.getByTestId('reading-subject')).not.toHaveText(subject);
  await expect(panel).toHaveCount(0);
  // And a click on what it covers puts it away, as a drawer does.
  await more.click();
  await page.getByTestId('more-show-contact-panel').click();
  await expect(panel).toBeVisible();
  await page.getByTestId('reading-subject').click({ position: { x: 8, y: 8 } });
  await expect(panel).toHaveCount(0);

  // A reply in a short window: the composer gives way, Send stays on screen, nothing scrolls the shell.
  await page.keyboard.press('r');
  await expect(page.getByTestId('composer-send')).toBeVisible();
  await page.getByTestId('composer-send').scrollIntoViewIfNeeded();
  expect(await inViewport(page, 'composer-send')).toBe(true);
  expect(await shellScroll(page)).toEqual([0, 0]);
  await expect(page.getByTestId('drawer-inbox')).toBeInViewport();
  await page.screenshot({ path: screenshotPath('narrow-reply') });
});

test('in an 800 × 560 window the drawers fold behind ☰ and come back wide', async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.setViewportSize({ width: 800, height: 560 });
  await page.goto(host.url);
  await expect(page.getByTestId('message-row').first()).toBeVisible();

  // Folded away: not on screen and not in the tab order.
  const sidebar = page.getByTestId('sidebar');
  await expect(sidebar).not.toBeInViewport();
  await expect(sidebar).toHaveAttribute('inert', '');
  const toggle = page.getByTestId('sidebar-toggle');
  await toggle.click();
  await expect(sidebar).toBeInViewport();
  // The keyboard lands on what the list shows now (here the "All inboxes" folder).
  await expect(sidebar.locator('[aria-current="page"]')).toBeFocused();
  await page.screenshot({ path: screenshotPath('narrow-drawers'), animations: 'disabled' });

  // Choosing a drawer closes the column and shows that drawer's list.
  await page.getByTestId('drawer-unassigned').click();
  await expect(page.getByTestId('list-title')).toHaveText(/Unassigned/);
  await expect(sidebar).not.toBeInViewport();
  await expect(toggle).toBeFocused();

  // Escape closes it too, and keyboard triage goes on.
  await toggle.click();
  await expect(sidebar).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(sidebar).not.toBeInViewport();

  // Widened again, the drawers are a column and the customer is beside the conversation (the lasting choice).
  await page.setViewportSize({ width: 1360, height: 850 });
  await expect(toggle).toHaveCount(0);
  await expect(sidebar).toBeInViewport();
  await expect(sidebar).not.toHaveAttribute('inert', '');
  await page.getByTestId('message-row').first().click();
  await expect(page.getByTestId('contact-panel')).toBeVisible();
  await expect(page.getByTestId('contact-panel')).not.toHaveClass(/is-overlay/);
});
