/**
 * A desk for triage tests through core's real message handling: one demo
 * account with INBOX and Sent, and `mail` storing a message and threading it
 * as the pipeline would. What is under test is triage, not MIME parsing.
 */
import type { Clock } from '../../src-main/core/clock.ts';
import { recordContactsOf } from '../../src-main/core/contacts/customer-contacts.ts';
import { threadMessages } from '../../src-main/core/conversations/rethread.ts';
import { insertAccount } from '../../src-main/core/db/accounts.repo.ts';
import { conversationIdOfMessage } from '../../src-main/core/db/conversations.repo.ts';
import { upsertFolder } from '../../src-main/core/db/folders.repo.ts';
import { insertBody, insertLocation, insertMessage } from '../../src-main/core/db/messages.repo.ts';
import { startTestDesk } from './desk-core.ts';
import type { TestDesk } from './desk-core.ts';

export const DESK = 'support@desk.example';
const HOUR = 3_600_000;

export interface MailFields {
  from?: string;
  inReplyTo?: string;
  text?: string;
  at?: number;
}

export interface TriageDesk extends TestDesk {
  accountId: number;
  folders: { inbox: number; sent: number };
  /** Stores and threads one message; returns its conversation id. Mail from DESK goes to Sent. */
  mail(id: string, fields?: MailFields): number;
}

export async function startTriageDesk(dataDir: string, clock: Clock): Promise<TriageDesk> {
  const desk = await startTestDesk(dataDir, clock);
  const db = desk.core.db;
  const accountId = insertAccount(db, { kind: 'demo', name: 'Desk', email: DESK, imap: null, smtp: null, secret: null, createdAt: clock.now() });
  const folders = { inbox: upsertFolder(db, accountId, 'INBOX', 'inbox').id, sent: upsertFolder(db, accountId, 'Sent', 'sent').id };
  let uid = 1;
  const mail = (id: string, fields: MailFields = {}): number => {
    const from = fields.from ?? 'carol@customer.example';
    const outgoing = from === DESK;
    const row = db.transaction(() => {
      const r = insertMessage(db, {
        accountId,
        messageId: id,
        dedupeKey: id,
        subject: fields.inReplyTo ? 'Re: Broken zipper' : 'Broken zipper',
        from: { name: outgoing ? 'Support' : 'Carol', address: from },
        to: [{ name: '', address: outgoing ? 'carol@customer.example' : DESK }],
        cc: [],
        replyTo: [],
        inReplyTo: fields.inReplyTo ?? null,
        references: fields.inReplyTo ? [fields.inReplyTo] : [],
        date: fields.at ?? clock.now() - HOUR,
        snippet: (fields.text ?? 'Hello').slice(0, 200),
        hasAttachments: false,
        seen: false,
        size: 100,
      });
      insertBody(db, r, { text: fields.text ?? 'Hello', html: null }, clock.now());
      insertLocation(db, r, { folderId: outgoing ? folders.sent : folders.inbox, uidvalidity: 1, uid: uid++ }, []);
      threadMessages(db, [r]);
      recordContactsOf(db, [r]);
      return r;
    })();
    const conversation = conversationIdOfMessage(db, row);
    if (conversation === null) throw new Error('not threaded');
    return conversation;
  };
  return Object.assign(desk, { accountId, folders, mail });
}
