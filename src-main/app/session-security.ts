/**
 * Session-wide defences, installed once before the first window:
 * - the Content-Security-Policy header on every response of the app's own
 *   pages (an XSS in rendered mail then still cannot load or send anything);
 * - no Referer on requests that leave the app (a mail's images, once the
 *   agent allows them): Chromium sends CSS images of the same-origin mail
 *   frame with its default policy, whatever the page's `no-referrer` says;
 * - every permission request and check answered "no" (a mail client needs
 *   no camera, geolocation, notifications-from-web or USB);
 * - no device access (HID, serial, USB).
 */
import type { Session } from 'electron';
import type { AppOrigin } from './app-origin.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob: data:",
  "img-src 'self' data: blob: https: http:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

type Headers = Record<string, string[]>;

/** The response headers with our CSP in place of any the server sent (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: Headers | undefined): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/** The request headers without `Referer` (header names are case-insensitive). */
export function withoutReferer(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'referer') out[name] = value;
  return out;
}

export function hardenSession(session: Session, origin: AppOrigin): void {
  session.webRequest.onBeforeSendHeaders((details, callback) => {
    callback(origin.isOwnUrl(details.url) ? {} : { requestHeaders: withoutReferer(details.requestHeaders) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!origin.isOwnUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
