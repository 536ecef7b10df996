/**
 * ServerSettings → an SMTP client (nodemailer), under the same safety rules as
 * imap-client.ts: certificates verified, `starttls` required when chosen,
 * `none` stays plain text, no library logging.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { ServerSettings } from '../../../src-preload/api.ts';
import type { ClientTimeouts } from './imap-client.ts';
import { tlsOptions } from './imap-client.ts';

export function createSmtpTransport(settings: ServerSettings, timeouts: ClientTimeouts = {}): Transporter {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
    tls: { ...tlsOptions },
    connectionTimeout: timeouts.connectMs ?? 30_000,
    greetingTimeout: timeouts.greetingMs ?? 16_000,
    socketTimeout: timeouts.socketMs ?? 60_000,
    logger: false,
  });
}
