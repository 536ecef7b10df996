/**
 * What core says to a German agent about a failed call, a mail that was not
 * sent, and what to notice, read in German: through the real code that says
 * it (the outbox queue, the dispatcher against an SMTP server, the router,
 * SQLite across a restart) and the renderer's own words for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DeskError, DeskEvent, DeskNotification, ServerMessage } from '../../../src-preload/api.ts';
import { encodeAccountSecret } from '../../../src-main/core/accounts/account-secret.ts';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { insertAccount } from '../../../src-main/core/db/accounts.repo.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { insertDraft, setDraftState } from '../../../src-main/core/db/drafts.repo.ts';
import { claimForSending, drawerRows, getOutboxRow, insertOutboxItem, markOutboxFailed, toOutboxItem } from '../../../src-main/core/db/outbox.repo.ts';
import { EventBus } from '../../../src-main/core/events.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import { OutboxDispatcher } from '../../../src-main/core/outbox/dispatcher.ts';
import { cancelSend } from '../../../src-main/core/outbox/outbox-queue.ts';
import { classifySmtpError } from '../../../src-main/core/outbox/smtp-send.ts';
import type { Handlers } from '../../../src-main/core/rpc/router.ts';
import { dispatch } from '../../../src-main/core/rpc/router.ts';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store.ts';
import { sentence } from '../../../src-main/core/sentences.ts';
import { parseServerMessage } from '../../../src-renderer/api/server-message.ts';
import { say, setLocale } from '../../../src-renderer/i18n/i18n.ts';
import { describeError } from '../../../src-renderer/store/describe-error.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';

const dirs: string[] = [];
afterEach(() => setLocale('en'));
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-said-'));
  dirs.push(dir);
  return dir;
}

/** Passwords as plain bytes: this test is about words, not keychains. */
const secrets: SecretStore = { kind: 'encrypted-file', encrypt: async (plain) => Buffer.from(plain), decrypt: async (cipher) => cipher.toString() };

async function mailbox(db: Database, smtp: { host: string; port: number }): Promise<number> {
  return insertAccount(db, {
    kind: 'imap',
    name: 'Acme Support',
    email: 'support@acme.test',
    imap: { host: '127.0.0.1', port: 1, security: 'none', user: 'support' },
    smtp: { ...smtp, security: 'none', user: '' },
    secret: await encodeAccountSecret(secrets, { imapPassword: 'unused', smtpPassword: '' }),
    createdAt: 0,
  });
}

/** A reply to Ben, queued and due now, as outbox.send leaves it. */
function queuedReply(db: Database, accountId: number, now: number): number {
  const to = [{ name: 'Ben Okafor', address: 'ben@shop.example' }];
  const draftId = insertDraft(db, { accountId, conversationId: null, mode: 'new', inReplyTo: null, to, cc: [], bcc: [], subject: 'Ihre Bestellung', html: '<p>Hallo</p>', now });
  setDraftState(db, draftId, 'queued');
  const payload = {
    from: { name: 'Acme Support', address: 'support@acme.test' }, to, cc: [], bcc: [], subject: 'Ihre Bestellung', html: '<p>Hallo</p>', text: 'Hallo',
    inReplyTo: null, references: [], attachments: [], date: now,
  };
  return insertOutboxItem(db, { draftId, accountId, conversationId: null, messageId: `${draftId}@acme.test`, subject: 'Ihre Bestellung', to, payload: JSON.stringify(payload), state: 'undo-window', sendAt: now, now });
}

function errorOf(reply: ServerMessage): DeskError {
  if (reply.kind === 'result' && !reply.result.ok) return reply.result.error;
  throw new Error(`expected an error, got ${JSON.stringify(reply)}`);
}

