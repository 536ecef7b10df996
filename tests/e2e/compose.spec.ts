/**
 * Replying against a real mailbox and a real SMTP sink: a template with
 * placeholders made through the settings UI and inserted with `;;`, a reply
 * sent after a short undo window (checked in the sink: rendered placeholders,
 * the ticket token in the subject, In-Reply-To), one reply undone (nothing
 * reaches the sink, the draft comes back), one scheduled with "Send later"
 * (waits in "To send", then goes out), and all three in the outgoing audit;
 * a scheduled reply given back because the customer wrote first; "Send &
 * Done"; a reply that waits while the mail server cannot be reached.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { buildMail } from '../support/mail-fixtures.ts';
import { startDovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import type { DovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import { screenshotPath } from './support/core-host.ts';

const support = 'Acme Support <agent@example.test>';
const minutesAgo = (m: number): Date => new Date(Date.now() - m * 60_000);
const UNDO_SECONDS = 3;

function seed(): Buffer[] {
  return [
    buildMail({ from: 'Alice Example <alice@shop.example>', to: support, subject: 'Broken flamingo lamp', messageId: 'lamp-1@shop.example', date: minutesAgo(90), text: 'The flamingo lamp arrived with a cracked shade. Can you send a replacement?' }),
    buildMail({ from: 'Bob Builder <bob@builder.example>', to: support, subject: 'Quarterly invoice request', messageId: 'invoice-1@builder.example', date: minutesAgo(60), text: 'Please send the quarterly invoice. Bob' }),
    buildMail({ from: 'Carol Jones <carol@jones.example>', to: support, subject: 'Where is my parcel?', messageId: 'parcel-1@jones.example', date: minutesAgo(30), text: 'My parcel has not arrived yet.' }),
    buildMail({ from: 'Dan Nguyen <dan@nguyen.example>', to: support, subject: 'Refund for order 1142', messageId: 'refund-1@nguyen.example', date: minutesAgo(20), text: 'I returned the lamp last week. When will the refund arrive?' }),
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

/** `<input type="datetime-local">` value for a moment, in the browser's (= this machine's) time zone. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

async function openConversation(page: Page, subject: string): Promise<string> {
  await page.getByTestId('message-row').filter({ hasText: subject }).click();
  await expect(page.getByTestId('reading-subject')).toHaveText(subject);
  return (await page.getByTestId('reading-ticket').innerText()).trim().replace(/^#/, '');
}

/** Types where the composer put the caret when it opened (the top of a reply, above the quote). */
async function typeInEditor(page: Page, text: string): Promise<void> {
  await expect(page.getByTestId('composer').getByTestId('composer-body')).toBeFocused();
  await page.keyboard.type(text);
}

