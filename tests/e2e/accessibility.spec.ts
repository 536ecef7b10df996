/**
 * axe-core on the screens an agent spends the day in (the demo workspace, in
 * light and dark): the list, a conversation, a reply with its Send later
 * menu, a message's original, the palette, the drawers, the dialogs and every reply settings
 * page, search results, the agent's name, the notifications and adding an
 * account. Any WCAG A/AA violation
 * axe finds fails the test, with what and where in the message.
 *
 * axe is injected as a script, which the app's CSP refuses; the test's
 * browser context bypasses the CSP for that (`bypassCSP`), nothing else.
 */
import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startCoreHost } from './support/core-host.ts';
import type { CoreHost } from './support/core-host.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let host: CoreHost;

test.beforeAll(async () => {
  host = await startCoreHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

interface Violation {
  id: string;
  help: string;
  targets: string[];
}

async function violations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const found = await violations(page);
  expect(found, `${screen}: ${found.map((v) => `${v.id} (${v.help}) at ${v.targets.join(', ')}`).join('; ')}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every main screen passes axe in ${colorScheme} mode`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1360, height: 850 } });
    const page = await context.newPage();
    await page.goto(host.url);
    await expect(page.getByTestId('message-row').first()).toBeVisible({ timeout: 30_000 });
    await expectNoViolations(page, 'the list');

    await page.getByTestId('message-row').nth(1).click();
    await expect(page.getByTestId('reading-subject')).not.toBeEmpty();
    await expectNoViolations(page, 'a conversation');
    await page.getByTestId('triage-follow').click();
    await expect(page.getByTestId('triage-follow')).toHaveAttribute('aria-pressed', 'true');
    await expectNoViolations(page, 'a followed conversation');
    await page.getByTestId('triage-follow').click();

    await page.getByTestId('conversation-message').last().getByTestId('show-original').click();
    await expect(page.getByTestId('original-source')).toBeVisible();
    await expectNoViolations(page, 'a message\'s original');
    await page.keyboard.press('Escape');

    await page.getByTestId('reply').click();
    await expect(page.getByTestId('composer')).toBeVisible();
    await expectNoViolations(page, 'a reply');
    await page.getByTestId('composer-send-later').click();
    await expectNoViolations(page, 'the Send later menu');
    await page.keyboard.press('Escape');
    await page.getByTestId('composer-close').click();

    const dialogs: Array<[string, string]> = [
      ['open-report', 'the team report'],
      ['open-triage-settings', 'triage settings'],
      ['open-rules', 'automation rules'],
      ['outbox-entry', 'To send'],
      ['drafts-entry', 'My drafts'],
    ];
    for (const [opener, screen] of dialogs) {
      await page.getByTestId(opener).click();
      await page.waitForTimeout(300);
      await expectNoViolations(page, screen);
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('ControlOrMeta+k');
    await expect(page.getByTestId('command-palette')).toBeVisible();
    await expectNoViolations(page, 'the command palette');
    await page.keyboard.press('Escape');
    await page.getByTestId('open-settings').click();
    for (const section of ['templates', 'signatures', 'branding', 'sending', 'audit']) {
      await page.getByTestId(`reply-settings-${section}`).click();
      await page.waitForTimeout(300);
      await expectNoViolations(page, `reply settings: ${section}`);
    }
    await page.getByTestId('reply-settings-close').click();

    // Searching, the agent's name, the notifications, and adding an account.
    await page.getByTestId('message-list').focus();
    await page.keyboard.press('/');
    await page.keyboard.type('refund');
    await expect(page.getByTestId('message-list')).toHaveAttribute('data-mode', 'search');
    await page.waitForTimeout(500);
    await expectNoViolations(page, 'search results');
    await page.keyboard.press('Escape');
    await page.getByTestId('agent-banner').getByRole('button').click();
    await expect(page.getByTestId('agent-name')).toBeVisible();
    await expectNoViolations(page, 'the agent\'s name');
    await page.keyboard.press('Escape');
    await page.getByTestId('notification-bell').click();
    await page.waitForTimeout(300);
    await expectNoViolations(page, 'notifications');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.waitForTimeout(300);
    await expectNoViolations(page, 'adding an account');
    await context.close();
  });
}
