/**
 * Hostile HTML mail, delivered to a real Dovecot INBOX and opened in the app
 * in Chromium: no script may run anywhere (counted through a Playwright
 * binding, postMessage to the top window, console, dialogs and exfil
 * requests), and nothing remote may load until the agent clicks "Show
 * images", after which only images load. The frame's sandbox is same-origin
 * and nothing else (so the app can size it), no link loads anything into it,
 * and no image tells the sender more than the app's bare origin as Referer.
 * Every host name resolves to one local server that records what really went
 * out (fixtures/remote-web.ts); the payloads are in fixtures/hostile-html.ts.
 */
import { chromium, expect, test } from '@playwright/test';
import type { Browser, Page, Request } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import { startDovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import type { DovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import { cssExfiltration, hostileMails, remoteImages, scriptZoo } from './fixtures/hostile-html.ts';
import type { HostileMail } from './fixtures/hostile-html.ts';
import { startRemoteWeb } from './fixtures/remote-web.ts';
import type { RemoteWeb } from './fixtures/remote-web.ts';
import { screenshotPath } from './support/core-host.ts';

let workspace: DovecotWorkspace;
let web: RemoteWeb;
let browser: Browser;

test.beforeAll(async () => {
  web = await startRemoteWeb();
  browser = await chromium.launch({ executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium', args: [...chromiumArgs, web.resolverRule] });
  workspace = await startDovecotWorkspace();
  await workspace.deliver(
    hostileMails.map((mail, i) =>
      buildMail({ from: mail.from, to: 'Acme Support <agent@example.test>', subject: mail.subject, html: mail.html, date: new Date(Date.now() - (10 - i) * 60_000) }),
    ),
  );
});

test.afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
  await web?.stop();
});

interface Watch {
  page: Page;
  executions: string[];
  /** Requests the browser started but its CSP stopped: the sanitizer should have left none. */
  blockedByCsp: string[];
}

/** A fresh window of the app, counting every script execution in it. */
async function openWindow(): Promise<Watch> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 850 } });
  const page = await context.newPage();
  const w: Watch = { page, executions: [], blockedByCsp: [] };
  await page.exposeBinding('__sbPwned', (_source, id: unknown) => {
    w.executions.push(`binding:${String(id)}`);
  });
  // A string, not a function: this file is type-checked without DOM types. Only the top window listens.
  await page.addInitScript({
    content: `if (window === window.top) window.addEventListener('message', (e) => {
      if (typeof e.data === 'string' && e.data.startsWith('pwned:')) window.__sbPwned('message:' + e.data);
    });`,
  });
  page.on('console', (message) => {
    if (message.text().includes('PWNED')) w.executions.push(`console:${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    w.executions.push(`dialog:${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('requestfailed', (request: Request) => {
    if (request.failure()?.errorText === 'csp') w.blockedByCsp.push(request.url());
  });
  return w;
}

async function openMail(page: Page, mail: HostileMail): Promise<void> {
  await page.getByTestId('message-row').filter({ hasText: mail.subject }).click();
  await expect(page.getByTestId('reading-subject')).toHaveText(mail.subject);
  await expect(page.frameLocator('[data-testid="mail-frame"]').getByText(mail.marker)).toBeVisible();
  // Give anything that would fire on load (handlers, refresh, timers) the chance to.
  await page.waitForTimeout(750);
}

function urls(): string[] {
  return web.requests.map((r) => r.url);
}

/**
 * Requests that told the remote server more than the app's bare origin. Chromium sends
 * that origin with the CSS images of a same-origin srcdoc frame whatever the referrer
 * policy (docs/decisions.md); a path, query or the launch token must never go out.
 */
function referredBeyondOrigin(page: Page): string[] {
  const origin = `${new URL(page.url()).origin}/`;
  return web.requests.filter((r) => r.referer !== null && r.referer !== origin).map((r) => `${r.url} <- ${r.referer}`);
}

// Same-origin is there so the app can measure the frame. These would let the mail act (scripts
// next to same-origin could even lift the sandbox), in any variant (-by-user-activation, -to-escape-sandbox).
const FORBIDDEN_SANDBOX = /^allow-(scripts|popups|forms|top-navigation|modals|downloads|pointer-lock|presentation|orientation-lock)/;

async function expectSandboxed(page: Page): Promise<void> {
  const tokens = ((await page.getByTestId('mail-frame').getAttribute('sandbox')) ?? '').split(/\s+/).filter(Boolean);
  expect(tokens.filter((token) => FORBIDDEN_SANDBOX.test(token)), 'sandbox flags that let mail act').toEqual([]);
  expect(tokens).toEqual(['allow-same-origin']);
}

function notImages(): string[] {
  return web.requests.filter((r) => r.host !== 'img.test' || !r.image).map((r) => r.url);
}

test('hostile HTML runs no script and loads nothing remote until images are allowed', async () => {
  const w = await openWindow();
  const { page } = w;
  web.reset();
  await workspace.connect(page, hostileMails.length);

  for (const mail of hostileMails) {
    await openMail(page, mail);
    await expectSandboxed(page);
    expect(w.executions, `script ran in "${mail.subject}"`).toEqual([]);
    expect(urls(), `remote request from "${mail.subject}" before images were allowed`).toEqual([]);
    // The sanitizer alone already strips every remote fetch: the frame's CSP never has to step in.
    expect(w.blockedByCsp, `"${mail.subject}" left remote fetches for the CSP to stop`).toEqual([]);
  }

  // Interactions inside the frame: links (javascript:, data:, target=_top, ping, image maps), handlers.
  await openMail(page, scriptZoo);
  await page.screenshot({ path: screenshotPath('html-security-scripts') });
  const frame = page.frameLocator('[data-testid="mail-frame"]');
  for (const id of ['#js-link', '#js-link-mixed', '#js-link-entity', '#data-link', '#phish-link', '#ping-link', '#clicky']) {
    const target = frame.locator(id);
    if ((await target.count()) > 0) await target.click({ timeout: 2_000 });
  }
  // The image map's two areas, one to the web and one to the app's own page, load nothing into the frame either.
  for (const x of [30, 90]) {
    await frame.locator('img[usemap]').click({ position: { x, y: 20 }, timeout: 2_000 });
    await page.waitForTimeout(300);
    await expect(frame.getByText(scriptZoo.marker), `the image-map link at x=${x} navigated the mail frame`).toBeVisible({ timeout: 2_000 });
  }
  await page.waitForTimeout(750);
  expect(page.frames().map((f) => f.url())).toEqual([page.url(), 'about:srcdoc']);
  expect(w.executions).toEqual([]);
  expect(urls()).toEqual([]);
  expect(web.otherConnections).toBe(0);
  expect(page.context().pages()).toHaveLength(1);
  expect(new URL(page.url()).hostname).toBe('127.0.0.1');
  await expect(page.getByTestId('reading-subject')).toHaveText(scriptZoo.subject);

  // After "Show images" only images load, and only from the image host.
  for (const mail of [remoteImages, cssExfiltration]) {
    await openMail(page, mail);
    await expect(page.getByTestId('show-images')).toBeVisible();
    web.reset();
    await page.getByTestId('show-images').click();
    for (const url of mail.mustLoadAfterAllow) {
      await expect.poll(urls, { message: `${url} should load after Show images` }).toContain(url);
    }
    await page.waitForTimeout(750);
    await page.screenshot({ path: screenshotPath(`html-security-allowed-${mail === remoteImages ? 'images' : 'css'}`) });
    expect(notImages(), `non-image or non-image-host requests in "${mail.subject}"`).toEqual([]);
    expect(referredBeyondOrigin(page), `images of "${mail.subject}" told the sender where the app is`).toEqual([]);
    expect(web.otherConnections).toBe(0);
    expect(w.executions).toEqual([]);
  }

  // The script mail has no images to allow; if a bar appears anyway, allowing must still load nothing but images.
  await openMail(page, scriptZoo);
  web.reset();
  if (await page.getByTestId('show-images').isVisible()) {
    await page.getByTestId('show-images').click();
    await page.waitForTimeout(750);
  }
  expect(notImages()).toEqual([]);
  expect(w.executions).toEqual([]);
  await page.context().close();
});

test('"Always show images from this sender" is remembered for the contact', async () => {
  const first = await openWindow();
  web.reset();
  await workspace.open(first.page, hostileMails.length);
  await openMail(first.page, remoteImages);
  // A per-message "Show images" from the first test is not remembered.
  await expect(first.page.getByTestId('show-images')).toBeVisible();
  expect(urls()).toEqual([]);

  await first.page.getByTestId('always-show-images').click();
  await expect(first.page.getByTestId('show-images')).toHaveCount(0);
  await expect.poll(urls).toContain(remoteImages.mustLoadAfterAllow[0]);
  await first.page.context().close();

  // A new window: the sender's images load without asking.
  const second = await openWindow();
  web.reset();
  await workspace.open(second.page, hostileMails.length);
  await openMail(second.page, remoteImages);
  await expect(second.page.getByTestId('remote-bar')).toHaveCount(0);
  await expect.poll(urls).toContain(remoteImages.mustLoadAfterAllow[0]);
  expect(notImages()).toEqual([]);

  // Other senders still ask.
  web.reset();
  await openMail(second.page, cssExfiltration);
  await expect(second.page.getByTestId('show-images')).toBeVisible();
  expect(urls()).toEqual([]);
  expect([...first.executions, ...second.executions]).toEqual([]);
  await second.page.context().close();
});
