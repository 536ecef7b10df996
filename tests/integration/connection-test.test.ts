/**
 * "Test connection" against a real Dovecot (with a self-signed certificate on
 * its implicit-TLS port) and an SMTP sink: what the agent sees for the
 * mistakes people actually make in the account form.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSettingsInput, ServerSettings } from '../../src-preload/api.ts';
import { testConnection } from '../../src-main/core/sync/connection-test.ts';
import { freePort, startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';

const user = 'agent@example.test';
const password = 'correct-horse';
let dovecot: DovecotServer;
let smtp: SmtpSink;
let web: http.Server;
let webPort: number;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user, password }], tls: true });
  smtp = await startSmtpSink({ users: [{ user, password }] });
  web = http.createServer((_req, res) => res.end('<html>hello</html>'));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', () => resolve()));
  webPort = (web.address() as AddressInfo).port;
});

afterAll(async () => {
  web?.close();
  await smtp?.stop();
  await dovecot?.stop();
});

function account(imap: Partial<ServerSettings> = {}, smtpSettings: Partial<ServerSettings> = {}): AccountSettingsInput {
  return {
    name: 'Acme Support',
    email: user,
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'none', user, password, ...imap },
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user, password, ...smtpSettings },
  };
}

describe('testConnection', () => {
  it('signs in to both servers with the right settings', async () => {
    const result = await testConnection(account());
    expect(result.imap).toEqual({ ok: true, problem: null, message: { key: 'signedIn', vars: { host: '127.0.0.1' }, text: 'Signed in to 127.0.0.1.' }, detail: null });
    expect(result.smtp).toEqual({ ok: true, problem: null, message: { key: 'signedIn', vars: { host: '127.0.0.1' }, text: 'Signed in to 127.0.0.1.' }, detail: null });
  });

  it('explains a wrong password, per server', async () => {
    const result = await testConnection(account({ password: 'wrong' }, { password: 'wrong' }));
    expect(result.imap).toMatchObject({ ok: false, problem: 'auth-failed', message: { key: 'authRejected', text: 'The server rejected the user name or password.' } });
    expect(result.imap.detail).toMatch(/AUTHENTICATIONFAILED/i);
    expect(result.smtp).toMatchObject({ ok: false, problem: 'auth-failed' });
  });

  it('explains a closed port', async () => {
    const closed = await freePort();
    const result = await testConnection(account({ port: closed }));
    expect(result.imap).toMatchObject({
      ok: false,
      problem: 'connection-refused',
      message: { key: 'connectionRefused', text: `127.0.0.1 refused the connection on port ${closed}. Check the port and security settings.` },
    });
    expect(result.smtp.ok).toBe(true);
  });

  it('explains a server name that does not exist', async () => {
    const result = await testConnection(account({ host: 'nonexistent.invalid' }, { host: 'nonexistent.invalid' }));
    expect(result.imap).toMatchObject({ problem: 'host-not-found', message: { key: 'hostNotFound', text: 'No server called nonexistent.invalid could be found. Check the spelling.' } });
    expect(result.smtp.problem).toBe('host-not-found');
  });

  it('explains a port where a web server answers', async () => {
    const result = await testConnection(account({ port: webPort }, { port: webPort }), { timeoutMs: 3000 });
    expect(result.imap).toMatchObject({ problem: 'not-imap', message: { key: 'notImap', text: `The server on 127.0.0.1:${webPort} does not speak IMAP. Check the port and security settings.` } });
    expect(result.smtp).toMatchObject({ problem: 'not-smtp' });
  });

  it('refuses a self-signed certificate (SSL/TLS and STARTTLS) before sending the password', async () => {
    const logBefore = dovecot.log().length;
    const tlsResult = await testConnection(account({ port: dovecot.imapsPort ?? 0, security: 'tls' }));
    expect(tlsResult.imap).toMatchObject({
      ok: false,
      problem: 'tls-certificate',
      message: { key: 'certSelfSigned', text: "The server's security certificate is not trusted (it is self-signed). Switchboard will not send your password to it." },
    });
    const starttls = await testConnection(account({ security: 'starttls' }));
    expect(starttls.imap.problem).toBe('tls-certificate');
    // Dovecot saw both connections end without any authentication attempt. Which reason it logs
    // depends on how far its login process got before the client hung up (Dovecot 2.3
    // client_get_disconnect_reason), so any of the pre-authentication reasons counts.
    const preAuthDisconnect = /Disconnected[^(\n]*\((?:no auth attempts|disconnected before (?:greeting|auth was ready))/g;
    await expect.poll(() => (dovecot.log().slice(logBefore).match(preAuthDisconnect) ?? []).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(dovecot.log().slice(logBefore)).not.toMatch(/auth failed|Login: user=/);
  });

  it('explains plain text on the implicit-TLS port', async () => {
    const result = await testConnection(account({ port: dovecot.imapsPort ?? 0, security: 'none' }), { timeoutMs: 3000 });
    expect(result.imap.problem).toBe('not-imap');
  });
});
