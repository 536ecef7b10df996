/**
 * Conversations, search and the contact panel against a real mailbox:
 * search by word and by from:, open a result, import contact attributes from
 * a CSV through the UI and see them in the contact panel, merge and unmerge
 * two contacts, split a conversation and merge it back.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { buildMail } from '../support/mail-fixtures.ts';
import { startDovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import type { DovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import { screenshotPath } from './support/core-host.ts';

const support = 'Acme Support <agent@example.test>';
const alice = 'Alice Example <alice@shop.example>';
const minutesAgo = (m: number): Date => new Date(Date.now() - m * 60_000);

const firstText = 'Hello,\n\nthe flamingo lamp I ordered (order 4711) arrived with a cracked shade.\nCan you send a replacement?\n\nThanks,\nAlice';
const replyText = 'Hi Alice,\n\nsorry about that! A new shade is on its way.\n\nBest,\nAcme Support';

function seed(): Buffer[] {
  return [
    buildMail({ from: alice, to: support, subject: 'Broken flamingo lamp', messageId: 'lamp-1@shop.example', date: minutesAgo(300), text: firstText }),
    buildMail({
      from: support,
      to: alice,
      subject: 'Re: Broken flamingo lamp',
      messageId: 'lamp-2@example.test',
      inReplyTo: 'lamp-1@shop.example',
      references: ['lamp-1@shop.example'],
      date: minutesAgo(240),
      text: `${replyText}\n\nOn Monday, Alice Example wrote:\n${firstText.split('\n').map((l) => `> ${l}`).join('\n')}\n`,
    }),
    buildMail({
      from: alice,
      to: support,
      subject: 'Re: Broken flamingo lamp',
      messageId: 'lamp-3@shop.example',
      inReplyTo: 'lamp-2@example.test',
      references: ['lamp-1@shop.example', 'lamp-2@example.test'],
      date: minutesAgo(180),
      text: `Thank you! Unrelated: can I also return the teapot?\n\n${replyText.split('\n').map((l) => `> ${l}`).join('\n')}\n\n-- \nAlice Example\nhttps://shop.example/alice\n`,
    }),
    buildMail({ from: 'Bob Builder <bob@builder.example>', to: support, subject: 'Quarterly invoice request', date: minutesAgo(120), text: 'Hi, please send the quarterly invoice for our account. Bob' }),
    buildMail({ from: 'Alice Example <alice.private@home.example>', to: support, subject: 'Gift card question', date: minutesAgo(60), text: 'Does the gift card expire? (writing from my home address)' }),
    buildMail({ from: 'Carol Jones <carol@jones.example>', to: support, subject: 'Where is my parcel?', date: minutesAgo(30), text: 'My parcel has not arrived yet.' }),
  ];
}

let workspace: DovecotWorkspace;

test.beforeAll(async () => {
  workspace = await startDovecotWorkspace();
  await workspace.deliver(seed());
});

test.afterAll(async () => {
  await workspace?.stop();
});

async function search(page: Page, query: string): Promise<void> {
  await page.getByTestId('message-list').focus();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(query);
  await expect(page.getByTestId('message-list')).toHaveAttribute('aria-busy', 'false');
}

test('search, contact panel with imported attributes, contact merge, split and merge', async ({ page }) => {
  // Threading: the three lamp messages are one conversation; four conversations in all.
  await workspace.connect(page, 4);
  const rows = page.getByTestId('message-row');
  const lampRow = rows.filter({ hasText: 'Broken flamingo lamp' });
  await expect(lampRow).toContainText('#');
  await expect(lampRow.locator('.row-count')).toHaveText('3');
  await page.screenshot({ path: screenshotPath('conversations-list') });

  // Search by a word from the body: one hit, the word highlighted as <mark>.
  await search(page, 'flamingo');
  await expect(page.getByTestId('message-list')).toHaveAttribute('data-mode', 'search');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Broken flamingo lamp');
  await expect(rows.first().locator('mark.hit').first()).toHaveText(/flamingo/i);
  await page.screenshot({ path: screenshotPath('conversations-search-word') });

  // Search by sender.
  await search(page, 'from:bob@builder.example');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Quarterly invoice request');
  await page.screenshot({ path: screenshotPath('conversations-search-from') });

  // Open a result with the keyboard: the conversation, oldest first, quotes folded.
  await search(page, 'flamingo');
  await expect(rows).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reading-subject')).toHaveText('Broken flamingo lamp');
  const ticket = (await page.getByTestId('reading-ticket').innerText()).trim();
  expect(ticket).toMatch(/^#[A-Z0-9]{6}$/);
  const messages = page.getByTestId('conversation-message');
  await expect(messages).toHaveCount(3);
  await expect(messages.nth(0)).toContainText('cracked shade');
  await expect(messages.nth(1)).toHaveAttribute('data-outgoing', 'true');
  await expect(messages.nth(1).getByTestId('agent-reply')).toBeVisible();
  const lastMessage = messages.nth(2);
  await expect(lastMessage).toContainText('return the teapot');
  // The quote of the agent's reply is folded behind "…" until asked for.
  await expect(lastMessage.getByTestId('text-body')).not.toContainText('A new shade is on its way');
  await lastMessage.locator('[data-testid="fold-toggle"][data-kind="quote"]').click();
  await expect(lastMessage.getByTestId('folded-text')).toContainText('A new shade is on its way');

  // Esc leaves the search; the conversation stays open.
  await page.getByTestId('message-list').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await expect(rows).toHaveCount(4);

  // The contact panel, then a CSV import through the UI (one good row, one bad).
  const panel = page.getByTestId('contact-panel');
  await expect(panel.getByTestId('contact-name')).toHaveText('Alice Example');
  await expect(panel.getByTestId('contact-address')).toHaveText(['alice@shop.example']);
  await panel.getByTestId('import-csv-file').setInputFiles({
    name: 'crm-export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('email,segment,purchase amount\nALICE@shop.example,Enterprise,"12,480.00"\nnot-an-address,SMB,10\n'),
  });
  const result = page.getByTestId('csv-result');
  await expect(result.getByTestId('csv-updated')).toHaveText('1');
  await expect(result.getByTestId('csv-skipped')).toHaveText('1');
  await expect(result).toContainText('Line 3');
  await page.screenshot({ path: screenshotPath('conversations-csv-result') });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(panel.locator('[data-testid="contact-attribute"][data-key="segment"] td')).toHaveText('Enterprise');
  await expect(panel.locator('[data-testid="contact-attribute"][data-key="purchase amount"] td')).toHaveText('12,480.00');

  // A tag, added through the panel.
  await panel.getByTestId('tag-input').fill('vip');
  await panel.getByTestId('tag-input').press('Enter');
  await expect(panel.getByTestId('contact-tag')).toHaveCount(1);
  await expect(panel.getByTestId('contact-tag')).toContainText('vip');
  await page.screenshot({ path: screenshotPath('conversations-contact-panel') });

  // Merge Alice's home address into this contact: both addresses, both conversations on one card.
  await panel.getByTestId('merge-contact').click();
  await page.getByTestId('contact-merge-search').fill('alice.private');
  await page.getByTestId('contact-merge-candidate').filter({ hasText: 'alice.private@home.example' }).click();
  await page.getByTestId('confirm-contact-merge').click();
  await expect(panel.getByTestId('contact-address')).toHaveCount(2);
  await expect(panel.getByTestId('contact-address').nth(1)).toContainText('alice.private@home.example');
  await expect(panel.getByTestId('contact-conversation')).toHaveCount(2);
  await expect(panel.getByTestId('contact-conversation').filter({ hasText: 'Gift card question' })).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('conversations-contact-merged') });

  // ...and take it out again.
  await panel.getByTestId('contact-address').nth(1).getByTestId('unmerge-address').click();
  await expect(panel.getByTestId('contact-address')).toHaveCount(1);
  await expect(panel.getByTestId('contact-conversation')).toHaveCount(1);

  // Split the teapot question off into a conversation of its own.
  await lastMessage.getByTestId('split-message').click();
  await page.getByRole('dialog').getByTestId('confirm').click();
  await expect(page.getByTestId('reading-ticket')).not.toHaveText(ticket);
  await expect(page.getByTestId('conversation-message')).toHaveCount(1);
  await expect(page.getByTestId('conversation-message').first()).toContainText('return the teapot');
  const splitTicket = (await page.getByTestId('reading-ticket').innerText()).trim();
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: splitTicket })).toHaveCount(1);
  await expect(rows.filter({ hasText: ticket }).locator('.row-count')).toHaveText('2');
  await page.screenshot({ path: screenshotPath('conversations-split') });

  // Merge it back, picking the original by its ticket number. With the customer beside it the
  // conversation is too narrow for every action in a row: merging is under "More".
  await page.getByTestId('more-actions').click();
  await page.getByTestId('more-merge-conversation').click();
  await page.getByTestId('merge-search').fill(ticket);
  await page.getByTestId('merge-candidate').filter({ hasText: ticket }).first().click();
  await expect(page.getByTestId('merge-summary')).toContainText(ticket);
  await page.getByTestId('confirm-merge').click();
  await expect(page.getByTestId('reading-ticket')).toHaveText(ticket);
  await expect(page.getByTestId('conversation-message')).toHaveCount(3);
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: splitTicket })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('conversations-merged-back') });
});
