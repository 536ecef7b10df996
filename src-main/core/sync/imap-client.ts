/**
 * The one place ServerSettings become an IMAP client (imapflow); smtp-client.ts
 * is its twin for SMTP. Every connection Switchboard makes follows the same
 * safety rules:
 *
 * - TLS certificates are always verified (never `rejectUnauthorized: false`);
 *   TLS 1.2 at least.
 * - `starttls` REQUIRES the upgrade: a server (or an attacker on the path)
 *   that does not offer STARTTLS gets no password, instead of a silent
 *   downgrade to plain text.
 * - `none` means plain text, as the agent chose (local test servers, some
 *   intranet setups); no opportunistic upgrade, which would fail on the
 *   self-signed certificates such servers tend to have.
 * - The libraries' own loggers are off: they would log protocol lines to
 *   stdout; our callers log classified errors instead.
 */
import { ImapFlow } from 'imapflow';
import type { ImapFlowOptions } from 'imapflow';
import type { ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';

export interface ClientTimeouts {
  /** TCP + TLS connect. */
  connectMs?: number;
  /** Waiting for the server's greeting once connected. */
  greetingMs?: number;
  /** Inactivity on an established connection. */
  socketMs?: number;
}

export const tlsOptions = { rejectUnauthorized: true, minVersion: 'TLSv1.2' } as const;

export function imapOptions(settings: ServerSettings, timeouts: ClientTimeouts = {}): ImapFlowOptions {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    auth: { user: settings.user, pass: settings.password },
    tls: { ...tlsOptions },
    logger: false,
    connectionTimeout: timeouts.connectMs ?? 30_000,
    greetingTimeout: timeouts.greetingMs ?? 16_000,
    socketTimeout: timeouts.socketMs ?? 5 * 60_000,
    clientInfo: { name: 'Switchboard' },
  };
}

export function createImapClient(settings: ServerSettings, timeouts: ClientTimeouts = {}, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({ ...imapOptions(settings, timeouts), ...extra });
}

/** LOGOUT, but never wait more than `graceMs` (on the Clock) for a server that does not answer. */
export async function closeGracefully(client: ImapFlow, clock: Clock, graceMs = 2_000): Promise<void> {
  await new Promise<void>((resolve) => {
    const cancel = clock.schedule(graceMs, () => {
      client.close();
      resolve();
    });
    client.logout().then(
      () => (cancel(), resolve()),
      () => (cancel(), client.close(), resolve()),
    );
  });
}
