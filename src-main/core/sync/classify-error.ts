/**
 * Connection failures → a category and one plain sentence an agent can act on.
 * The sync loop's failures include this computer's own (a full disk, a
 * damaged cache) and Switchboard's own (a bug): those are named as such
 * (`classifyLocalError`), never as a connection problem.
 *
 * Errors come from three layers with different shapes: Node's sockets, TLS
 * and DNS (`code: 'ECONNREFUSED'`...), imapflow (`authenticationFailed`,
 * `GREETING_TIMEOUT`, the server's NO/BAD text) and nodemailer (its own codes,
 * `EAUTH`, `ESOCKET`, with the system code kept in `originalCode`). We look at
 * the whole chain (`cause`, `_err`, `originalCode`) and decide by codes first
 * and by well-known message text only as a fallback.
 *
 * The technical detail (code, server answer) goes to `detail` for the log and
 * a "details" toggle; it never carries the password (we never include the
 * command that was sent).
 */
import type { ConnectionProblem, HealthState, Sentence, SentenceKey } from '../../../src-preload/api.ts';
import { sentence } from '../sentences.ts';

export type MailProtocol = 'imap' | 'smtp';

export interface ConnectionContext {
  protocol: MailProtocol;
  host: string;
  port: number;
}

export interface ClassifiedError {
  problem: ConnectionProblem;
  message: Sentence;
  detail: string | null;
}

/** Raised by our own deadline around a whole check (see connection-test.ts). */
export class DeadlineError extends Error {
  readonly code = 'SB_DEADLINE';
  readonly ms: number;
  constructor(ms: number) {
    super(`No answer within ${ms} ms`);
    this.name = 'DeadlineError';
    this.ms = ms;
  }
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  _err?: unknown;
  parserError?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  response?: unknown;
  responseText?: unknown;
  serverResponseCode?: unknown;
  reason?: unknown;
}

function chainOf(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 8) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || out.includes(e as ErrorLike)) continue;
    const o = e as ErrorLike;
    out.push(o);
    queue.push(o.cause, o._err, o.parserError);
  }
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const certificateReasons: Record<string, SentenceKey> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certSelfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'certUnknownAuthority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certUnknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT: 'certUnknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certUnknownAuthority',
  CERT_HAS_EXPIRED: 'certExpired',
  CERT_NOT_YET_VALID: 'certNotYetValid',
  CERT_REVOKED: 'certRevoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certWrongName',
  CERT_SIGNATURE_FAILURE: 'certBadSignature',
  CERT_UNTRUSTED: 'certNotForPurpose',
  INVALID_CA: 'certInvalidIssuer',
};

