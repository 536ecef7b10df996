/**
 * What a newcomer sees: `npm start` (browser mode with --demo) shows the demo
 * conversations; a fresh workspace without it shows the first-run choice, and
 * the demo can be opened from there and removed again.
 */
import { expect, test } from '@playwright/test';
import { screenshotPath, startCoreHost } from './support/core-host.ts';
import type { CoreHost } from './support/core-host.ts';

let host: CoreHost | null = null;
test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('npm start in browser mode shows the demo conversations', async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.goto(host.url);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  const rows = page.getByTestId('message-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(10);
  await page.screenshot({ path: screenshotPath('demo-list') });
});

test('first run offers the demo; it opens, reads, and can be removed', async ({ page }) => {
  host = await startCoreHost();
  await page.goto(host.url);
  await expect(page.getByTestId('open-demo')).toBeVisible();
  await expect(page.getByTestId('connect-mailbox')).toBeVisible();
  await page.screenshot({ path: screenshotPath('first-run') });

  await page.getByTestId('open-demo').click();
  const rows = page.getByTestId('message-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const subject = (await rows.first().innerText()).split('\n').find((l) => l.trim().length > 3) ?? '';
  await rows.first().click();
  await expect(page.getByTestId('reading-pane')).toBeVisible();
  await expect(page.getByTestId('reading-subject')).not.toBeEmpty();
  expect(subject.length).toBeGreaterThan(0);
  await page.screenshot({ path: screenshotPath('demo-reading') });

  // Keyboard: j moves to the next message and opens it.
  const before = await page.getByTestId('reading-subject').innerText();
  await page.keyboard.press('j');
  await expect(page.getByTestId('reading-subject')).not.toHaveText(before);

  await page.getByTestId('remove-demo').click();
  await expect(page.getByRole('dialog')).toContainText('Remove the demo workspace?');
  await page.getByRole('dialog').getByRole('button', { name: 'Remove demo', exact: true }).click();
  await expect(page.getByTestId('open-demo')).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
});

test('a demo reply offers the demo\'s templates, filled in for the customer', async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.goto(host.url);
  const row = page.getByTestId('message-row').filter({ hasText: 'Chloe Mitchell' }).first();
  await row.click();
  await page.keyboard.press('r');
  const body = page.getByTestId('composer').getByTestId('composer-body');
  await expect(body).toBeFocused();
  await page.keyboard.type(';;');
  const options = page.getByTestId('template-option');
  await expect(options).toHaveCount(5);
  // Paragraphs read as a sentence in the preview, not run together.
  await expect(options.filter({ hasText: 'Refund issued' })).toContainText('Hi {CLIENT_NAME}, I have just released your refund');
  await page.getByTestId('template-search').fill('refund');
  await page.keyboard.press('Enter');
  const ticket = (await page.getByTestId('reading-pane').getByText(/^#[0-9A-Z]{6}$/).first().innerText()).trim();
  await expect(body).toContainText('Hi Chloe,');
  await expect(body).toContainText(`I have just released your refund for ${ticket}.`);
  await page.screenshot({ path: screenshotPath('demo-template-inserted') });

  // Reply settings say that these are the demo's, not the team's.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Reply settings' }).click();
  await page.getByTestId('template-item').filter({ hasText: 'Refund issued' }).click();
  await expect(page.getByTestId('template-demo-note')).toContainText('not shared with your team');
  await page.screenshot({ path: screenshotPath('demo-template-settings') });
});

test('a conversation from the shop’s contact form is the customer’s, and a reply goes to them', async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.goto(host.url);
  await expect(page.getByTestId('message-row').first()).toBeVisible();
  await page.getByTestId('message-list').focus();
  await page.keyboard.press('/');
  await page.keyboard.type('"contact form on northwind"');
  const rows = page.getByTestId('message-row');
  await expect(page.getByTestId('message-list')).toHaveAttribute('aria-busy', 'false');
  expect(await rows.count()).toBeGreaterThan(5);
  // No row is the website's: each names the customer who filled in the form.
  await expect(rows.filter({ hasText: 'Northwind Outfitters website' })).toHaveCount(0);
  await rows.first().click();

  const form = page.getByTestId('conversation-message').first();
  await expect(form).toContainText('Northwind Outfitters website');
  // Older messages are folded to one line; opening the form's shows whom it asks to be answered.
  await form.click();
  await expect(form).toContainText('Reply to');
  const replyTo = (await form.innerText()).match(/Reply to ([^<\n]+?) <([^>]+)>/);
  if (!replyTo) throw new Error('the form message shows whom to reply to');
  const [, name, address] = replyTo;
  const panel = page.getByTestId('contact-panel');
  await expect(panel.getByTestId('contact-name')).toHaveText(name ?? '');
  await expect(panel.getByTestId('contact-address')).toHaveText([address ?? '']);
  await page.screenshot({ path: screenshotPath('demo-contact-form') });

  await page.keyboard.press('Escape');
  await page.getByTestId('message-list').focus();
  await page.keyboard.press('r');
  await expect(page.getByTestId('composer')).toContainText(address ?? '');
  await expect(page.getByTestId('composer')).not.toContainText('noreply@');
});

test('the rules dialog says the demo gets no new mail for rules to act on', async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.goto(host.url);
  await expect(page.getByTestId('message-row').first()).toBeVisible();
  await page.getByTestId('open-rules').click();
  await expect(page.getByTestId('rules-demo-note')).toContainText('receives no new mail');
});

test('a page opened without the launch token cannot reach core', async ({ page }) => {
  host = await startCoreHost({ demo: true });
  await page.goto(host.url.replace(/#.*$/, ''));
  await expect(page.getByTestId('message-row')).toHaveCount(0);
  await expect(page.getByText(/npm start/)).toBeVisible();
});
