/**
 * Search beyond the mail: an internal note's words find its conversation,
 * and the row says the match is in a note.
 *
 * Smart folders: a search saved for the team shows in the sidebar with how
 * many conversations it finds, opens as the list of what matches now (a conversation marked done leaves a
 * `status:pending` folder), survives a reload, and can be deleted.
 */
import { expect, test } from '@playwright/test';
import { screenshotPath, startCoreHost } from './support/core-host.ts';
import type { CoreHost } from './support/core-host.ts';

let host: CoreHost | null = null;
test.afterEach(async () => {
  await host?.stop();
  host = null;
});

const QUERY = 'refund status:pending';

test('save a search as a smart folder, open it from the sidebar, watch it follow the triage, delete it', async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.goto(host.url);
  const rows = page.getByTestId('message-row');
  await expect(rows.first()).toBeVisible();

  await page.getByRole('searchbox').fill(QUERY);
  await expect(page.getByTestId('message-list')).toHaveAttribute('data-mode', 'search');
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('smart-folder-new').click();
  await page.getByTestId('smart-folder-name').fill('Refunds to answer');
  await page.getByTestId('smart-folder-save').click();
  const folder = page.getByTestId('smart-folder').filter({ hasText: 'Refunds to answer' });
  await expect(folder).toBeVisible();
  await expect(page.getByTestId('list-title')).toHaveText('Refunds to answer');
  await expect(folder).toHaveAttribute('aria-current', 'page');
  const matching = Number(await page.getByTestId('message-list').getAttribute('data-total'));
  expect(matching).toBeGreaterThan(1);
  expect(matching).toBeLessThan(50);
  // The sidebar counts what it finds, like a drawer.
  await expect(folder.getByTestId('smart-folder-count')).toHaveText(String(matching));

  // A drawer chosen leaves the search; the folder brings it back.
  await page.getByTestId('drawer-inbox').click();
  await expect(page.getByTestId('message-list')).toHaveAttribute('data-mode', 'browse');
  await expect(page.getByTestId('drawer-inbox')).toHaveAttribute('aria-current', 'page');
  await expect(folder).not.toHaveAttribute('aria-current', 'page');
  await folder.click();
  await expect(page.getByTestId('list-title')).toHaveText('Refunds to answer');
  await expect(page.getByRole('searchbox')).toHaveValue(QUERY);
  await expect(page.getByTestId('message-list')).toHaveAttribute('data-total', String(matching));
  await page.screenshot({ path: screenshotPath('smart-folder') });

  // Marked done, a conversation no longer matches status:pending and leaves the folder.
  await rows.first().click();
  const subject = await page.getByTestId('reading-subject').innerText();
  await page.getByTestId('reading-pane').getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.getByTestId('message-list')).toHaveAttribute('data-total', String(matching - 1));
  await expect(folder.getByTestId('smart-folder-count')).toHaveText(String(matching - 1));
  expect(subject.length).toBeGreaterThan(0);

  // Team state in core: still there after a reload, and renamed in place.
  await page.reload();
  await expect(folder).toBeVisible();
  await folder.click();
  await page.getByTestId('smart-folder-rename').click();
  await page.getByTestId('smart-folder-name').fill('Refunds waiting on us');
  await page.getByTestId('smart-folder-save').click();
  await expect(page.getByTestId('smart-folder')).toHaveText(/^Refunds waiting on us/);
  await expect(page.getByTestId('list-title')).toHaveText('Refunds waiting on us');
  await page.getByTestId('smart-folder-delete').click();
  await page.getByRole('dialog').getByTestId('confirm').click();
  await expect(page.getByTestId('smart-folder')).toHaveCount(0);
  await expect(page.getByTestId('smart-folder-new')).toBeVisible();
});

test("an internal note's words find its conversation, and the row says so", async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.goto(host.url);
  const rows = page.getByTestId('message-row');
  await rows.first().click();
  const subject = await page.getByTestId('reading-subject').innerText();
  await page.getByTestId('note-input').fill('Depot confirms the parcel went to the wrong wombat address');
  await page.getByTestId('note-add').click();
  await expect(page.getByTestId('activity-note').filter({ hasText: 'wombat' })).toBeVisible();
  await page.getByRole('searchbox').fill('wombat');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(subject);
  await expect(rows.first().getByTestId('row-note-match')).toHaveText('Internal note:');
  await expect(rows.first()).toContainText('wrong wombat address');
  await page.screenshot({ path: screenshotPath('search-note-match') });
});
