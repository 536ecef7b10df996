/**
 * Several whole cores (desktops) on one Dovecot mailbox, as a team works it:
 * the mailbox, an SMTP sink, and a desk per agent, each connected to the
 * mailbox the way the connect form does it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccountSettingsInput, ConversationSummary } from '../../src-preload/api.ts';
import { startDovecot } from './dovecot.ts';
import type { DovecotServer } from './dovecot.ts';
import { startSmtpSink } from './smtp-sink.ts';
import type { SmtpSink } from './smtp-sink.ts';
import { startTestDesk } from './desk-core.ts';
import type { TestDesk } from './desk-core.ts';

export interface SharedMailbox {
  dovecot: DovecotServer;
  smtp: SmtpSink;
  user: string;
  /** The account as the connect form sends it. */
  settings(): AccountSettingsInput;
  /** A new desktop on its own data folder, connected to the mailbox. */
  desk(name: string): Promise<TestDesk>;
  stop(): Promise<void>;
}

export async function startSharedMailbox(user: { user: string; password: string }, name = 'Team'): Promise<SharedMailbox> {
  const dovecot = await startDovecot({ users: [user] });
  const smtp = await startSmtpSink({ users: [user] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-shared-mailbox-'));
  const desks: TestDesk[] = [];
  const settings = (): AccountSettingsInput => {
    const server = { host: '127.0.0.1', security: 'none' as const, user: user.user, password: user.password };
    return { name, email: user.user, imap: { ...server, port: dovecot.port }, smtp: { ...server, port: smtp.port } };
  };
  return {
    dovecot,
    smtp,
    user: user.user,
    settings,
    async desk(deskName) {
      const desk = await startTestDesk(path.join(dir, deskName));
      desks.push(desk);
      const result = await desk.call('accounts.connect', settings());
      if (!result.ok) throw new Error(`connect failed: ${JSON.stringify(result.test)}`);
      return desk;
    },
    async stop() {
      for (const desk of desks) await desk.core.close();
      await smtp.stop();
      await dovecot.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first page of a desk's Inbox. */
export async function inboxOf(desk: TestDesk): Promise<ConversationSummary[]> {
  return (await desk.call('conversations.list', { accountId: null, folder: 'inbox', cursor: null, limit: 100 })).items;
}
