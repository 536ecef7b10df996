/**
 * The only door from the app to the OS's other programs. A URL leaves only if
 * its scheme is http, https or mailto: anything else (file:, javascript:,
 * smb:, custom handlers that launch programs) is refused, because
 * `shell.openExternal` on an attacker's URL is code execution on some
 * platforms. Mail content is attacker-controlled, so this check matters.
 */
import { shell } from 'electron';
import type { Logger } from './log.ts';

const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
// Long enough for real tracking links, short enough to refuse garbage.
const MAX_URL_LENGTH = 8192;

/** The URL normalized for handing to the OS, or null when it may not leave. */
export function externalUrlOrNull(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) return null;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') return null;
  return url.href;
}

export type OpenExternal = (url: string) => void;

export function createExternalOpener(log: Logger): OpenExternal {
  return (raw) => {
    const url = externalUrlOrNull(raw);
    if (url === null) {
      log.warn('refused to open a link outside the app', { scheme: raw.slice(0, raw.indexOf(':') + 1).slice(0, 32) });
      return;
    }
    shell.openExternal(url).catch((err: unknown) => {
      log.warn('the OS could not open a link', { err });
    });
  };
}