describe('a German agent reads what core says in German', () => {
  it('undoing a send that already went out says it is too late, in German; a gone item says exactly that, not a generic not-found', async () => {
    const { db } = openDatabase(':memory:');
    const clock = new ManualClock();
    const accountId = await mailbox(db, { host: '127.0.0.1', port: 1 });
    const id = queuedReply(db, accountId, clock.now());
    expect(claimForSending(db, id, false, clock.now())).toBe(true); // the dispatcher got there first
    const handlers = { 'outbox.cancel': ({ id: item }: { id: number }) => cancelSend(db, clock, item) } as unknown as Handlers;
    const undo = errorOf(await dispatch(handlers, { kind: 'call', id: 1, method: 'outbox.cancel', params: { id } }, silentLogger));
    const gone = errorOf(await dispatch(handlers, { kind: 'call', id: 2, method: 'outbox.cancel', params: { id: id + 99 } }, silentLogger));

    expect(undo).toMatchObject({ code: 'conflict', message: 'Too late to undo: the message has already gone out.' });
    expect(describeError(undo)).toBe('Too late to undo: the message has already gone out.');
    setLocale('de');
    expect(describeError(undo)).toBe('Zu spät zum Zurücknehmen: Die Mail ist bereits hinausgegangen.');
    expect(describeError(gone)).toBe('Diese Mail ist nicht mehr unter „Zu senden“.');
    // An error without a sentence (an older core, a malformed call) still gets the generic words.
    expect(describeError({ code: 'not-found', message: 'gone' })).toBe('Dieser Eintrag existiert nicht mehr.');
  });

  it('a recipient the SMTP server refuses reads in German in the drawer after a restart, with the server’s answer kept verbatim', async () => {
    const sink = await startSmtpSink({ rejectRecipients: ['ben@shop.example'] });
    const dir = tempDir();
    const file = path.join(dir, 'cache.sqlite');
    const clock = new ManualClock();
    const events = new EventBus();
    const notices: DeskNotification[] = [];
    events.subscribe((e: DeskEvent) => {
      if (e.type === 'notify') notices.push(e.notification);
    });
    try {
      const first = openDatabase(file).db;
      const id = queuedReply(first, await mailbox(first, { host: sink.host, port: sink.port }), clock.now());
      const dispatcher = new OutboxDispatcher({ db: first, dataDir: dir, secrets, events, clock, log: silentLogger });
      await dispatcher.start();
      await dispatcher.close();
      first.close();

      const { db } = openDatabase(file);
      const [item] = drawerRows(db).map(toOutboxItem);
      expect(item).toMatchObject({ id, state: 'failed', problem: { key: 'recipientRefused', vars: { recipient: 'ben@shop.example' } } });
      // Core's English stays in the row for the log, and the server's answer exactly as it came.
      expect(getOutboxRow(db, id)).toMatchObject({ problem: 'The mail server refused the recipient ben@shop.example.' });
      expect(getOutboxRow(db, id)?.smtp_response).toMatch(/^550 5\.1\.1 <ben@shop\.example>: Recipient address rejected: User unknown/);
      db.close();

      setLocale('de');
      expect(item?.problem && say(item.problem)).toBe('Der Mailserver hat den Empfänger ben@shop.example abgelehnt.');
      const [notice] = notices;
      expect(notice?.kind).toBe('send-failed');
      expect(notice && [say(notice.title), say(notice.body)]).toEqual(['Ihre Mail wurde nicht gesendet', 'Der Mailserver hat den Empfänger ben@shop.example abgelehnt.']);
      expect(sink.messages).toHaveLength(0);
    } finally {
      await sink.stop();
    }
  });

  it('a refusal the server explained says so in German and quotes the server’s words untranslated', () => {
    const { db } = openDatabase(':memory:');
    const now = 0;
    db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'A', 'support@acme.test', 0)").run();
    const id = queuedReply(db, 1, now);
    const refused = classifySmtpError({ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Message rejected as spam ' }, ['ben@shop.example']);
    expect(refused.transient).toBe(false);
    claimForSending(db, id, false, now);
    markOutboxFailed(db, id, refused.reason, '554 5.7.1 Message rejected as spam', null, now);
    const row = getOutboxRow(db, id);
    const problem = row ? toOutboxItem(row).problem : null;
    setLocale('de');
    expect(problem && say(problem)).toBe('Der Mailserver hat die Mail abgelehnt: 554 5.7.1 Message rejected as spam');
  });

  it('a notification crosses the wire as sentences and reads in German, the colleague’s note as written', () => {
    const shared: DeskNotification = {
      kind: 'shared',
      title: sentence('sharedTitle'),
      body: sentence('sharedWithNote', { who: 'Alice Martin', subject: 'Ihre Bestellung', note: 'Can you check the invoice?' }),
      conversationId: 7,
    };
    const parsed = parseServerMessage(JSON.parse(JSON.stringify({ kind: 'event', event: { type: 'notify', notification: shared } })) as unknown);
    expect(parsed).not.toBeNull();
    setLocale('de');
    expect([say(shared.title), say(shared.body)]).toEqual(['Mit Ihnen geteilt', 'Alice Martin hat „Ihre Bestellung“ mit Ihnen geteilt. Can you check the invoice?']);
    // A notification in the old shape (English strings) is not trusted as one.
    expect(parseServerMessage({ kind: 'event', event: { type: 'notify', notification: { ...shared, title: 'Shared with you' } } })).toBeNull();
  });
});
