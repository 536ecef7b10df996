/**
 * A real mailbox behind a core, for integration tests that connect it through
 * the API as the renderer would: Dovecot with one user, an SMTP sink taking
 * the same login, and a test desk on a temp data folder of its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDovecot } from './dovecot.ts';
import type { DovecotServer } from './dovecot.ts';
import { startSmtpSink } from './smtp-sink.ts';
import type { SmtpSink } from './smtp-sink.ts';
import { startTestDesk } from './desk-core.ts';
import type { TestDesk } from './desk-core.ts';

export interface MailboxDesk {
  dovecot: DovecotServer;
  smtp: SmtpSink;
  desk: TestDesk;
  dir: string;
  /** Closes core and starts a new one on the same data folder; `desk` is then the new one. */
  restart(): Promise<TestDesk>;
  /** Closes core, then the servers, and removes the data folder. */
  stop(): Promise<void>;
}

/** `seed` runs on the mailbox before core starts (mail that was there before the desk). */
export async function startMailboxDesk(o: { user: string; password: string; dirPrefix: string; seed?: (dovecot: DovecotServer) => Promise<void> }): Promise<MailboxDesk> {
  const dovecot = await startDovecot({ users: [{ user: o.user, password: o.password }] });
  const smtp = await startSmtpSink({ users: [{ user: o.user, password: o.password }] });
  await o.seed?.(dovecot);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), o.dirPrefix));
  const box: MailboxDesk = {
    dovecot,
    smtp,
    desk: await startTestDesk(dir),
    dir,
    async restart() {
      await box.desk.core.close();
      box.desk = await startTestDesk(dir);
      return box.desk;
    },
    async stop() {
      await box.desk.core.close();
      await smtp.stop();
      await dovecot.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return box;
}
