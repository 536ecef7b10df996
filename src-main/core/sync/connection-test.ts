/**
 * "Test connection" in the account form: sign in to IMAP and SMTP, both at
 * once, each under its own deadline, and explain any failure in plain words.
 *
 * Never throws: every outcome, including a bug in a library, is a ServerCheck
 * the form can show. Certificates are verified (see imap-client.ts), so a
 * server with an untrusted certificate fails here before any password is sent.
 */
import type { AccountSettingsInput, ConnectionTestResult, ServerCheck, ServerSettings } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { MailProtocol } from './classify-error.ts';
import { classifyConnectionError, DeadlineError } from './classify-error.ts';
import { sentence } from '../sentences.ts';
import type { ClientTimeouts } from './imap-client.ts';
import { createImapClient } from './imap-client.ts';
import { createSmtpTransport } from './smtp-client.ts';

export interface ConnectionTestOptions {
  /** Per server; default 15 s. */
  timeoutMs?: number;
  clock?: Clock;
}

export const DEFAULT_TEST_TIMEOUT_MS = 15_000;

function timeoutsFor(timeoutMs: number): ClientTimeouts {
  // The library's own greeting timeout fires first, so a silent non-IMAP/SMTP
  // service (a web server) is reported as such rather than as a plain timeout.
  return { connectMs: timeoutMs, greetingMs: Math.max(500, Math.floor(timeoutMs * 0.66)), socketMs: timeoutMs };
}

function withDeadline<T>(work: Promise<T>, ms: number, clock: Clock, onExpire: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = clock.schedule(ms, () => {
      onExpire();
      reject(new DeadlineError(ms));
    });
    work.then(
      (v) => {
        cancel();
        resolve(v);
      },
      (e: unknown) => {
        cancel();
        reject(e);
      },
    );
  });
}

function failed(err: unknown, protocol: MailProtocol, settings: ServerSettings): ServerCheck {
  const c = classifyConnectionError(err, { protocol, host: settings.host, port: settings.port });
  return { ok: false, problem: c.problem, message: c.message, detail: c.detail };
}

export async function checkImap(settings: ServerSettings, options: ConnectionTestOptions = {}): Promise<ServerCheck> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  let client: ReturnType<typeof createImapClient> | null = null;
  try {
    client = createImapClient(settings, timeoutsFor(timeoutMs), { disableAutoIdle: true });
    const c = client;
    // After connect() settled, errors arrive as events; without a listener they would crash core.
    c.on('error', () => {});
    await withDeadline(c.connect(), timeoutMs, options.clock ?? systemClock, () => c.close());
    await c.logout().catch(() => c.close());
    return { ok: true, problem: null, message: sentence('signedIn', { host: settings.host }), detail: null };
  } catch (err) {
    client?.close();
    return failed(err, 'imap', settings);
  }
}

export async function checkSmtp(settings: ServerSettings, options: ConnectionTestOptions = {}): Promise<ServerCheck> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  let transport: ReturnType<typeof createSmtpTransport> | null = null;
  try {
    transport = createSmtpTransport(settings, timeoutsFor(timeoutMs));
    const t = transport;
    await withDeadline(t.verify(), timeoutMs, options.clock ?? systemClock, () => t.close());
    return {
      ok: true,
      problem: null,
      message: sentence(settings.user ? 'signedIn' : 'acceptsMail', { host: settings.host }),
      detail: null,
    };
  } catch (err) {
    return failed(err, 'smtp', settings);
  } finally {
    transport?.close();
  }
}

export async function testConnection(settings: AccountSettingsInput, options: ConnectionTestOptions = {}): Promise<ConnectionTestResult> {
  const [imap, smtp] = await Promise.all([checkImap(settings.imap, options), checkSmtp(settings.smtp, options)]);
  return { imap, smtp };
}