test('reply with a template, undo one, schedule one, and see them in the outgoing audit', async ({ page }) => {
  await workspace.connect(page, 4);

  // --- Settings: a short undo window, and a template with placeholders, made through the UI.
  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('reply-settings');
  await expect(settings).toBeVisible();
  await page.getByTestId('reply-settings-sending').click();
  await page.getByTestId('undo-seconds').fill(String(UNDO_SECONDS));
  await page.getByTestId('sending-save').click();
  await expect(settings.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await page.getByTestId('reply-settings-templates').click();
  await page.getByTestId('template-new').click();
  await page.getByTestId('template-name').fill('Replacement on its way');
  await page.getByTestId('template-shortcut').fill('lamp');
  await page.getByTestId('template-body').click();
  await page.keyboard.type('Hi {CLIENT_NAME}, a replacement for ticket {TICKET_ID} is on its way to {CLIENT_EMAIL}.');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-saved')).toBeVisible();
  // A second template with a placeholder core does not know: inserting it must block sending.
  await page.getByTestId('template-new').click();
  await page.getByTestId('template-name').fill('Order status');
  await page.getByTestId('template-shortcut').fill('order');
  await page.getByTestId('template-body').click();
  await page.keyboard.type('Your order {ORDER_NUMBER} has shipped.');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-item')).toHaveCount(2);
  await page.screenshot({ path: screenshotPath('compose-template-manager') });
  await page.getByTestId('reply-settings-close').click();
  await expect(settings).toBeHidden();

  // --- Reply to Alice with the template: `;;` opens the picker, search, Enter inserts.
  const aliceTicket = await openConversation(page, 'Broken flamingo lamp');
  await page.getByTestId('reply').click();
  const composer = page.getByTestId('composer');
  await expect(composer).toBeVisible();
  await expect(composer.getByTestId('composer-to').getByTestId('recipient-chip')).toContainText('alice@shop.example');
  await expect(composer.getByTestId('composer-subject')).toHaveValue(new RegExp(`#${aliceTicket}`));

  // The unknown placeholder first: shown inline, sending blocked until the text is fixed.
  await typeInEditor(page, ';;');
  await expect(page.getByTestId('template-search')).toBeFocused();
  await page.keyboard.type('order');
  await expect(page.getByTestId('template-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(composer.getByTestId('template-problems')).toContainText('ORDER_NUMBER');
  await expect(composer.getByTestId('composer-send')).toBeDisabled();
  await page.screenshot({ path: screenshotPath('compose-placeholder-problem') });
  // Undoing the insertion removes the raw placeholder, and with it the problem.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(composer.getByTestId('template-problems')).toBeHidden();
  await expect(composer.getByTestId('composer-send')).toBeEnabled();

  await page.keyboard.type(';;');
  await expect(page.getByTestId('template-search')).toBeFocused();
  await page.keyboard.type('lamp');
  await expect(page.getByTestId('template-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const body = composer.getByTestId('composer-body');
  await expect(body).toContainText('Hi Alice, a replacement for ticket');
  await expect(body).toContainText(aliceTicket);
  await expect(body).toContainText('alice@shop.example');
  await expect(composer.getByTestId('template-problems')).toBeHidden();
  // Autosave: the draft is saved without any action.
  await expect(composer.getByTestId('composer-save-state')).toHaveAttribute('data-dirty', 'false');
  await page.screenshot({ path: screenshotPath('compose-reply-with-template') });

  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(composer).toBeHidden();
  const toast = page.getByTestId('send-undo-toast');
  await expect(toast).toContainText(/Sending in \d s/);
  await page.screenshot({ path: screenshotPath('compose-undo-toast') });
  const sent = await workspace.smtp.waitForMail(1, 20_000);
  const parsed = await simpleParser(sent.raw);
  expect(parsed.subject).toContain(`[#${aliceTicket}]`);
  expect(parsed.inReplyTo).toBe('<lamp-1@shop.example>');
  expect(sent.envelope.to).toEqual(['alice@shop.example']);
  expect(parsed.text).toContain(`Hi Alice, a replacement for ticket #${aliceTicket} is on its way to alice@shop.example.`);
  expect(parsed.html || '').not.toMatch(/\{CLIENT_NAME\}|\{TICKET_ID\}/);

  // --- Undo: reply to Bob, send, undo within the window: the composer comes back, nothing is sent.
  await openConversation(page, 'Quarterly invoice request');
  await page.getByTestId('message-list').focus();
  await page.keyboard.press('r');
  await expect(composer).toBeVisible();
  await typeInEditor(page, 'The invoice is attached.');
  await composer.getByTestId('composer-file-input').setInputFiles({ name: 'invoice-q3.txt', mimeType: 'text/plain', buffer: Buffer.from('Invoice Q3: 120 EUR') });
  await expect(composer.getByTestId('composer-attachment')).toContainText('invoice-q3.txt');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(toast).toBeVisible();
  await page.getByTestId('send-undo').click();
  await expect(composer).toBeVisible();
  await expect(composer.getByTestId('composer-body')).toContainText('The invoice is attached.');
  await expect(composer.getByTestId('composer-attachment')).toContainText('invoice-q3.txt');
  // Well past the undo window: still only Alice's reply in the sink.
  await page.waitForTimeout((UNDO_SECONDS + 3) * 1000);
  expect(workspace.smtp.messages).toHaveLength(1);
  await composer.getByTestId('composer-close').click();
  await expect(composer).toBeHidden();
  // Reopening the conversation resumes the draft.
  await openConversation(page, 'Where is my parcel?');
  await openConversation(page, 'Quarterly invoice request');
  await expect(composer).toBeVisible();
  await expect(composer.getByTestId('composer-body')).toContainText('The invoice is attached.');
  await composer.getByTestId('composer-close').click();

  // --- Send later: reply to Carol, scheduled a few seconds ahead; it waits in "To send", then goes out.
  await openConversation(page, 'Where is my parcel?');
  await page.getByTestId('reply').click();
  await expect(composer).toBeVisible();
  await typeInEditor(page, 'Your parcel left our warehouse this morning.');
  await composer.getByTestId('composer-send-later').click();
  await expect(page.getByTestId('send-later-menu')).toBeVisible();
  await page.screenshot({ path: screenshotPath('compose-send-later') });
  await page.getByTestId('send-later-input').fill(localInputValue(Date.now() + 12_000));
  // Carol's question is answered by this: the conversation is marked Done once the reply has gone out.
  await page.getByTestId('send-later-then-done').check();
  await page.getByTestId('send-later-confirm').click();
  // The next conversation opens (it may show a draft of its own, as Bob's does): Carol's reply has left the composer.
  await expect(composer.filter({ hasText: 'Your parcel left our warehouse this morning.' })).toHaveCount(0);
  await expect(toast).toContainText('Scheduled for');

  await page.getByTestId('outbox-entry').click();
  const drawer = page.getByTestId('outbox-drawer');
  await expect(drawer).toBeVisible();
  const scheduled = drawer.getByTestId('outbox-item').filter({ hasText: 'Where is my parcel?' });
  await expect(scheduled).toHaveAttribute('data-state', 'scheduled');
  await expect(scheduled.getByTestId('outbox-then-done')).toHaveText(' · then marked Done');
  // Done with it for now: the next conversation opened.
  await expect(page.getByTestId('reading-subject')).not.toHaveText('Where is my parcel?');
  await page.screenshot({ path: screenshotPath('compose-to-send-drawer') });
  // It leaves the drawer when it goes out.
  await expect(scheduled).toHaveCount(0, { timeout: 40_000 });
  await page.getByTestId('outbox-close').click();
  const later = await workspace.smtp.waitForMail(2, 20_000);
  expect(later.envelope.to).toEqual(['carol@jones.example']);
  expect((await simpleParser(later.raw)).text).toContain('Your parcel left our warehouse this morning.');
  expect(workspace.smtp.messages).toHaveLength(2);
  await openConversation(page, 'Where is my parcel?');
  await expect(page.getByTestId('triage-bar')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });

  // --- A new conversation (c) opens in a dock of its own; Discard throws the draft away.
  await page.getByTestId('message-list').focus();
  await page.keyboard.press('c');
  await expect(composer).toHaveAttribute('data-mode', 'new');
  await expect(composer.getByTestId('composer-to-input')).toBeFocused();
  await page.keyboard.type('not-an-address, dora@explorer.example');
  await page.keyboard.press('Enter');
  await expect(composer.getByTestId('composer-to')).toContainText('Not an email address: not-an-address');
  await expect(composer.getByTestId('composer-to').getByTestId('recipient-chip')).toHaveText(/dora@explorer\.example/);
  await expect(composer.getByTestId('composer-send')).toBeDisabled();
  await page.screenshot({ path: screenshotPath('compose-new-conversation') });
  await composer.getByTestId('composer-discard').click();
  await expect(composer).toBeHidden();

  // --- The outgoing audit shows all three: sent, cancelled (undone), sent (scheduled).
  await page.getByTestId('open-settings').click();
  await page.getByTestId('reply-settings-audit').click();
  const audit = page.getByTestId('audit-outgoing');
  const rows = audit.getByTestId('audit-outgoing-row');
  await expect(rows.filter({ hasText: 'Broken flamingo lamp' }).and(page.locator('[data-outcome="sent"]'))).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Where is my parcel?' }).and(page.locator('[data-outcome="sent"]'))).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Quarterly invoice request' }).and(page.locator('[data-outcome="cancelled"]'))).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('compose-outgoing-audit') });
  await page.getByTestId('audit-tab-incoming').click();
  await expect(page.getByTestId('audit-incoming-row')).not.toHaveCount(0);
  await page.screenshot({ path: screenshotPath('compose-incoming-audit') });
});

