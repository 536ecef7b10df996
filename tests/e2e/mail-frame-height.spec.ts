/**
 * An HTML mail's frame is as tall as the mail: a short one leaves no gap
 * under it, a long one makes the reading pane scroll rather than a small
 * scrollbar inside the frame, and the height follows the content when
 * remote images arrive or the pane's width re-wraps the text. Real mail in a
 * real Dovecot INBOX, opened in the app in Chromium; what the frame's
 * document measures is read inside the frame, the frame's height outside.
 */
import { chromium, expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import fs from 'node:fs';
import { chromiumArgs } from '../../playwright.config.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import { startDovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import type { DovecotWorkspace } from './fixtures/dovecot-workspace.ts';
import { startRemoteWeb } from './fixtures/remote-web.ts';
import type { RemoteWeb } from './fixtures/remote-web.ts';
import { screenshotPath } from './support/core-host.ts';

interface SizedMail {
  subject: string;
  /** Visible text at the end of the mail. */
  marker: string;
  html: string;
  text: string;
}

const words = 'The replacement shade ships from our warehouse in Leipzig; the courier will call before delivery, and the old shade can go back in the same box with the prepaid label.';

const shortMail: SizedMail = {
  subject: 'Thanks, solved (short HTML)',
  marker: 'SIZE-SHORT',
  html: '<html><body><p>Thanks, that fixed it. SIZE-SHORT</p></body></html>',
  text: 'Thanks, that fixed it. SIZE-SHORT',
};

const longParagraphs = Array.from({ length: 25 }, (_, i) => `Paragraph ${i + 1}. ${words}`);
const longMail: SizedMail = {
  subject: 'Delivery terms (long HTML)',
  marker: 'SIZE-LONG-END',
  html: `<html><body><h1>Delivery terms</h1>${longParagraphs.map((p) => `<p>${p}</p>`).join('')}<p>SIZE-LONG-END</p></body></html>`,
  text: `${longParagraphs.join('\n\n')}\n\nSIZE-LONG-END`,
};

// A 1x1 GIF from the remote-web fixture, drawn 320 px wide: 320 px taller once images are shown.
const imageMail: SizedMail = {
  subject: 'Photo of the damage (image)',
  marker: 'SIZE-IMAGE-END',
  html: '<html><body><p>Here is the photo:</p><img src="http://img.test/damage.gif" alt="" style="width:320px"><p>SIZE-IMAGE-END</p></body></html>',
  text: 'Here is the photo:\n[photo]\nSIZE-IMAGE-END',
};

// Template habits: a root stretched to the viewport, and a table wider than any pane.
const wideMail: SizedMail = {
  subject: 'Spring newsletter (wide)',
  marker: 'SIZE-WIDE-END',
  html: [
    '<html><head><style>html,body{height:100%!important;margin:0 auto!important}</style></head><body>',
    '<table width="1600" cellpadding="12" style="background:#eef4ff"><tr><td>Spring newsletter, 1600 px wide.</td></tr>',
    '<tr><td>Lamps, shades and teapots.</td></tr><tr><td>SIZE-WIDE-END</td></tr></table>',
    '</body></html>',
  ].join(''),
  // Long enough that the old estimate started at its 900 px maximum.
  text: `${longParagraphs.join('\n\n')}\n\nSIZE-WIDE-END`,
};

// A pasted log: past the frame's cap (use-frame-height.ts), so the frame scrolls inside from there.
const logLines = Array.from({ length: 800 }, (_, i) => `2025-03-0${(i % 9) + 1} 12:00:${String(i % 60).padStart(2, '0')} worker-${i % 7} job ${i} done`);
const giantMail: SizedMail = {
  subject: 'Export log (giant HTML)',
  marker: 'SIZE-GIANT-END',
  html: `<html><body><pre>${logLines.join('\n')}\nSIZE-GIANT-END</pre></body></html>`,
  text: `${logLines.join('\n')}\nSIZE-GIANT-END`,
};

const mails = [shortMail, longMail, imageMail, wideMail, giantMail];

let workspace: DovecotWorkspace;
let web: RemoteWeb;
let browser: Browser;

test.beforeAll(async () => {
  web = await startRemoteWeb();
  browser = await chromium.launch({
    executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
    args: [...chromiumArgs, web.resolverRule],
    // Real scrollbars, as on the desktop: a wide mail's horizontal one takes height the frame must make up for.
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
  workspace = await startDovecotWorkspace();
  await workspace.deliver(
    mails.map((mail, i) =>
      buildMail({ from: 'Alice Example <alice@shop.example>', to: 'Acme Support <agent@example.test>', subject: mail.subject, html: mail.html, text: mail.text, date: new Date(Date.now() - (10 - i) * 60_000) }),
    ),
  );
});

test.afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
  await web?.stop();
});

interface Metrics {
  /** The frame element's height in the app. */
  frame: number;
  /** Where the mail ends inside the frame: the body's bottom margin edge. */
  contentBottom: number;
  scrollHeight: number;
  clientHeight: number;
  scrollWidth: number;
  clientWidth: number;
}

// The frame's DOM; this file is type-checked without the DOM library.
interface FrameRoot {
  scrollHeight: number;
  clientHeight: number;
  scrollWidth: number;
  clientWidth: number;
  scrollTop: number;
  ownerDocument: { body: { getBoundingClientRect(): { bottom: number } } };
}
interface FrameGlobals {
  getComputedStyle(element: unknown): { marginBottom: string; overflowY: string };
}

async function measure(page: Page): Promise<Metrics> {
  const box = await page.getByTestId('mail-frame').boundingBox();
  const inside = await page.frameLocator('[data-testid="mail-frame"]').locator('html').evaluate((element) => {
    const root = element as unknown as FrameRoot;
    const body = root.ownerDocument.body;
    const margin = parseFloat((globalThis as unknown as FrameGlobals).getComputedStyle(body).marginBottom);
    return {
      contentBottom: body.getBoundingClientRect().bottom + root.scrollTop + margin,
      scrollHeight: root.scrollHeight,
      clientHeight: root.clientHeight,
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
    };
  });
  return { frame: box?.height ?? 0, ...inside };
}

/** The whole mail shows (nothing scrolls inside the frame vertically), and nothing but the mail: no big gap under it. */
function fitted(m: Metrics): boolean {
  return m.scrollHeight <= m.clientHeight + 1 && Math.abs(m.frame - m.contentBottom) <= 40;
}

async function openMail(page: Page, mail: SizedMail): Promise<void> {
  await page.getByTestId('message-row').filter({ hasText: mail.subject }).click();
  await expect(page.getByTestId('reading-subject')).toHaveText(mail.subject);
  await expect(page.frameLocator('[data-testid="mail-frame"]').getByText(mail.marker)).toBeVisible();
}

/** For a person to look at; kept next to the other screenshots, and under FRAME_SHOTS_DIR when set. */
async function shoot(page: Page, name: string): Promise<void> {
  const file = screenshotPath(name);
  await page.screenshot({ path: file });
  const extra = process.env.FRAME_SHOTS_DIR;
  if (extra) {
    fs.mkdirSync(extra, { recursive: true });
    fs.copyFileSync(file, `${extra}/${name}.png`);
  }
}

test('an HTML mail frame is as tall as the mail and follows it', async () => {
  const context = await browser.newContext({ viewport: { width: 1360, height: 850 } });
  const page = await context.newPage();
  await workspace.connect(page, mails.length);

  await openMail(page, shortMail);
  await expect.poll(() => measure(page).then(fitted), { message: 'short mail: frame fits its content' }).toBe(true);
  const short = await measure(page);
  expect(short.frame, 'a one-line mail is not given a tall box').toBeLessThan(120);
  await shoot(page, 'mail-frame-short');

  await openMail(page, longMail);
  await expect.poll(() => measure(page).then(fitted), { message: 'long mail: frame fits its content' }).toBe(true);
  const long = await measure(page);
  expect(long.frame).toBeGreaterThan(900);
  await shoot(page, 'mail-frame-long');
  // The reading pane scrolls to the end of the mail; the frame itself does not scroll.
  await page.frameLocator('[data-testid="mail-frame"]').getByText(longMail.marker).scrollIntoViewIfNeeded();
  await shoot(page, 'mail-frame-long-end');

  // A narrower pane re-wraps the text: the frame grows with it.
  await page.setViewportSize({ width: 1200, height: 850 });
  await expect.poll(async () => {
    const m = await measure(page);
    return fitted(m) && m.frame > long.frame + 100;
  }, { message: 'long mail after the pane got narrower' }).toBe(true);
  await page.setViewportSize({ width: 1360, height: 850 });
  await expect.poll(() => measure(page).then((m) => fitted(m) && Math.abs(m.frame - long.frame) <= 1), { message: 'long mail back at full width' }).toBe(true);

  // Images the agent shows later make the mail taller: so does the frame.
  await openMail(page, imageMail);
  await expect.poll(() => measure(page).then(fitted)).toBe(true);
  const blocked = await measure(page);
  await page.getByTestId('show-images').click();
  await expect.poll(() => web.requests.map((r) => r.url)).toContain('http://img.test/damage.gif');
  await expect.poll(async () => {
    const m = await measure(page);
    return fitted(m) && m.frame >= blocked.frame + 300;
  }, { message: 'image mail after Show images' }).toBe(true);

  // A template that stretches its root to the viewport still gets a frame of its own height;
  // a table wider than the pane scrolls sideways inside, with all of it above the scrollbar.
  await openMail(page, wideMail);
  await expect.poll(() => measure(page).then(fitted), { message: 'wide mail: frame fits its content' }).toBe(true);
  const wide = await measure(page);
  expect(wide.scrollWidth).toBeGreaterThan(wide.clientWidth);
  expect(wide.frame - wide.clientHeight, 'the horizontal scrollbar is below the mail, not over it').toBeGreaterThan(0);
  expect(wide.frame).toBeLessThan(400);
  await shoot(page, 'mail-frame-wide');

  // Past the cap the frame stops growing and scrolls inside: all of the mail is still reachable.
  await openMail(page, giantMail);
  await expect.poll(() => measure(page).then((m) => m.frame)).toBe(10_000);
  const giant = await measure(page);
  expect(giant.scrollHeight).toBeGreaterThan(giant.clientHeight);
  expect(await page.frameLocator('[data-testid="mail-frame"]').locator('html').evaluate((root) => (globalThis as unknown as FrameGlobals).getComputedStyle(root).overflowY)).toBe('auto');
  await context.close();
});
