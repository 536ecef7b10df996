/**
 * An automation rule made in the Rules dialog acts on the next customer who
 * starts a conversation, on a real mailbox: Big Co's new mail arrives tagged
 * and urgent, mail from others and mail older than the rule do not, and the
 * conversation's timeline names the rule.
 */
import { expect, test } from '@playwright/test';
import { buildMail } from '../support/mail-fixtures.ts';
import { startDovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import type { DovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import { screenshotPath } from './support/core-host.ts';

const support = 'Acme Support <agent@example.test>';
let workspace: DovecotWorkspace;

test.beforeAll(async () => {
  workspace = await startDovecotWorkspace();
  await workspace.deliver([buildMail({ from: 'Old Client <old@bigco.example>', to: support, subject: 'From before the rule', date: new Date(Date.now() - 3_600_000), text: 'Hello from last hour.' })]);
});

test.afterAll(async () => {
  await workspace?.stop();
});

test('a rule tags and prioritises a new key-account conversation, and the timeline says so', async ({ page }) => {
  await workspace.connect(page, 1);

  await page.getByTestId('open-rules').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('No rules yet.');
  await dialog.getByTestId('rule-name').fill('Big Co is a key account');
  await dialog.getByTestId('rule-condition-value').fill('@bigco.example');
  await dialog.getByTestId('rule-action-tag').fill('key-account');
  await dialog.getByTestId('rule-add-action').click();
  await dialog.getByTestId('rule-action-kind').nth(1).selectOption('priority');
  await dialog.getByLabel('Action 2: value').selectOption('urgent');
  await dialog.getByTestId('rule-save').click();
  await expect(dialog.getByTestId('rule-item').locator('.rule-item-name')).toHaveText(['Big Co is a key account']);
  await expect(dialog.getByTestId('rule-summary')).toHaveText(['From contains @bigco.example → Add the tag key-account, Set priority Urgent']);
  await page.screenshot({ path: screenshotPath('rules-dialog') });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // A Date header has whole seconds: mail from the second the rule was saved could predate it.
  await page.waitForTimeout(1_100);
  await workspace.deliver([
    buildMail({ from: 'Anna Berg <anna@bigco.example>', to: support, subject: 'Invoice 7 is wrong', date: new Date(), text: 'Our invoice 7 charges twice.' }),
    buildMail({ from: 'Sam Small <sam@small.example>', to: support, subject: 'Where is my parcel?', date: new Date(), text: 'Parcel 12 is late.' }),
  ]);
  // The Inbox drawer: its rows carry the triage badges.
  await page.getByTestId('drawer-inbox').click();
  const rows = page.getByTestId('message-row');
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  const anna = rows.filter({ hasText: 'Invoice 7 is wrong' });
  await expect(anna.getByTestId('badge-tag')).toHaveText('#key-account', { timeout: 15_000 });
  await expect(anna.getByTestId('badge-priority')).toHaveAttribute('data-priority', 'urgent');
  for (const other of ['Where is my parcel?', 'From before the rule']) {
    await expect(rows.filter({ hasText: other }).getByTestId('badge-tag')).toHaveCount(0);
  }

  await anna.click();
  const events = page.getByTestId('activity-event');
  await expect(events.filter({ hasText: 'Rule “Big Co is a key account”' })).toHaveCount(2);
  await page.screenshot({ path: screenshotPath('rule-applied') });
});

test('a rule acknowledges a new customer by mail with a team template; the reading view marks it and the conversation still waits for an agent', async ({ page, browser }) => {
  await workspace.open(page, 3);

  await page.getByTestId('open-settings').click();
  await page.getByTestId('reply-settings-templates').click();
  await page.getByTestId('template-new').click();
  await page.getByTestId('template-name').fill('We have your message');
  await page.getByTestId('template-shortcut').fill('ack');
  await page.getByTestId('template-body').click();
  await page.keyboard.type('Hi {CLIENT_NAME}, thanks for writing. Your ticket is {TICKET_ID}.');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-saved')).toBeVisible();
  await page.getByTestId('reply-settings-close').click();

  await page.getByTestId('open-rules').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('rule-new').click();
  await dialog.getByTestId('rule-name').fill('Acknowledge returns');
  await dialog.getByLabel('Condition 1: what it looks at').selectOption('subject');
  await dialog.getByTestId('rule-condition-value').fill('return');
  // A second condition on the business hours takes no words; it is taken out again (the test cannot choose the hour).
  await dialog.getByTestId('rule-add-condition').click();
  await dialog.getByLabel('Condition 2: what it looks at').selectOption('received');
  await expect(dialog.getByLabel('Condition 2: how it compares')).toHaveValue('outside-hours');
  await expect(dialog.getByTestId('rule-condition').nth(1).getByTestId('rule-condition-value')).toHaveCount(0);
  await expect(dialog).toContainText('business hours and holidays, as set in Triage settings');
  await dialog.getByTestId('rule-action-kind').selectOption('acknowledge');
  await page.screenshot({ path: screenshotPath('rules-acknowledge-after-hours') });
  await dialog.getByRole('button', { name: 'Remove condition 2' }).click();
  await expect(dialog.getByTestId('rule-action-template')).toHaveValue(/.+/);
  await expect(dialog.getByTestId('rule-action-template').locator('option:checked')).toHaveText('We have your message');
  await expect(dialog).toContainText('Sent once for the team, marked as automatic');
  await page.screenshot({ path: screenshotPath('rules-acknowledge') });
  await dialog.getByTestId('rule-save').click();
  await expect(dialog.getByTestId('rule-item').locator('.rule-item-name')).toHaveText(['Big Co is a key account', 'Acknowledge returns']);
  await expect(dialog.getByTestId('rule-summary').nth(1)).toHaveText('Subject contains return → Acknowledge with We have your message');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  await page.waitForTimeout(1_100);
  const before = workspace.smtp.messages.length;
  // Rita writes from work and asks for answers at home: the acknowledgement, like an agent's reply, goes there.
  await workspace.deliver([
    buildMail({ from: 'Rita Reyes <rita@shop.example>', to: support, subject: 'I want to return my lamp', date: new Date(), text: 'The lamp flickers.', headers: ['Reply-To: Rita Reyes <rita@home.example>'] }),
  ]);
  const ack = await workspace.smtp.waitForMail(before + 1, 45_000);
  expect(ack.envelope.to).toEqual(['rita@home.example']);
  expect(ack.raw.toString()).toMatch(/^Auto-Submitted: auto-replied$/m);

  await page.getByTestId('drawer-inbox').click();
  const rita = page.getByTestId('message-row').filter({ hasText: 'I want to return my lamp' });
  await rita.click();
  const messages = page.getByTestId('conversation-message');
  await expect(messages).toHaveCount(2, { timeout: 20_000 });
  await expect(messages.nth(1).getByTestId('automatic-reply')).toHaveText('Automatic acknowledgement');
  await expect(messages.nth(0)).toContainText('Reply to Rita Reyes <rita@home.example>');
  await expect(messages.nth(1).frameLocator('[data-testid="mail-frame"]').getByText(/Hi Rita, thanks for writing\. Your ticket is #[0-9A-Z]{6}\./)).toBeVisible();
  await expect(page.getByTestId('triage-status')).toContainText('New');
  await page.screenshot({ path: screenshotPath('rule-acknowledged') });

  // A mailing list's mail gets none, and its timeline says why.
  await workspace.deliver([
    buildMail({ from: 'Returns Digest <digest@lists.example>', to: support, subject: 'Weekly returns digest', date: new Date(), text: 'This week in returns.', headers: ['List-Id: <returns.lists.example>'] }),
  ]);
  const digest = page.getByTestId('message-row').filter({ hasText: 'Weekly returns digest' });
  await digest.click();
  await expect(page.getByTestId('activity-event')).toHaveText([/^Rule “Acknowledge returns” sent no acknowledgement: it came through a mailing list\./], { timeout: 20_000 });
  expect(workspace.smtp.messages).toHaveLength(before + 1);
  await page.screenshot({ path: screenshotPath('rule-not-acknowledged') });

  // Deleting the template asks first, naming the rule it would leave without one.
  await page.getByTestId('open-settings').click();
  await page.getByTestId('reply-settings-templates').click();
  await page.getByTestId('template-item').filter({ hasText: 'We have your message' }).click();
  await page.getByTestId('template-delete').click();
  await expect(page.getByText('“We have your message” is deleted for the whole team, and the rule “Acknowledge returns” can no longer acknowledge customers with it.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('template-delete-used-by-rule') });

  // The same rule, read by a German agent.
  const german = await browser.newContext({ locale: 'de-DE' });
  const de = await german.newPage();
  await workspace.open(de, 5);
  await de.getByTestId('open-rules').click();
  const regeln = de.getByRole('dialog');
  await regeln.getByTestId('rule-item').filter({ hasText: 'Acknowledge returns' }).click();
  await regeln.getByTestId('rule-add-condition').click();
  await regeln.getByLabel('Bedingung 2: worauf sie schaut').selectOption('received');
  await expect(regeln.getByTestId('rule-action-kind').locator('option:checked')).toHaveText('Eingang bestätigen mit');
  await expect(regeln.getByLabel('Bedingung 2: wie sie vergleicht').locator('option:checked')).toHaveText('außerhalb der Geschäftszeiten');
  await de.screenshot({ path: screenshotPath('rules-acknowledge-de') });
  await german.close();

  // Deleted after all: the next customer gets nothing, and the agent is told which rule and why.
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('template-item')).toHaveCount(0);
  await page.getByTestId('reply-settings-close').click();
  await workspace.deliver([buildMail({ from: 'Tom Tan <tom@shop.example>', to: support, subject: 'A return label, please', date: new Date(), text: 'Label?' })]);
  await expect(page.getByTestId('notification-toast')).toContainText(
    'Rule “Acknowledge returns” did not acknowledge “A return label, please”: its template was deleted. Choose another in Rules.',
    { timeout: 30_000 },
  );
  await page.screenshot({ path: screenshotPath('acknowledgement-failed') });
  expect(workspace.smtp.messages).toHaveLength(before + 1);
});
