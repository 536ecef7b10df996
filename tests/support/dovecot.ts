/**
 * A throwaway Dovecot IMAP server on 127.0.0.1 for integration and end-to-end
 * tests (config after /work/shared/recipes/dovecot-loopback.md).
 *
 * Each server lives in its own temp dir (config, Maildirs, logs, runtime), on
 * a port found free by binding port 0, and runs in the foreground as our child
 * (`dovecot -F`), so stopping it is killing our own process. With `tls: true`
 * a self-signed certificate is made with openssl and an implicit-TLS (imaps)
 * listener is added; the plain port then also offers STARTTLS.
 *
 * Needs root (Dovecot switches to the dovecot/dovenull users). When dovecot is
 * missing and we are root, `dovecot-imapd` is installed with apt-get.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users?: DovecotUser[];
  tls?: boolean;
}

export interface DovecotServer {
  host: '127.0.0.1';
  port: number;
  /** Implicit-TLS port, when started with `tls: true`. */
  imapsPort?: number;
  /** The self-signed certificate (PEM), when started with `tls: true`. */
  certPem?: string;
  dir: string;
  users: DovecotUser[];
  /** Appends a message as `user`; returns its UID. */
  append(user: string, folder: string, raw: Buffer | string, flags?: string[]): Promise<number>;
  /** Runs `fn` with a fresh logged-in connection of `user` (for expunges, flag changes...). */
  withClient<T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
  /** Stops and starts again on the same port(s) with the same mail. */
  restart(): Promise<void>;
  /** Stops the server but keeps its mail, for `resume()` (a server outage). */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port(s). */
  resume(): Promise<void>;
  /**
   * Changes a user's password, as a provider's password reset does: new
   * logins need it (Dovecot re-reads its user file when it changes); open
   * sessions stay until they end.
   */
  setPassword(user: string, password: string): void;
  /** Dovecot's own log, for failure messages. */
  log(): string;
}

export const defaultDovecotUsers: DovecotUser[] = [{ user: 'agent@example.test', password: 'secret' }];

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function ensureDovecotInstalled(): void {
  if (onPath('dovecot') || fs.existsSync('/usr/sbin/dovecot')) return;
  if (process.getuid?.() !== 0) {
    throw new Error('Dovecot is not installed and the tests are not running as root: install dovecot-imapd (apt-get install dovecot-imapd) or run as root.');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'dovecot-imapd'], { stdio: 'inherit', env });
}

function dovecotBinary(): string {
  return fs.existsSync('/usr/sbin/dovecot') ? '/usr/sbin/dovecot' : 'dovecot';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Dovecot: timed out waiting for ${what}.\n${log()}`);
}

/** Writes key.pem and cert.pem (self-signed, for localhost and 127.0.0.1) into `dir`. */
export function makeSelfSignedCertificate(dir: string): { certPem: string; keyPem: string } {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
  return { certPem: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'), keyPem: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8') };
}

function config(dir: string, port: number, imapsPort: number | null): string {
  const ssl = imapsPort
    ? `ssl = yes\nssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem\n`
    : 'ssl = no\n';
  return `first_valid_uid = 1
base_dir = ${dir}/run
state_dir = ${dir}/state
listen = 127.0.0.1
protocols = imap
${ssl}disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
log_path = ${dir}/dovecot.log
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${imapsPort ?? 0}
  }
}
service anvil {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 100
}
`;
}

export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  ensureDovecotInstalled();
  if (process.getuid?.() !== 0) throw new Error('The Dovecot test server must be started as root (it switches to the dovecot users).');
  const users = (options.users ?? defaultDovecotUsers).map((u) => ({ ...u }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-dovecot-'));
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  const writeUsers = (): void => fs.writeFileSync(path.join(dir, 'users'), users.map((u) => `${u.user}:{PLAIN}${u.password}`).join('\n') + '\n');
  writeUsers();
  execFileSync('chown', ['-R', 'dovecot:dovecot', path.join(dir, 'mail')]);
  const port = await freePort();
  const imapsPort = options.tls ? await freePort() : null;
  const certPem = options.tls ? makeSelfSignedCertificate(dir).certPem : undefined;
  const confFile = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(confFile, config(dir, port, imapsPort));
  const readLog = (): string => {
    try {
      return fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8');
    } catch {
      return '(no dovecot.log yet)';
    }
  };

  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    // Its own process group: Dovecot's master leaves serving imap processes behind when it
    // stops, and a server outage in a test must drop the clients' connections too.
    const proc = spawn(dovecotBinary(), ['-F', '-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child = proc;
    await waitFor(
      async () => {
        if (proc.exitCode !== null) throw new Error(`Dovecot exited at start (code ${proc.exitCode}): ${stderr}\n${readLog()}`);
        return (await canConnect(port)) && (imapsPort === null || (await canConnect(imapsPort)));
      },
      15_000,
      `port ${port}`,
      readLog,
    );
  };
  const groupAlive = (pid: number): boolean => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signalGroup = (pid: number, signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const halt = async (): Promise<void> => {
    const proc = child;
    child = null;
    const pid = proc?.pid;
    if (!proc || pid === undefined || !groupAlive(pid)) return;
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5_000);
    await waitFor(async () => !groupAlive(pid), 10_000, 'Dovecot processes to exit', readLog);
    clearTimeout(timer);
    await waitFor(async () => !(await canConnect(port)), 5_000, `port ${port} to close`, readLog);
  };

  // A test run that dies without afterAll must not leave a server behind.
  const killOnExit = (): void => {
    if (child?.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  await launch();

  const passwordOf = (user: string): string => {
    const found = users.find((u) => u.user === user);
    if (!found) throw new Error(`Dovecot: no test user ${user}`);
    return found.password;
  };
  const withClient = async <T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: passwordOf(user) },
      logger: false,
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };

  return {
    host: '127.0.0.1',
    port,
    ...(imapsPort ? { imapsPort } : {}),
    ...(certPem ? { certPem } : {}),
    dir,
    users,
    append: (user, folder, raw, flags = []) =>
      withClient(user, async (client) => {
        if (folder.toUpperCase() !== 'INBOX') await client.mailboxCreate(folder).catch(() => undefined);
        const res = await client.append(folder, typeof raw === 'string' ? Buffer.from(raw) : raw, flags);
        if (!res || typeof res.uid !== 'number') throw new Error(`Dovecot: APPEND to ${folder} returned no UID`);
        return res.uid;
      }),
    withClient,
    stop: async () => {
      process.off('exit', killOnExit);
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await halt();
      await launch();
    },
    halt,
    resume: launch,
    setPassword(user, password) {
      const found = users.find((u) => u.user === user);
      if (!found) throw new Error(`Dovecot: no test user ${user}`);
      found.password = password;
      writeUsers();
    },
    log: readLog,
  };
}
