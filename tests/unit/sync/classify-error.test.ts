/**
 * Classification of real failures: each error below is produced by actually
 * connecting (imapflow, nodemailer, through our client factories) to a closed
 * port, an unresolvable name, a silent server, a self-signed TLS server, a
 * server speaking the wrong protocol... on 127.0.0.1. No Dovecot needed.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSettings } from '../../../src-preload/api.ts';
import { classifyConnectionError, classifyLocalError, DeadlineError, healthStateFor, isUnreachable } from '../../../src-main/core/sync/classify-error.ts';
import type { MailProtocol } from '../../../src-main/core/sync/classify-error.ts';
import { checkImap } from '../../../src-main/core/sync/connection-test.ts';
import { createImapClient } from '../../../src-main/core/sync/imap-client.ts';
import { createSmtpTransport } from '../../../src-main/core/sync/smtp-client.ts';
import { freePort, makeSelfSignedCertificate } from '../../support/dovecot.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';
import type { SmtpSink } from '../../support/smtp-sink.ts';

const quick = { connectMs: 3000, greetingMs: 700, socketMs: 3000 };
const servers: Array<net.Server | tls.Server> = [];
let certDir: string;
let closedPort: number;
let silentPort: number;
let imapGreeterPort: number;
let rejectingImapPort: number;
let selfSignedPort: number;
let sink: SmtpSink;

function listen(server: net.Server | tls.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

/** Answers like an IMAP server that rejects every login. */
function rejectingImap(socket: net.Socket): void {
  socket.write('* OK [CAPABILITY IMAP4rev1] fake ready\r\n');
  let buffer = '';
  socket.on('data', (d: Buffer) => {
    buffer += d.toString('latin1');
    let nl: number;
    while ((nl = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 2);
      const [tag, command = ''] = line.split(' ');
      if (/^(LOGIN|AUTHENTICATE)$/i.test(command)) socket.write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`);
      else if (/^CAPABILITY$/i.test(command)) socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
      else if (/^LOGOUT$/i.test(command)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
      else socket.write(`${tag} OK done\r\n`);
    }
  });
  socket.on('error', () => {});
}

beforeAll(async () => {
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cert-'));
  const { certPem, keyPem } = makeSelfSignedCertificate(certDir);
  closedPort = await freePort();
  silentPort = await listen(net.createServer((s) => s.on('error', () => {})));
  imapGreeterPort = await listen(
    net.createServer((s) => {
      s.on('error', () => {});
      s.write('* OK [CAPABILITY IMAP4rev1] ready\r\n');
    }),
  );
  rejectingImapPort = await listen(net.createServer(rejectingImap));
  selfSignedPort = await listen(
    tls.createServer({ cert: certPem, key: keyPem }, (s) => {
      s.on('error', () => {});
      s.write('* OK ready\r\n');
    }),
  );
  sink = await startSmtpSink({ users: [{ user: 'u', password: 'right' }] });
});

afterAll(async () => {
  for (const s of servers) s.close();
  await sink.stop();
  fs.rmSync(certDir, { recursive: true, force: true });
});

const settings = (port: number, extra: Partial<ServerSettings> = {}): ServerSettings => ({
  host: '127.0.0.1',
  port,
  security: 'none',
  user: 'u',
  password: 'pw',
  ...extra,
});

async function imapError(s: ServerSettings): Promise<unknown> {
  const client = createImapClient(s, quick, { disableAutoIdle: true });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    client.close();
    return err;
  }
  await client.logout();
  throw new Error('expected the IMAP connection to fail');
}

async function smtpError(s: ServerSettings): Promise<unknown> {
  const transport = createSmtpTransport(s, quick);
  try {
    await transport.verify();
  } catch (err) {
    return err;
  } finally {
    transport.close();
  }
  throw new Error('expected the SMTP check to fail');
}

const classify = (err: unknown, s: ServerSettings, protocol: MailProtocol) =>
  classifyConnectionError(err, { protocol, host: s.host, port: s.port });

describe('IMAP failures', () => {
  it('closed port → connection-refused, naming host and port', async () => {
    const s = settings(closedPort);
    const c = classify(await imapError(s), s, 'imap');
    expect(c.problem).toBe('connection-refused');
    expect(c.message.text).toBe(`127.0.0.1 refused the connection on port ${closedPort}. Check the port and security settings.`);
    expect(c.detail).toMatch(/ECONNREFUSED/);
  });

  it('unresolvable name → host-not-found', async () => {
    const s = settings(143, { host: 'nonexistent.invalid' });
    const c = classify(await imapError(s), s, 'imap');
    expect(c.problem).toBe('host-not-found');
    expect(c.message.text).toBe('No server called nonexistent.invalid could be found. Check the spelling.');
  });

  it('a server that never greets (a web server, a TLS port) → not-imap', async () => {
    const s = settings(silentPort);
    const c = classify(await imapError(s), s, 'imap');
    expect(c.problem).toBe('not-imap');
    expect(c.message.text).toBe(`The server on 127.0.0.1:${silentPort} does not speak IMAP. Check the port and security settings.`);
  });

  it('self-signed certificate → tls-certificate, and no password is sent', async () => {
    const s = settings(selfSignedPort, { security: 'tls' });
    const c = classify(await imapError(s), s, 'imap');
    expect(c.problem).toBe('tls-certificate');
    expect(c.message.text).toBe("The server's security certificate is not trusted (it is self-signed). Switchboard will not send your password to it.");
  });

  it('SSL/TLS chosen but the port speaks plain text → tls-handshake', async () => {
    const s = settings(imapGreeterPort, { security: 'tls' });
    const c = classify(await imapError(s), s, 'imap');
    expect(c.problem).toBe('tls-handshake');
    expect(c.message.text).toMatch(/does not answer with SSL\/TLS/);
  });

  it('STARTTLS chosen but not offered → tls-handshake, never a plain-text login', async () => {
    const s = settings(rejectingImapPort, { security: 'starttls' });
    const c = classify(await imapError(s), s, 'imap');
    expect(c.problem).toBe('tls-handshake');
  });

  it('rejected login → auth-failed with the server answer in the detail', async () => {
    const s = settings(rejectingImapPort);
    const c = classify(await imapError(s), s, 'imap');
    expect(c.problem).toBe('auth-failed');
    expect(c.message.text).toBe('The server rejected the user name or password.');
    expect(c.detail).toMatch(/AUTHENTICATIONFAILED/);
    expect(c.detail).not.toMatch(/pw/);
  });

  it('a server that greets and then stalls → timeout (our deadline)', async () => {
    const check = await checkImap(settings(imapGreeterPort), { timeoutMs: 800 });
    expect(check.ok).toBe(false);
    expect(check.problem).toBe('timeout');
    expect(check.message.text).toMatch(/did not answer in time/);
  });
});

describe('isUnreachable: waiting is all there is to do', () => {
  it('is true for a refused connection or a name that does not resolve, false for a refused login or a distrusted certificate', async () => {
    expect(isUnreachable(await imapError(settings(closedPort)))).toBe(true);
    expect(isUnreachable(await imapError(settings(143, { host: 'nonexistent.invalid' })))).toBe(true);
    expect(isUnreachable(await imapError(settings(rejectingImapPort)))).toBe(false);
    expect(isUnreachable(await imapError(settings(selfSignedPort, { security: 'tls' })))).toBe(false);
    expect(isUnreachable(new Error('550 mailbox unavailable'))).toBe(false);
  });
});

describe('SMTP failures', () => {
  it('closed port → connection-refused', async () => {
    const s = settings(closedPort);
    expect(classify(await smtpError(s), s, 'smtp').problem).toBe('connection-refused');
  });

  it('unresolvable name → host-not-found', async () => {
    const s = settings(587, { host: 'nonexistent.invalid' });
    expect(classify(await smtpError(s), s, 'smtp').problem).toBe('host-not-found');
  });

  it('silent server or an IMAP server → not-smtp', async () => {
    for (const port of [silentPort, imapGreeterPort]) {
      const s = settings(port);
      const c = classify(await smtpError(s), s, 'smtp');
      expect(c.problem).toBe('not-smtp');
      expect(c.message.text).toBe(`The server on 127.0.0.1:${port} does not speak SMTP. Check the port and security settings.`);
    }
  });

  it('self-signed certificate → tls-certificate', async () => {
    const s = settings(selfSignedPort, { security: 'tls' });
    expect(classify(await smtpError(s), s, 'smtp').problem).toBe('tls-certificate');
  });

  it('wrong password → auth-failed', async () => {
    const s = settings(sink.port, { password: 'wrong' });
    const c = classify(await smtpError(s), s, 'smtp');
    expect(c.problem).toBe('auth-failed');
    expect(c.detail).toMatch(/535/);
  });

  it('STARTTLS required but not offered → tls-handshake', async () => {
    const s = settings(sink.port, { security: 'starttls', password: 'right' });
    expect(classify(await smtpError(s), s, 'smtp').problem).toBe('tls-handshake');
  });
});

/** The error `fn` throws (a real one, from SQLite or JavaScript itself). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('anything else', () => {
  it('never throws, and says something useful', () => {
    const ctx = { protocol: 'imap' as const, host: 'mail.example', port: 993 };
    expect(classifyConnectionError(new Error('boom'), ctx)).toMatchObject({ problem: 'unknown', message: { key: 'couldNotConnectSaid', text: 'Could not connect to mail.example:993 (boom).' }, detail: 'boom' });
    expect(classifyConnectionError('odd', ctx).problem).toBe('unknown');
    expect(classifyConnectionError(undefined, ctx).problem).toBe('unknown');
    expect(classifyConnectionError(new DeadlineError(15000), ctx).problem).toBe('timeout');
  });

  it("names this computer's own storage, not the server, when the cache cannot be written", () => {
    const ctx = { protocol: 'imap' as const, host: 'mail.example', port: 993 };
    // Real SQLite failures: a cache that may not grow, a file that is not a database, a read-only cache.
    const full = new Sqlite(':memory:');
    full.exec('CREATE TABLE t (x BLOB)');
    full.pragma(`max_page_count = ${full.pragma('page_count', { simple: true }) as number}`);
    const fullErr = caught(() => {
      for (;;) full.prepare('INSERT INTO t VALUES (randomblob(1000))').run();
    });
    const garbage = path.join(certDir, 'not-a-cache.sqlite');
    fs.writeFileSync(garbage, Buffer.alloc(8192, 7));
    const notDb = new Sqlite(garbage);
    const notDbErr = caught(() => notDb.prepare('SELECT 1 FROM sqlite_master').get());
    const rwFile = path.join(certDir, 'read-only.sqlite');
    new Sqlite(rwFile).exec('CREATE TABLE t (x)');
    const readOnly = new Sqlite(rwFile, { readonly: true });
    const readOnlyErr = caught(() => readOnly.prepare('INSERT INTO t VALUES (1)').run());
    for (const db of [full, notDb, readOnly]) db.close();

    const problem = (err: unknown): [string, string] => {
      const c = classifyConnectionError(err, ctx);
      return [c.problem, c.message.text];
    };
    expect(problem(fullErr)).toEqual(['local-storage', 'The disk is full, so new mail cannot be stored. Free some space; syncing resumes by itself.']);
    expect(problem(notDbErr)[1]).toMatch(/^The local mail cache is damaged\. Restart Switchboard/);
    expect(problem(readOnlyErr)[1]).toMatch(/^The local mail cache is read-only/);
    // A full disk under the attachment folder (not caused for real here: it needs a full file system).
    expect(problem(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))[0]).toBe('local-storage');
    expect(healthStateFor(fullErr, 'local-storage')).toBe('error');
    // Not local: network errors keep their own sentences.
    expect(classifyLocalError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBeNull();
    expect(classifyLocalError(new Error('Connection not available'))).toBeNull();
  });

  it('names a fault in Switchboard itself as ours, not the server\'s nor the disk\'s', () => {
    const ctx = { protocol: 'imap' as const, host: 'mail.example', port: 993 };
    // Real failures of our own code: a broken unique rule, a statement that cannot run, a TypeError.
    const db = new Sqlite(':memory:');
    db.exec('CREATE TABLE t (x UNIQUE)');
    db.prepare('INSERT INTO t VALUES (1)').run();
    const constraint = caught(() => db.prepare('INSERT INTO t VALUES (1)').run());
    const badSql = caught(() => db.prepare('SELECT nope FROM t').get());
    db.close();
    const typeError = caught(() => (JSON.parse('null') as { rows: unknown[] }).rows.length);
    for (const err of [constraint, badSql, typeError]) {
      const c = classifyConnectionError(err, ctx);
      expect(c.problem).toBe('internal');
      expect(c.message.text).toBe('Switchboard hit an error of its own, not a problem with the server. If this stays, send logs/core.log from its data folder to support.');
      expect(c.message.text).not.toMatch(/mail\.example|disk|connect/i);
      expect(healthStateFor(err, c.problem)).toBe('error');
    }
    // What it was goes to the log and the details, not into the sentence.
    expect(classifyConnectionError(constraint, ctx).detail).toContain('UNIQUE constraint failed: t.x');
    // The server's and the network's own failures are never "ours".
    expect(classifyConnectionError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), ctx).problem).toBe('unknown');
  });

  it('maps problems to account health', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(healthStateFor(null, 'auth-failed')).toBe('auth-failed');
    expect(healthStateFor(null, 'connection-refused')).toBe('offline');
    expect(healthStateFor(null, 'timeout')).toBe('offline');
    expect(healthStateFor(reset, 'unknown')).toBe('offline');
    expect(healthStateFor(null, 'tls-certificate')).toBe('error');
    expect(healthStateFor(new Error('disk full'), 'unknown')).toBe('error');
  });
});