// nodemailer sometimes keeps only the message of a TLS error.
const certificateMessages: Array<[RegExp, string]> = [
  [/self[- ]signed certificate in certificate chain/i, 'SELF_SIGNED_CERT_IN_CHAIN'],
  [/self[- ]signed certificate/i, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  [/unable to verify the first certificate/i, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  [/unable to get (local )?issuer certificate/i, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'],
  [/certificate has expired/i, 'CERT_HAS_EXPIRED'],
  [/certificate is not yet valid/i, 'CERT_NOT_YET_VALID'],
  [/does not match certificate's altnames/i, 'ERR_TLS_CERT_ALTNAME_INVALID'],
];

const dnsCodes = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA', 'EAI_AGAIN', 'EDNS']);
const timeoutCodes = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'UPGRADE_TIMEOUT', 'SB_DEADLINE', 'ESOCKETTIMEDOUT']);
const unreachableCodes = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EConnectionClosed', 'NoConnection', 'ClosedAfterConnectTLS']);
const notImapCodes = new Set(['GREETING_TIMEOUT', 'InvalidResponse', 'UnexpectedTag', 'MissingTag', 'ClosedAfterConnectText', 'ParserErrorExchange']);

function describe(chain: ErrorLike[]): string | null {
  const parts: string[] = [];
  for (const e of chain) {
    const code = str(e.originalCode) || str(e.code);
    const message = str(e.message).trim().split('\n')[0] ?? '';
    const response = str(e.response) || str(e.responseText);
    const line = [code, message, response && !message.includes(response) ? `server said: ${response}` : '']
      .filter(Boolean)
      .join(': ');
    if (line && !parts.includes(line)) parts.push(line);
  }
  return parts.length > 0 ? parts.join(' ← ') : null;
}

const diskFullCodes = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

// SQLite failures that say the code is wrong (a broken rule, a statement that cannot run), not the storage.
const programSqliteCodes = ['SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_RANGE', 'SQLITE_ERROR', 'SQLITE_MISUSE', 'SQLITE_SCHEMA', 'SQLITE_TOOBIG'];
const isProgramSqlite = (code: string): boolean => programSqliteCodes.some((p) => code === p || code.startsWith(`${p}_`));
// Thrown by JavaScript itself on a bug; network and server failures are plain Errors with codes.
const programErrorNames = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

/**
 * A failure of this computer's own storage (the cache or the attachment
 * folder), or of Switchboard itself (a bug), not of the server; null for
 * anything else. The sync loop meets these mid-pass, where blaming the
 * connection would send the agent to check settings that are fine.
 */
export function classifyLocalError(err: unknown): ClassifiedError | null {
  const chain = chainOf(err);
  const codes = chain.flatMap((e) => [str(e.code), str(e.originalCode)]).filter(Boolean);
  const detail = describe(chain);
  const program = codes.some(isProgramSqlite) || (err instanceof Error && programErrorNames.has(err.name));
  // Short enough for the sidebar: the error itself is in `detail` and, with its stack, in the log.
  if (program) return { problem: 'internal', message: sentence('internal'), detail };
  const local = codes.find((c) => c.startsWith('SQLITE_') || diskFullCodes.has(c) || c === 'EROFS');
  if (!local) return null;
  const result = (message: Sentence): ClassifiedError => ({ problem: 'local-storage', message, detail });
  if (codes.some((c) => diskFullCodes.has(c))) return result(sentence('diskFull'));
  if (codes.some((c) => c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB')) return result(sentence('cacheDamaged'));
  if (codes.some((c) => c.startsWith('SQLITE_READONLY') || c === 'EROFS')) return result(sentence('cacheReadOnly'));
  if (codes.some((c) => c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED'))) return result(sentence('cacheBusy', { code: local }));
  return result(sentence('cacheWriteFailed', { code: local }));
}

export function classifyConnectionError(err: unknown, ctx: ConnectionContext): ClassifiedError {
  const local = classifyLocalError(err);
  if (local) return local;
  const chain = chainOf(err);
  const detail = describe(chain) ?? (err === undefined ? null : String(err));
  const codes = new Set(chain.flatMap((e) => [str(e.code), str(e.originalCode)]).filter(Boolean));
  const text = chain.map((e) => `${str(e.message)} ${str(e.response)} ${str(e.responseText)}`).join(' ');
  // Without the server's answers: a greeting may well contain words like STARTTLS or "timeout".
  const messages = chain.map((e) => str(e.message)).join(' ');
  const has = (set: Set<string>): boolean => [...codes].some((c) => set.has(c));
  const host = ctx.host;
  const where = `${ctx.host}:${ctx.port}`;
  const result = (problem: ConnectionProblem, message: Sentence): ClassifiedError => ({ problem, message, detail });

  if (chain.some((e) => e.authenticationFailed === true) || codes.has('EAUTH')) {
    if (/PRIVACYREQUIRED|plaintext auth|LOGINDISABLED|must issue a STARTTLS/i.test(text)) {
      return result('auth-failed', sentence('authNeedsEncryption'));
    }
    return result('auth-failed', sentence('authRejected'));
  }

  const certCode =
    [...codes].find((c) => c in certificateReasons) ?? certificateMessages.find(([re]) => re.test(messages))?.[1];
  if (certCode) {
    const reason = certificateReasons[certCode];
    return result('tls-certificate', reason ? sentence(reason) : sentence('certOther', { code: certCode }));
  }

  if (has(dnsCodes)) {
    if (codes.has('EAI_AGAIN') || /EAI_AGAIN/.test(messages)) {
      return result('host-not-found', sentence('hostLookupFailed', { host }));
    }
    return result('host-not-found', sentence('hostNotFound', { host }));
  }
  if (codes.has('ECONNREFUSED') || /ECONNREFUSED/.test(messages)) {
    return result('connection-refused', sentence('connectionRefused', { host, port: String(ctx.port) }));
  }

  const tlsCode = [...codes].some((c) => c.startsWith('ERR_SSL_') || c === 'EPROTO' || c === 'ETLS' || c === 'ERR_TLS_HANDSHAKE_TIMEOUT');
  const tlsFailed = chain.some((e) => e.tlsFailed === true);
  if (tlsCode || tlsFailed || /SSL routines|wrong version number|handshake failure/i.test(messages)) {
    if (/wrong version number|packet length too long|unknown protocol/i.test(messages)) {
      return result('tls-handshake', sentence('notTls', { where, tlsPort: ctx.protocol === 'imap' ? '993' : '465' }));
    }
    if ((codes.has('ETLS') || tlsFailed) && /STARTTLS/i.test(messages)) return result('tls-handshake', sentence('starttlsFailed', { where }));
    return result('tls-handshake', sentence('tlsFailed', { where }));
  }

  if (ctx.protocol === 'imap' && (has(notImapCodes) || [...codes].some((c) => c.startsWith('ParserError')))) {
    return result('not-imap', sentence('notImap', { where }));
  }
  if (ctx.protocol === 'smtp' && (codes.has('EPROTOCOL') || /Greeting never received|Invalid greeting/i.test(messages))) {
    return result('not-smtp', sentence('notSmtp', { where }));
  }

  if (has(timeoutCodes) || /timed? ?out/i.test(messages)) {
    return result('timeout', sentence('timeout', { where }));
  }
  if (has(unreachableCodes)) {
    return result('unknown', sentence('unreachable', { host }));
  }
  if (has(droppedCodes)) {
    return result('unknown', sentence('connectionClosed', { where }));
  }
  const firstLine = (str(chain[0]?.message) || String(err)).split('\n')[0]?.slice(0, 200) ?? '';
  return result('unknown', firstLine ? sentence('couldNotConnectSaid', { where, said: firstLine }) : sentence('couldNotConnect', { where }));
}

/**
 * The server could not be reached at all: no network, no DNS, nobody
 * listening, no answer, the connection dropped. Nothing is wrong with what was
 * asked, so the only thing to do is wait (a laptop on a train), and waiting
 * must not count as a failed try.
 */
export function isUnreachable(err: unknown): boolean {
  const chain = chainOf(err);
  const codes = chain.flatMap((e) => [str(e.code), str(e.originalCode)]);
  const messages = chain.map((e) => str(e.message)).join(' ');
  const offline = (c: string): boolean => c === 'ECONNREFUSED' || dnsCodes.has(c) || timeoutCodes.has(c) || unreachableCodes.has(c) || droppedCodes.has(c);
  return codes.some(offline) || /ECONNREFUSED|EAI_AGAIN|ENOTFOUND/.test(messages);
}

/** Which account health a failed sync connection means. */
export function healthStateFor(err: unknown, problem: ConnectionProblem): Exclude<HealthState, 'connected' | 'syncing'> {
  if (problem === 'auth-failed') return 'auth-failed';
  if (problem === 'host-not-found' || problem === 'connection-refused' || problem === 'timeout') return 'offline';
  if (problem === 'unknown') {
    const codes = chainOf(err).flatMap((e) => [str(e.code), str(e.originalCode)]);
    if (codes.some((c) => unreachableCodes.has(c) || droppedCodes.has(c))) return 'offline';
  }
  return 'error';
}
