/**
 * Keeps every window on the app's own page. A window never opens another
 * window, and never navigates away: a link to the web goes to the OS browser,
 * an attachment blob of our own page is downloaded
 * (through external-links.ts, which refuses dangerous schemes), anything else
 * is dropped. Frames inside the page (the sandboxed mail view) may show only
 * our own, blank, blob: or data: documents.
 */
import type { WebContents } from 'electron';
import type { AppOrigin } from './app-origin.ts';
import type { OpenExternal } from './external-links.ts';
import type { Logger } from './log.ts';

const FRAME_SAFE = /^(about:blank|about:srcdoc|blob:|data:)/i;

export function guardNavigation(contents: WebContents, origin: AppOrigin, openExternal: OpenExternal, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    // An attachment the page made into a blob: URL is saved (with the OS save dialog), never shown in a new window.
    if (url.startsWith('blob:') && origin.isOwnUrl(url.slice('blob:'.length))) {
      contents.downloadURL(url);
      return { action: 'deny' };
    }
    openExternal(url);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    if (origin.isOwnUrl(event.url)) return;
    event.preventDefault();
    openExternal(event.url);
  });

  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || origin.isOwnUrl(event.url) || FRAME_SAFE.test(event.url)) return;
    // No external open here: a frame navigation need not come from a click.
    event.preventDefault();
    log.warn('blocked a frame navigating away from the app');
  });

  contents.on('will-redirect', (event) => {
    if (!event.isMainFrame || origin.isOwnUrl(event.url)) return;
    event.preventDefault();
    log.warn('blocked a redirect away from the app');
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
