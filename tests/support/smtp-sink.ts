/**
 * An SMTP server on 127.0.0.1 that accepts mail and keeps it in memory, for
 * tests of the connection check and, later, of sending.
 *
 * With `users` it requires AUTH (PLAIN or LOGIN) and rejects wrong passwords
 * with 535, like a real submission server; without, anyone may send.
 * Plain text only (no STARTTLS offered), so a client set to "no security"
 * talks to it without a certificate in between.
 */
import { SMTPServer } from 'smtp-server';
import type { SMTPServerEnvelope } from 'smtp-server';

export interface SmtpSinkUser {
  user: string;
  password: string;
}

export interface ReceivedMail {
  envelope: { from: string | null; to: string[] };
  raw: Buffer;
  /** The user that authenticated, when any. */
  user: string | null;
}

export interface SmtpSink {
  host: '127.0.0.1';
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the n-th received mail (1-based count), waiting up to `timeoutMs`. */
  waitForMail(count?: number, timeoutMs?: number): Promise<ReceivedMail>;
  /** Changes a user's password, as a provider's password reset does. */
  setPassword(user: string, password: string): void;
  stop(): Promise<void>;
}

function envelopeOf(e: SMTPServerEnvelope): ReceivedMail['envelope'] {
  return { from: e.mailFrom ? e.mailFrom.address : null, to: e.rcptTo.map((r) => r.address) };
}

export interface SmtpSinkOptions {
  users?: SmtpSinkUser[];
  /** Recipients refused at RCPT TO with 550, like an unknown mailbox. */
  rejectRecipients?: string[];
  /** Announced in EHLO (SIZE) and enforced, like a real submission server. */
  size?: number;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const users = options.users?.map((u) => ({ ...u }));
  const messages: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    secure: false,
    allowInsecureAuth: true,
    authOptional: !users,
    authMethods: ['PLAIN', 'LOGIN'],
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...(options.size ? { size: options.size } : {}),
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.some((r) => r.toLowerCase() === address.address.toLowerCase())) {
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      } else callback();
    },
    onAuth(auth, _session, callback) {
      const ok = users?.some((u) => u.user === auth.username && u.password === auth.password);
      if (ok) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        // smtp-server flags a message over the announced SIZE; a real server answers 552.
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('5.3.4 Message size exceeds fixed maximum message size'), { responseCode: 552 }));
          return;
        }
        messages.push({
          envelope: envelopeOf(session.envelope),
          raw: Buffer.concat(chunks),
          user: typeof session.user === 'string' ? session.user : null,
        });
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  server.on('error', () => {
    // Client misbehaviour (a test dropping a connection) is not a sink failure.
  });

  const waitForMail = async (count = 1, timeoutMs = 10_000): Promise<ReceivedMail> => {
    const until = Date.now() + timeoutMs;
    while (messages.length < count) {
      const left = until - Date.now();
      if (left <= 0) throw new Error(`SMTP sink: expected ${count} mail(s), got ${messages.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    const mail = messages[count - 1];
    if (!mail) throw new Error('SMTP sink: mail missing');
    return mail;
  };

  return {
    host: '127.0.0.1',
    port,
    messages,
    waitForMail,
    setPassword(user, password) {
      const found = users?.find((u) => u.user === user);
      if (!found) throw new Error(`SMTP sink: no user ${user}`);
      found.password = password;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
