/**
 * Moving a conversation's mail between the mailbox's folders from the
 * reading view and the list's bulk bar, checked on the real server: mail the
 * spam filter put in Junk goes back to the Inbox with "Not junk" (two at once,
 * then one), "Delete" moves it to Trash and Undo brings it back, and in
 * Trash "Delete for good" (confirmed) expunges it. The team's reply in Sent
 * stays in Sent through all of it.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { buildMail } from '../support/mail-fixtures.ts';
import { agentUser, startDovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import type { DovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import { screenshotPath } from './support/core-host.ts';

const support = 'Acme Support <agent@example.test>';
const minutesAgo = (m: number): Date => new Date(Date.now() - m * 60_000);

let workspace: DovecotWorkspace;

test.beforeAll(async () => {
  workspace = await startDovecotWorkspace();
  await workspace.deliver([buildMail({ from: 'Bob Builder <bob@builder.example>', to: support, subject: 'Quarterly invoice request', date: minutesAgo(90), text: 'Hi, please send the invoice. Bob' })]);
  await workspace.dovecot.withClient(agentUser, (client) => client.mailboxCreate('Junk'));
  await workspace.dovecot.append(
    agentUser,
    'Junk',
    buildMail({ from: 'Dana Lee <dana@lee.example>', to: support, subject: 'Order 5521 never arrived', messageId: 'dana-1@lee.example', date: minutesAgo(30), text: 'Hello, my order 5521 never arrived. Dana' }),
  );
  await workspace.dovecot.withClient(agentUser, async (client) => {
    if (!(await client.list()).some((box) => box.path === 'Sent')) await client.mailboxCreate('Sent');
  });
  await workspace.dovecot.append(
    agentUser,
    'Sent',
    buildMail({ from: support, to: 'Dana Lee <dana@lee.example>', subject: 'Re: Order 5521 never arrived', messageId: 'reply-dana@example.test', inReplyTo: 'dana-1@lee.example', references: ['dana-1@lee.example'], date: minutesAgo(20), text: 'Hi Dana, we are on it.' }),
    ['\\Seen'],
  );
  for (const [name, id, minutes] of [['Eve Stone', 'eve-1', 40], ['Finn Berg', 'finn-1', 50]] as const) {
    await workspace.dovecot.append(agentUser, 'Junk', buildMail({ from: `${name} <${id}@customer.example>`, to: support, subject: `Refund for ${name}`, messageId: `${id}@customer.example`, date: minutesAgo(minutes), text: 'Where is my refund?' }));
  }
});

test.afterAll(async () => {
  await workspace?.stop();
});

/** Which of the mailbox's folders hold a message with this Message-ID (asked of the server, not the app). */
async function foldersHolding(messageId: string): Promise<string[]> {
  return workspace.dovecot.withClient(agentUser, async (client) => {
    const found: string[] = [];
    for (const box of await client.list()) {
      const lock = await client.getMailboxLock(box.path);
      try {
        const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        if (uids && uids.length > 0) found.push(box.path);
      } finally {
        lock.release();
      }
    }
    return found;
  });
}

/** Runs one of the toolbar's less frequent actions; with the customer beside the conversation they are under "More". */
async function more(page: Page, testId: string): Promise<void> {
  await page.getByTestId('more-actions').click();
  await page.getByTestId(`more-${testId}`).click();
}

async function openFolder(page: Page, role: 'inbox' | 'junk' | 'trash'): Promise<void> {
  await page.getByTestId(`folder-${role}`).click();
}

