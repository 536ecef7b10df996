/**
 * What "the app's own page" means, in one place. Everything else (navigation
 * guards, the CSP hook, handing a MessagePort to a window) asks this module,
 * so a page from anywhere else can never be mistaken for ours.
 *
 * Packaged: the renderer is served from `app://switchboard/` (a privileged
 * custom scheme, see app-protocol.ts) rather than file://, so the page is
 * its own origin and cannot read arbitrary files. Development: the
 * electron-vite dev server's URL.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';

export interface AppOrigin {
  /** The URL a window loads. */
  readonly entryUrl: string;
  /** True only for URLs of the app's own pages and assets. */
  isOwnUrl(url: string): boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** `devServerUrl`: electron-vite's ELECTRON_RENDERER_URL, honoured only in unpackaged runs. */
export function createAppOrigin(devServerUrl: string | null): AppOrigin {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (devServerUrl && (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:'))) {
    throw new Error(`ELECTRON_RENDERER_URL is not an http(s) URL: ${devServerUrl}`);
  }
  const protocol = dev ? dev.protocol : `${APP_SCHEME}:`;
  // `URL.host` includes the port, so another service on the same host does not count as ours.
  const host = dev ? dev.host : APP_HOST;
  const entryUrl = dev ? dev.href : `${APP_SCHEME}://${APP_HOST}/index.html`;
  return {
    entryUrl,
    isOwnUrl(url) {
      const u = parse(url);
      // Credentials in the URL never belong to our pages; refuse rather than normalize.
      return u !== null && u.protocol === protocol && u.host === host && u.username === '' && u.password === '';
    },
  };
}