test('delegate a conversation to the address in Triage settings, and see it in the timeline', async ({ page }) => {
  await workspace.open(page, 4);
  await page.getByTestId('open-triage-settings').click();
  await page.getByTestId('settings-delegate-addresses').fill('billing@builder-hq.example, depot@carrier.example');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-delegate-addresses')).toBeHidden();

  await openConversation(page, 'Quarterly invoice request');
  // With the customer beside the conversation, the less frequent actions are under "More".
  await page.getByTestId('more-actions').click();
  await page.getByTestId('more-delegate-conversation').click();
  const dialog = page.getByRole('dialog');
  // The team's first delegate address is offered.
  await expect(dialog.getByTestId('delegate-to')).toHaveValue('billing@builder-hq.example');
  await dialog.getByTestId('delegate-note').fill('Bob needs the Q3 invoice; can you send it to him?');
  await page.screenshot({ path: screenshotPath('delegate-dialog') });
  const before = workspace.smtp.messages.length;
  await dialog.getByTestId('delegate-send').click();
  await expect(page.getByText('Delegated to billing@builder-hq.example.')).toBeVisible();
  await expect(page.getByTestId('activity-event').filter({ hasText: 'delegated this to billing@builder-hq.example: “Bob needs the Q3 invoice; can you send it to him?”' })).toBeVisible();

  const received = await workspace.smtp.waitForMail(before + 1, 30_000);
  expect(received.envelope.to).toEqual(['billing@builder-hq.example']);
  const mail = await simpleParser(received.raw);
  expect(mail.subject).toBe('Fwd: Quarterly invoice request');
  expect(mail.text).toContain('Please send the quarterly invoice. Bob');
});

