/**
 * Switchboard as the OS's mailto: handler. A mailto: URL comes from any web
 * page or program, so it is parsed strictly (RFC 6068): only to/cc/bcc/
 * subject/body are taken, addresses must look like addresses, header values
 * cannot smuggle line breaks, and sizes are capped. Everything else in the
 * URL is ignored.
 *
 * Until compose exists the request is logged (counts only: addresses are
 * personal data) and kept for the renderer to collect, and the window comes
 * forward.
 */
import { app } from 'electron';
import type { Logger } from './log.ts';

export interface MailtoRequest {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
}

const MAX_URL_CHARS = 64 * 1024;
const MAX_RECIPIENTS = 100;
const MAX_SUBJECT_CHARS = 998;
const MAX_BODY_CHARS = 32 * 1024;
const ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]+$/;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Valid addresses from a comma-separated, percent-encoded list; null when the encoding is broken. */
function addresses(encoded: string): string[] | null {
  const decoded = decode(encoded);
  if (decoded === null) return null;
  return decoded
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.length <= 320 && ADDRESS.test(a));
}

/** The compose request a mailto: URL asks for, or null when it is not a usable mailto: URL. */
export function parseMailto(raw: string): MailtoRequest | null {
  if (raw.length > MAX_URL_CHARS || !/^mailto:/i.test(raw)) return null;
  const rest = raw.slice('mailto:'.length);
  const q = rest.indexOf('?');
  const to = addresses(q === -1 ? rest : rest.slice(0, q));
  if (to === null) return null;
  const request: MailtoRequest = { to, cc: [], bcc: [], subject: '', body: '' };
  const query = q === -1 ? '' : rest.slice(q + 1);
  for (const field of query.split('&')) {
    if (field === '') continue;
    const eq = field.indexOf('=');
    const name = (eq === -1 ? field : field.slice(0, eq)).toLowerCase();
    const encoded = eq === -1 ? '' : field.slice(eq + 1);
    if (name === 'to' || name === 'cc' || name === 'bcc') {
      const list = addresses(encoded);
      if (list === null) return null;
      request[name].push(...list);
    } else if (name === 'subject' || name === 'body') {
      const value = decode(encoded);
      if (value === null) return null;
      if (name === 'subject') request.subject = value.replace(/[\r\n\t]+/g, ' ').trim().slice(0, MAX_SUBJECT_CHARS);
      else request.body = value.replace(/\r\n?/g, '\n').slice(0, MAX_BODY_CHARS);
    }
    // Other headers (from, in-reply-to, attach…) are ignored on purpose.
  }
  request.to = request.to.slice(0, MAX_RECIPIENTS);
  request.cc = request.cc.slice(0, MAX_RECIPIENTS);
  request.bcc = request.bcc.slice(0, MAX_RECIPIENTS);
  return request;
}

/** The mailto: URL among a launch's arguments (Windows and Linux pass it on the command line). */
export function findMailtoArg(argv: readonly string[]): string | null {
  return argv.find((arg) => /^mailto:/i.test(arg)) ?? null;
}

/**
 * Claims mailto: for this app. Only when packaged: a development build must
 * not take over the developer's mail links (it would point at a dev binary).
 */
export function registerMailtoHandler(isPackaged: boolean, log: Logger): void {
  if (!isPackaged) return;
  if (app.isDefaultProtocolClient('mailto')) return;
  if (!app.setAsDefaultProtocolClient('mailto')) log.warn('the OS did not accept Switchboard as the mailto: handler');
}

export interface MailtoInbox {
  /** A mailto: URL arrived (launch argument, second instance, macOS open-url). */
  receive(url: string): void;
  /** Requests not yet handed to compose, oldest first; empties the inbox. */
  take(): MailtoRequest[];
}

export function createMailtoInbox(log: Logger, focusApp: () => void): MailtoInbox {
  let pending: MailtoRequest[] = [];
  return {
    receive(url) {
      const request = parseMailto(url);
      if (request === null) {
        log.warn('ignored a malformed mailto: link');
        return;
      }
      log.info('mailto: link received', {
        to: request.to.length,
        cc: request.cc.length,
        bcc: request.bcc.length,
        subject: request.subject !== '',
        body: request.body !== '',
      });
      // Bounded: a script hammering mailto: must not grow memory.
      pending = [...pending, request].slice(-10);
      focusApp();
    },
    take() {
      const out = pending;
      pending = [];
      return out;
    },
  };
}
