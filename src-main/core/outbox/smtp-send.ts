/**
 * One SMTP submission: connect, authenticate, send the raw bytes, and turn
 * whatever happens into an outcome with plain words for the agent (a sentence
 * by key) and the server's own answer, verbatim, for the audit.
 *
 * SMTPConnection rather than a nodemailer transport: we need the server's
 * SIZE limit (learned from EHLO, for checking before queueing) and the
 * per-recipient answers. Connection safety follows sync/smtp-client.ts:
 * certificates verified, STARTTLS required when chosen, `none` plain.
 */
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Sentence, ServerSettings } from '../../../src-preload/api.ts';
import { sentence } from '../sentences.ts';
import { tlsOptions } from '../sync/imap-client.ts';

export type SmtpOutcome =
  | { kind: 'accepted'; response: string; rejected: Array<{ address: string; response: string }>; maxSize: number | null }
  /**
   * `transient`: worth retrying later (server unreachable, 4xx). `unreachable`: no connection could be made at
   * all (no network, DNS, nobody listening): nothing was sent and nothing is wrong with the mail.
   */
  | { kind: 'failed'; transient: boolean; unreachable: boolean; reason: Sentence; response: string | null; maxSize: number | null };

interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  command?: string;
  recipient?: string;
}

const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EDNS']);

/**
 * Plain words for a failed submission, as a sentence by key (the agent reads it in their language); `transient`
 * when trying again later may help. A refusal the server explained keeps its answer verbatim, as a value.
 */
export function classifySmtpError(err: SmtpErrorLike, recipients: readonly string[]): { transient: boolean; reason: Sentence } {
  const code = err.responseCode ?? 0;
  const text = `${err.response ?? ''} ${err.message ?? ''}`;
  if (err.code === 'EAUTH' || code === 535 || code === 534) return { transient: false, reason: sentence('smtpAuthRejected') };
  if (code === 552 || /message size|too large|size (limit|exceeded)|larger than allowed/i.test(text)) {
    return { transient: false, reason: sentence('messageTooLarge') };
  }
  if (err.code === 'EENVELOPE' && err.command === 'RCPT TO') {
    const who = err.recipient ?? recipients.join(', ');
    return { transient: code >= 400 && code < 500, reason: sentence('recipientRefused', { recipient: who }) };
  }
  if (err.code === 'EENVELOPE' && /recipient/i.test(text)) {
    return { transient: false, reason: sentence('recipientsRefused', { recipients: recipients.join(', ') }) };
  }
  if (err.code && NETWORK_CODES.has(err.code)) return { transient: true, reason: sentence('smtpUnreachable') };
  if (err.code === 'ETLS' || /certificate|self[- ]signed/i.test(text)) return { transient: false, reason: sentence('smtpCertificate') };
  if (code >= 400 && code < 500) return { transient: true, reason: sentence('smtpBusy') };
  if (code >= 500) return { transient: false, reason: sentence('smtpRefused', { response: (err.response ?? err.message ?? '').trim() }) };
  return { transient: true, reason: sentence('sendFailedUnexplained') };
}

export interface SmtpSubmission {
  settings: ServerSettings;
  from: string;
  recipients: string[];
  raw: Buffer;
  /** Test hook and safety: give up a stuck server after this long. */
  timeoutMs?: number;
}

export async function submitMessage(s: SmtpSubmission): Promise<SmtpOutcome> {
  const timeout = s.timeoutMs ?? 60_000;
  const conn = new SMTPConnection({
    host: s.settings.host,
    port: s.settings.port,
    secure: s.settings.security === 'tls',
    requireTLS: s.settings.security === 'starttls',
    ignoreTLS: s.settings.security === 'none',
    tls: { ...tlsOptions },
    connectionTimeout: Math.min(timeout, 30_000),
    greetingTimeout: Math.min(timeout, 16_000),
    socketTimeout: timeout,
    logger: false,
  });
  let maxSize: number | null = null;
  const readMaxSize = (): void => {
    // Learned from EHLO; nodemailer keeps it on the connection without a public accessor.
    const n = (conn as unknown as { _maxAllowedSize?: number })._maxAllowedSize;
    maxSize = typeof n === 'number' && n > 0 ? n : null;
  };
  // nodemailer reports a failure either to the step's callback or as an 'error' event (a refused or lost
  // connection, a DNS failure: never to connect()'s callback), so each step settles on whichever comes first.
  // Without this a server that cannot be reached left the step, and the outbox behind it, waiting forever.
  let failStep: ((err: unknown) => void) | null = null;
  let lastError: unknown = null;
  conn.on('error', (err: unknown) => {
    lastError = err;
    failStep?.(err);
  });
  const step = <T>(run: (done: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (lastError !== null) {
        reject(lastError);
        return;
      }
      failStep = reject;
      run((err, value) => (err ? reject(err) : resolve(value as T)));
    }).finally(() => {
      failStep = null;
    });
  let connected = false;
  try {
    await step<void>((done) => conn.connect((err) => done(err)));
    connected = true;
    readMaxSize();
    if (s.settings.user) {
      await step<void>((done) => conn.login({ user: s.settings.user, pass: s.settings.password }, (err) => done(err)));
    }
    const info = await step<SMTPConnection.SentMessageInfo>((done) => conn.send({ from: s.from, to: s.recipients }, s.raw, (err, result) => done(err, result)));
    const rejected = (info.rejectedErrors ?? []).map((e) => ({ address: (e as SmtpErrorLike).recipient ?? '', response: e.response ?? e.message }));
    for (const address of info.rejected) if (!rejected.some((r) => r.address === address)) rejected.push({ address, response: '' });
    return { kind: 'accepted', response: info.response, rejected, maxSize };
  } catch (err) {
    readMaxSize();
    const e = err as SmtpErrorLike;
    const { transient, reason } = classifySmtpError(e, s.recipients);
    const unreachable = !connected && reason.key === 'smtpUnreachable';
    return { kind: 'failed', transient, unreachable, reason, response: e.response ?? e.message ?? null, maxSize };
  } finally {
    try {
      conn.quit();
    } catch {
      conn.close();
    }
  }
}