// Last in this file: it stops the SMTP sink for good.
test('a scheduled reply is given back, not sent, when the customer writes before it is due', async ({ page }) => {
  await workspace.open(page, 4);
  await openConversation(page, 'Refund for order 1142');
  await page.getByTestId('reply').click();
  const composer = page.getByTestId('composer');
  await typeInEditor(page, 'Has the refund reached your account?');
  await composer.getByTestId('composer-send-later').click();
  await expect(page.getByTestId('send-later-note')).toHaveText('If anyone writes in this conversation before then, the reply is not sent: it comes back to you to read first.');
  await page.getByTestId('send-later-input').fill(localInputValue(Date.now() + 15_000));
  await page.getByTestId('send-later-confirm').click();
  await expect(composer).toBeHidden();
  const sentBefore = workspace.smtp.messages.length;

  // Dan writes again before the reply is due; IDLE brings his mail in.
  await workspace.deliver([buildMail({
    from: 'Dan Nguyen <dan@nguyen.example>', to: support, subject: 'Re: Refund for order 1142', messageId: 'refund-2@nguyen.example',
    inReplyTo: 'refund-1@nguyen.example', date: new Date(Date.now() + 1_000), text: 'The refund arrived this morning, thank you!',
  })]);
  await expect(page.getByTestId('conversation-message')).toHaveCount(2, { timeout: 20_000 });

  const toast = page.getByTestId('notification-toast').filter({ hasText: 'Your mail was not sent' });
  await expect(toast).toContainText(/While your reply “Re: Refund for order 1142 \[#[0-9A-Z]{6}\]” waited to go out, Dan Nguyen wrote in the conversation\. Read it, then send again\./, { timeout: 40_000 });
  await page.screenshot({ path: screenshotPath('compose-scheduled-overtaken') });
  expect(workspace.smtp.messages).toHaveLength(sentBefore);

  // The reply is the agent's again, in To send's "Not sent" section; Edit brings it back to the composer, to answer what Dan wrote.
  await page.getByTestId('outbox-entry').click();
  const given = page.getByTestId('outbox-section-failed').getByTestId('outbox-item').filter({ hasText: 'Refund for order 1142' });
  await expect(given).toBeVisible();
  await expect(given.getByTestId('outbox-state')).toHaveText('Not sent');
  await page.screenshot({ path: screenshotPath('compose-scheduled-given-back') });
  await given.getByTestId('outbox-edit').click();
  await expect(composer.getByTestId('composer-body')).toContainText('Has the refund reached your account?');
  await composer.getByTestId('composer-body').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Glad it arrived, Dan!');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(composer).toBeHidden();
  const answer = await workspace.smtp.waitForMail(sentBefore + 1, 20_000);
  expect((await simpleParser(answer.raw)).text).toContain('Glad it arrived, Dan!');
  expect((await simpleParser(answer.raw)).text).not.toContain('Has the refund reached your account?');
  await expect(page.getByTestId('outbox-section-failed')).toHaveCount(0);
});

test('a reply left unfinished is marked Draft in the list and carried on from My drafts', async ({ page }) => {
  await workspace.open(page, 4);
  // Bob's reply from the first test was closed unsent, with its attachment.
  const bob = page.getByTestId('message-row').filter({ hasText: 'Quarterly invoice request' });
  await expect(bob.getByTestId('row-draft')).toHaveText('Draft');
  // A reply only opened and closed again is not a draft.
  await openConversation(page, 'Broken flamingo lamp');
  await page.getByTestId('reply').click();
  const composer = page.getByTestId('composer');
  await expect(composer.getByTestId('composer-body')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(composer).toBeHidden();
  await expect(page.getByTestId('message-row').filter({ hasText: 'Broken flamingo lamp' }).getByTestId('row-draft')).toHaveCount(0);
  await expect(page.getByTestId('drafts-count')).toHaveText('1');

  await page.getByTestId('drafts-entry').click();
  const drafts = page.getByTestId('drafts-drawer');
  await expect(drafts.getByTestId('draft-item')).toHaveCount(1);
  await expect(drafts.getByTestId('draft-item')).toContainText('Quarterly invoice request');
  await expect(drafts.getByTestId('draft-preview')).toHaveText('The invoice is attached.');
  await page.screenshot({ path: screenshotPath('compose-my-drafts') });
  await drafts.getByTestId('draft-open').click();
  await expect(drafts).toBeHidden();
  await expect(page.getByTestId('reading-subject')).toHaveText('Quarterly invoice request');
  await expect(composer.getByTestId('composer-body')).toContainText('The invoice is attached.');
  await expect(composer.getByTestId('composer-attachment')).toContainText('invoice-q3.txt');
  await composer.getByTestId('composer-close').click();

  // Discarded from the list: gone from the list, the row and the count.
  await page.getByTestId('drafts-entry').click();
  await drafts.getByTestId('draft-discard').click();
  await expect(page.getByRole('dialog', { name: 'Discard this draft?' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('compose-discard-draft') });
  await page.getByTestId('confirm').click();
  await expect(drafts.getByTestId('drafts-empty')).toBeVisible();
  await page.getByTestId('drafts-close').click();
  await expect(bob.getByTestId('row-draft')).toHaveCount(0);
  await expect(page.getByTestId('drafts-count')).toHaveCount(0);
});

test('Send & Done sends the reply and marks the conversation Done once it has gone out, not before', async ({ page }) => {
  await workspace.open(page, 4);
  await openConversation(page, 'Broken flamingo lamp');
  const bar = page.getByTestId('triage-bar');
  // The first test's reply left Alice's conversation waiting on her.
  await expect(bar).toHaveAttribute('data-status', 'waiting');
  await page.getByTestId('reply').click();
  const composer = page.getByTestId('composer');
  await typeInEditor(page, 'The replacement shade is in the post. I am closing this for now.');
  const sentBefore = workspace.smtp.messages.length;
  await expect(composer.getByTestId('composer-send-done')).toHaveText('Send & Done');
  await composer.getByTestId('composer-send-done').click();
  await expect(composer.filter({ hasText: 'The replacement shade is in the post.' })).toHaveCount(0);
  // Done with it, as with e: the next conversation opens...
  await expect(page.getByTestId('reading-subject')).not.toHaveText('Broken flamingo lamp');
  // ...and Undo brings Alice's back with the reply in its composer, to send again.
  await page.getByTestId('send-undo').click();
  await expect(page.getByTestId('reading-subject')).toHaveText('Broken flamingo lamp');
  await expect(composer.getByTestId('composer-body')).toContainText('The replacement shade is in the post.');
  await composer.getByTestId('composer-send-done').click();
  await expect(composer.filter({ hasText: 'The replacement shade is in the post.' })).toHaveCount(0);
  await expect(page.getByTestId('reading-subject')).not.toHaveText('Broken flamingo lamp');
  // In its undo window it can still be taken back: nothing is marked yet, and To send says what will happen.
  await page.getByTestId('outbox-entry').click();
  await expect(page.getByTestId('outbox-item').filter({ hasText: 'Broken flamingo lamp' }).getByTestId('outbox-then-done')).toHaveText(' · then marked Done');
  await page.screenshot({ path: screenshotPath('compose-send-done-waiting') });
  await page.keyboard.press('Escape');
  await openConversation(page, 'Broken flamingo lamp');
  await expect(bar).toHaveAttribute('data-status', 'waiting');

  const sent = await workspace.smtp.waitForMail(sentBefore + 1, 20_000);
  expect((await simpleParser(sent.raw)).text).toContain('The replacement shade is in the post.');
  await expect(bar).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  // Carol's, marked after its scheduled reply in the first test, and now Alice's.
  await expect(page.getByTestId('drawer-status:done')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('activity-event').filter({ hasText: 'set the status to Done' })).toHaveCount(1);
  // The reply itself is filed in the conversation.
  const messages = page.getByTestId('conversation-message');
  await expect(messages).toHaveCount(3, { timeout: 20_000 });
  await expect(messages.last()).toHaveAttribute('data-outgoing', 'true');
  await page.screenshot({ path: screenshotPath('compose-send-done') });
});

test('the team report counts what came in, what went out and what was resolved', async ({ page }) => {
  await workspace.open(page, 4);
  await page.getByTestId('open-report').click();
  const report = page.getByTestId('team-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('report-period-week')).toHaveAttribute('aria-pressed', 'true');
  // Four customers wrote, Dan twice. The tests before sent five mails: Alice's reply, Carol's scheduled one, the
  // delegation, Dan's second answer and Alice's Send & Done. Carol's and Alice's conversations were marked Done.
  await expect(page.getByTestId('report-new-value')).toHaveText('4');
  await expect(page.getByTestId('report-received-value')).toHaveText('5');
  await expect(page.getByTestId('report-replies-value')).toHaveText('5');
  await expect(page.getByTestId('report-resolved-value')).toHaveText('2');
  // Bob's reply was undone and never sent: he is still waiting.
  await expect(page.getByTestId('report-first-reply')).toContainText('3 answered · 1 still waiting');
  // No agent set a name on this desktop, so no mail names one.
  await expect(page.getByTestId('report-unattributed')).toContainText('5 mails name no one of the team');
  await page.screenshot({ path: screenshotPath('team-report') });
  await page.getByTestId('report-period-today').click();
  await expect(page.getByTestId('report-period-today')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(report).toBeHidden();
});

test('a reply sent while the mail server cannot be reached waits in To send, without a failure', async ({ page }) => {
  await workspace.open(page, 4);
  await workspace.smtp.stop();
  await openConversation(page, 'Where is my parcel?');
  await page.getByTestId('reply').click();
  await typeInEditor(page, 'Your parcel is at the depot, Carol.');
  await page.keyboard.press('ControlOrMeta+Enter');

  await page.getByTestId('outbox-entry').click();
  const waiting = page.getByTestId('outbox-section-retrying').getByTestId('outbox-item').filter({ hasText: 'Where is my parcel?' });
  await expect(waiting).toBeVisible({ timeout: 30_000 });
  await expect(waiting.getByTestId('outbox-state')).toHaveText('Will try again');

  await expect(waiting.getByTestId('outbox-when')).toHaveText('The mail server could not be reached. Switchboard will try again.');
  await expect(page.getByTestId('outbox-section-failed')).toHaveCount(0);
  // The sidebar's count is not red: nothing for the agent to do, and no "not sent" notice.
  await expect(page.getByTestId('outbox-count')).not.toHaveClass(/is-failed/);
  await expect(page.getByText('Your mail was not sent')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('compose-waiting-for-server') });
});