test('Not junk, Delete, and Delete for good reach the server', async ({ page }) => {
  await workspace.open(page, 1);
  const rows = page.getByTestId('message-row');

  // In Junk: three customers' mail. Two checked (x) go back to the Inbox in one bulk action.
  await openFolder(page, 'junk');
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  await rows.filter({ hasText: 'Refund for Eve Stone' }).click();
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByTestId('bulk-count')).toHaveText('2 selected');
  await expect(page.getByTestId('bulk-junk')).toHaveCount(0);
  await page.getByTestId('bulk-inbox').click();
  await expect(page.getByRole('alert')).toContainText('2 conversations moved to the Inbox');
  await expect(rows).toHaveCount(1);
  await expect.poll(() => foldersHolding('eve-1@customer.example'), { timeout: 20_000 }).toEqual(['INBOX']);
  await expect.poll(() => foldersHolding('finn-1@customer.example'), { timeout: 20_000 }).toEqual(['INBOX']);

  // The last one opened: "Not junk" in the toolbar, and no "Junk" to offer.
  await rows.first().click();
  await expect(page.getByTestId('reading-subject')).toHaveText('Order 5521 never arrived');
  // With the team's reply, which is in Sent: it stays there whatever happens to the conversation.
  await expect(page.getByTestId('conversation-message')).toHaveCount(2);
  await expect(page.getByTestId('inbox-conversation')).toHaveText('Not junk');
  await page.getByTestId('more-actions').click();
  await expect(page.getByTestId('more-junk-conversation')).toHaveCount(0);
  await expect(page.getByTestId('more-archive-conversation')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await page.screenshot({ path: screenshotPath('moves-not-junk') });
  await page.getByTestId('inbox-conversation').click();
  await expect(page.getByRole('alert')).toContainText('moved to the Inbox');
  await expect(rows).toHaveCount(0);
  await expect.poll(() => foldersHolding('dana-1@lee.example'), { timeout: 20_000 }).toEqual(['INBOX']);
  expect(await foldersHolding('reply-dana@example.test')).toEqual(['Sent']);

  // Back in the Inbox it is one of four; Delete moves it to Trash on the server.
  await openFolder(page, 'inbox');
  await expect(rows).toHaveCount(4);
  await rows.filter({ hasText: 'Order 5521 never arrived' }).click();
  await more(page, 'delete-conversation');
  await expect(page.getByRole('alert')).toContainText('moved to Trash');
  await expect(rows).toHaveCount(3);
  // Undo, from the notice: back in the Inbox, and on the server, whether or not the first move got there yet.
  await page.getByTestId('notice-action').click();
  await expect(page.getByRole('alert')).toContainText('Moved back');
  await expect(rows).toHaveCount(4);
  await expect.poll(() => foldersHolding('dana-1@lee.example'), { timeout: 20_000 }).toEqual(['INBOX']);
  // Deleted again with the Delete key, undone with z, deleted again.
  await rows.filter({ hasText: 'Order 5521 never arrived' }).click();
  await page.keyboard.press('Delete');
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('alert')).toContainText('moved to Trash');
  await page.keyboard.press('z');
  await expect(page.getByRole('alert')).toContainText('Moved back');
  await expect(rows).toHaveCount(4);
  await rows.filter({ hasText: 'Order 5521 never arrived' }).click();
  await page.keyboard.press('Delete');
  await expect(rows).toHaveCount(3);
  await expect.poll(() => foldersHolding('dana-1@lee.example'), { timeout: 20_000 }).toEqual(['Trash']);

  // In Trash: Restore is offered, and deleting for good asks first; Cancel keeps the mail.
  await openFolder(page, 'trash');
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  await rows.first().click();
  await expect(page.getByTestId('inbox-conversation')).toHaveText('Restore');
  // The Delete key never deletes for good: it says where that is.
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert')).toContainText('Already in Trash');
  await expect(rows).toHaveCount(1);
  await page.getByTestId('more-actions').click();
  await expect(page.getByTestId('more-delete-conversation')).toHaveCount(0);
  await page.getByTestId('more-purge-conversation').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete this conversation for good?');
  await page.screenshot({ path: screenshotPath('moves-delete-for-good') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(1);
  await more(page, 'purge-conversation');
  await dialog.getByTestId('confirm').click();
  await expect(page.getByRole('alert')).toContainText('deleted for good');
  await expect(rows).toHaveCount(0);
  await expect.poll(() => foldersHolding('dana-1@lee.example'), { timeout: 20_000 }).toEqual([]);
  expect(await foldersHolding('reply-dana@example.test')).toEqual(['Sent']);

  // In Sent the reply is there, and nothing offers to move it: Del says why.
  await page.getByTestId('folder-sent').click();
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  await rows.first().click();
  await page.getByTestId('more-actions').click();
  await expect(page.getByTestId('more-delete-conversation')).toHaveCount(0);
  await expect(page.getByTestId('more-archive-conversation')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('message-list').focus();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert')).toContainText("The team's replies stay in Sent");
  await expect(rows).toHaveCount(1);

  // The rest was never touched.
  await openFolder(page, 'inbox');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Quarterly invoice request' })).toHaveCount(1);
});
