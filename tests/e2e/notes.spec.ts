/**
 * An agent corrects and deletes their own internal note in the demo
 * workspace: Edit opens the text in place (Ctrl+Enter saves, Esc leaves it
 * as it was), the note then says "edited", and Delete asks first. Search
 * follows the note's words.
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

test('an agent edits and deletes their own note', async ({ page }) => {
  await page.goto(host.url);
  const rows = page.getByTestId('message-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await rows.nth(2).click();
  await page.getByTestId('note-input').fill('Depot says parcel 4471 left on Monday');
  await page.getByTestId('note-add').click();
  const added = page.getByTestId('activity-note').filter({ hasText: 'parcel 4471' });
  await expect(added).toBeVisible();
  // Found by its id from here on: while it is edited, its text is in a textarea, not in the card.
  const note = page.locator(`[data-note-id="${await added.getAttribute('data-note-id')}"]`);
  await expect(note.getByTestId('note-edited')).toHaveCount(0);

  // Esc leaves the note as it was, and the conversation open.
  await note.getByTestId('note-edit').click();
  const input = note.getByTestId('note-edit-input');
  await expect(input).toBeFocused();
  await input.fill('something else entirely');
  await input.press('Escape');
  await expect(note).toContainText('parcel 4471 left on Monday');
  await expect(page.getByTestId('reading-subject')).toBeVisible();

  await note.getByTestId('note-edit').click();
  await input.fill('Depot says parcel 4417 left on Tuesday');
  await page.screenshot({ path: screenshotPath('note-editing') });
  await input.press('ControlOrMeta+Enter');
  const edited = note.filter({ hasText: 'parcel 4417 left on Tuesday' });
  await expect(edited.getByTestId('note-edited')).toHaveText('edited');
  await edited.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('note-edited') });

  await page.getByRole('searchbox').fill('4417');
  await expect(rows).toHaveCount(1);
  await page.getByRole('searchbox').fill('4471');
  await expect(page.getByTestId('search-empty')).toBeVisible();
  await page.getByRole('searchbox').fill('');

  await edited.getByTestId('note-delete').click();
  await page.getByRole('dialog').getByTestId('confirm').click();
  await expect(page.getByTestId('activity-note').filter({ hasText: 'parcel 4417' })).toHaveCount(0);
});
