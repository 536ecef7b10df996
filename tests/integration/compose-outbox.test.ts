/**
 * The outbox across core restarts and failures, with a real Dovecot and SMTP
 * sinks: send later surviving a restart (and saying it went out late), the
 * crash window between the server accepting a mail and the outbox recording
 * it (exactly one delivery), an interrupted send that never reached the
 * server (sent once on restart), failures in plain words with the draft
 * kept: wrong SMTP password, a refused recipient, a message over SIZE; and a
 * reply written with no connection, which waits as long as it takes, and
 * comes back to the agent instead when a colleague answered meanwhile.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../src-preload/api.ts';
import { ManualClock } from '../../src-main/core/clock.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { cacheFile } from '../../src-main/core/paths.ts';
import type { ComposeDesk } from '../support/compose-desk.ts';
import { addAccount, startComposeDesk, waitUntil } from '../support/compose-desk.ts';
import { freePort, startDovecot } from '../support/dovecot.ts';
import { OFFLINE_RETRY_MS } from '../../src-main/core/outbox/dispatcher.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import type { SmtpSink, SmtpSinkOptions } from '../support/smtp-sink.ts';
import { serverFolder } from './sync-support.ts';

const users = ['later', 'crash', 'lost', 'auth', 'refused', 'size', 'offline', 'overtaken', 'backonline', 'blackhole', 'scheduled'].map((n) => ({ user: `${n}@example.test`, password: `pw-${n}` }));
let dovecot: DovecotServer;
let root: string;
const open: ComposeDesk[] = [];
const sinks: SmtpSink[] = [];

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-outbox-'));
}, 60_000);

afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

afterAll(async () => {
  await Promise.all(sinks.map((s) => s.stop()));
  await dovecot?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

interface Scenario {
  dir: string;
  user: string;
  sink: SmtpSink;
  clock: ManualClock;
  conversationId: number;
  start(): Promise<ComposeDesk>;
}

/** A mailbox with one customer mail, a sink, and a desk synced to it. */
async function scenario(name: string, sinkOptions: SmtpSinkOptions = {}, smtpPassword = 'smtp-pw'): Promise<Scenario> {
  const user = `${name}@example.test`;
  const sink = await startSmtpSink({ users: [{ user, password: 'smtp-pw' }], ...sinkOptions });
  sinks.push(sink);
  await dovecot.withClient(user, (c) => c.mailboxCreate('Sent'));
  await dovecot.append(user, 'INBOX', buildMail({ from: 'Ben Okafor <ben@shop.example>', to: user, subject: `Question about ${name}`, messageId: `q-${name}@shop.example`, text: 'Hello?' }));
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  const imapPassword = users.find((u) => u.user === user)?.password ?? '';
  await addAccount(dir, { email: user, imap: { host: dovecot.host, port: dovecot.port, user, password: imapPassword }, smtp: { host: sink.host, port: sink.port, user, password: smtpPassword } });
  const clock = new ManualClock(Date.now());
  const start = async (): Promise<ComposeDesk> => {
    const desk = await startComposeDesk(dir, clock);
    open.push(desk);
    return desk;
  };
  const desk = await start();
  await waitUntil('the question is threaded', () => desk.db.prepare('SELECT count(*) FROM conversations').pluck().get() === 1, 20_000);
  const conversationId = desk.db.prepare('SELECT id FROM conversations').pluck().get() as number;
  await close(desk);
  return { dir, user, sink, clock, conversationId, start };
}

async function close(desk: ComposeDesk): Promise<void> {
  open.splice(open.indexOf(desk), 1);
  await desk.close();
}

const input = (d: Draft, html: string) => ({ id: d.id, to: d.to, cc: d.cc, bcc: d.bcc, subject: d.subject, html });

async function queueReply(desk: ComposeDesk, conversationId: number, sendAt: number | null, text = 'We are on it.') {
  const draft = await desk.call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null });
  await desk.call('drafts.save', input(draft, `<p>${text}</p>`));
  const result = await desk.call('outbox.send', { draftId: draft.id, sendAt, seenMessageIds: [], confirmCollision: false });
  if (result.kind !== 'queued') throw new Error(`not queued: ${JSON.stringify(result)}`);
  return { draft, item: result.item };
}

const outboxRow = (desk: ComposeDesk, id: number) => desk.db.prepare('SELECT state, sent_late, message_id, problem FROM outbox WHERE id = ?').get(id) as { state: string; sent_late: number; message_id: string; problem: string | null };

describe('the outbox across restarts', () => {
  it('sends a mail scheduled for later at the next start when it fell due while closed, and says so', async () => {
    const s = await scenario('later');
    let desk = await s.start();
    const { item } = await queueReply(desk, s.conversationId, s.clock.now() + 3_600_000);
    expect(item.state).toBe('scheduled');
    await close(desk);

    s.clock.advance(2 * 3_600_000);
    expect(s.sink.messages).toHaveLength(0);
    desk = await s.start();
    await s.sink.waitForMail(1);
    await desk.compose.dispatcher.idle();
    expect(outboxRow(desk, item.id)).toMatchObject({ state: 'sent', sent_late: 1 });
    expect(desk.events).toContainEqual(expect.objectContaining({ type: 'notify', notification: expect.objectContaining({ kind: 'sent-late' }) }));
    expect(s.sink.messages).toHaveLength(1);
  });

  it('does not send twice when the server accepted a mail but the outbox did not record it', async () => {
    const s = await scenario('crash');
    let desk = await s.start();
    await desk.call('compose.saveSettings', { undoSeconds: 0, sentCopy: {} });
    const { item } = await queueReply(desk, s.conversationId, null);
    s.clock.advance(0);
    await s.sink.waitForMail(1);
    await desk.compose.dispatcher.idle();
    const { message_id: messageId } = outboxRow(desk, item.id);
    expect((await serverFolder(dovecot, s.user, 'Sent')).map((m) => m.messageId)).toContain(messageId);
    await close(desk);

    // The crash: accepted and in Sent, but the outbox still says `sending`, and the cache has no copy.
    const { db } = openDatabase(cacheFile(s.dir));
    db.prepare("UPDATE outbox SET state = 'sending', copied = 1, smtp_response = NULL WHERE id = ?").run(item.id);
    db.prepare('DELETE FROM messages WHERE message_id = ?').run(messageId);
    db.close();

    desk = await s.start();
    await desk.compose.dispatcher.idle();
    expect(outboxRow(desk, item.id).state).toBe('sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(s.sink.messages).toHaveLength(1);
    const audit = await desk.call('audit.outgoing', { cursor: null, limit: 10 });
    expect(audit.items[0]).toMatchObject({ outcome: 'sent', messageId, reason: 'Switchboard closed while sending; it is in the Sent folder, so it was not sent again.' });
  });

  it('sends an interrupted mail that never reached the server exactly once on restart', async () => {
    const s = await scenario('lost');
    let desk = await s.start();
    const { item } = await queueReply(desk, s.conversationId, s.clock.now() + 60_000);
    await close(desk);
    const { db } = openDatabase(cacheFile(s.dir));
    db.prepare("UPDATE outbox SET state = 'sending' WHERE id = ?").run(item.id);
    db.close();

    desk = await s.start();
    await s.sink.waitForMail(1);
    await desk.compose.dispatcher.idle();
    expect(outboxRow(desk, item.id).state).toBe('sent');
    expect(s.sink.messages).toHaveLength(1);
  });
});

describe('sending failures', () => {
  async function failOnce(s: Scenario) {
    const desk = await s.start();
    await desk.call('compose.saveSettings', { undoSeconds: 0, sentCopy: {} });
    const { draft, item } = await queueReply(desk, s.conversationId, null, 'Kept text');
    s.clock.advance(0);
    await desk.compose.dispatcher.idle();
    return { desk, draft, item };
  }

  /** A reply queued while nothing answers where the SMTP server should be (a laptop on a train); `back()` reconnects it. */
  async function failOffline(s: Scenario) {
    const { db } = openDatabase(cacheFile(s.dir));
    db.prepare('UPDATE accounts SET smtp_port = ?').run(await freePort());
    db.close();
    const failed = await failOnce(s);
    return { ...failed, back: () => failed.desk.db.prepare('UPDATE accounts SET smtp_port = ?').run(s.sink.port) };
  }

  /** After `ms` more on the outbox's clock the reply has gone out, and the sink has it. */
  async function expectSentAfter(s: Scenario, desk: ComposeDesk, itemId: number, ms: number): Promise<void> {
    s.clock.advance(ms);
    await desk.compose.dispatcher.idle();
    expect(outboxRow(desk, itemId).state).toBe('sent');
    expect(s.sink.messages).toHaveLength(1);
  }

  const passOffline = async (s: Scenario, desk: ComposeDesk, ms: number) => {
    for (let waited = 0; waited < ms; waited += OFFLINE_RETRY_MS) {
      s.clock.advance(OFFLINE_RETRY_MS);
      await desk.compose.dispatcher.idle();
    }
  };

  it('keeps a reply written offline waiting, with no failure notice, and sends it once the server can be reached', async () => {
    const s = await scenario('offline');
    const { desk, draft, item, back } = await failOffline(s);
    expect(outboxRow(desk, item.id)).toMatchObject({ state: 'failed', problem: 'The mail server could not be reached. Switchboard will try again.' });
    // Three hours of tries: before, the eighth failed try (after about an hour and a half) gave the draft back.
    await passOffline(s, desk, 3 * 60 * 60_000);
    expect(desk.db.prepare('SELECT state, attempts, next_attempt_at IS NOT NULL AS waiting FROM outbox WHERE id = ?').get(item.id)).toEqual({ state: 'failed', attempts: 0, waiting: 1 });
    expect(desk.events.filter((e) => e.type === 'notify')).toEqual([]);
    expect((await desk.call('drafts.list', { conversationId: s.conversationId })).map((d) => d.id)).not.toContain(draft.id);
    // The outgoing audit says it once, not once a minute.
    expect((await desk.call('audit.outgoing', { cursor: null, limit: 200 })).items.filter((a) => a.outcome === 'failed')).toHaveLength(1);

    back();
    await expectSentAfter(s, desk, item.id, OFFLINE_RETRY_MS);
  }, 60_000);

  it('sends a reply that waited for a connection as soon as the mailbox answers again, not at its next timed try', async () => {
    const s = await scenario('backonline');
    const { desk, item, back } = await failOffline(s);
    const waitingUntil = () => desk.db.prepare('SELECT next_attempt_at FROM outbox WHERE id = ?').pluck().get(item.id) as number | null;
    expect(waitingUntil()).toBe(s.clock.now() + OFFLINE_RETRY_MS);
    const accountId = desk.db.prepare('SELECT id FROM accounts').pluck().get() as number;
    const health = (state: string) => desk.events.some((e) => e.type === 'accountHealth' && e.accountId === accountId && e.health.state === state);

    // The whole network goes: the mailbox's IMAP server too. Then it comes back.
    await dovecot.halt();
    try {
      await waitUntil('the account is offline', () => health('offline'), 30_000);
      back();
    } finally {
      await dovecot.resume();
    }
    // No time passes on the outbox's clock: only coming back online can make the reply due.
    await waitUntil('the reply is due again', () => waitingUntil() === s.clock.now(), 30_000);
    await expectSentAfter(s, desk, item.id, 0);
  }, 90_000);

  it('tries an unreachable server once a round, however many replies wait for it', async () => {
    const s = await scenario('blackhole');
    // A server that hangs up on every connection before greeting, and counts them.
    let connections = 0;
    const refuser = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => refuser.listen(0, '127.0.0.1', resolve));
    try {
      const { db } = openDatabase(cacheFile(s.dir));
      db.prepare('UPDATE accounts SET smtp_port = ?').run((refuser.address() as net.AddressInfo).port);
      db.close();
      const desk = await s.start();
      await desk.call('compose.saveSettings', { undoSeconds: 0, sentCopy: {} });
      const accountId = desk.db.prepare('SELECT id FROM accounts').pluck().get() as number;
      for (const n of [1, 2, 3]) {
        const draft = await desk.call('compose.start', { accountId, conversationId: null, mode: 'new', messageId: null });
        await desk.call('drafts.save', { id: draft.id, to: [{ name: '', address: `c${n}@shop.example` }], cc: [], bcc: [], subject: `Hello ${n}`, html: '<p>Hi</p>' });
        await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: [], confirmCollision: false });
      }
      s.clock.advance(0);
      await desk.compose.dispatcher.idle();
      expect(connections).toBe(1);
      const waiting = () => desk.db.prepare("SELECT state, attempts, problem FROM outbox WHERE subject LIKE 'Hello %' ORDER BY id").all();
      const one = { state: 'failed', attempts: 0, problem: 'The mail server could not be reached. Switchboard will try again.' };
      expect(waiting()).toEqual([one, one, one]);
      s.clock.advance(OFFLINE_RETRY_MS);
      await desk.compose.dispatcher.idle();
      expect(connections).toBe(2);
      expect(waiting()).toEqual([one, one, one]);
    } finally {
      await new Promise<void>((resolve) => refuser.close(() => resolve()));
    }
  });

  it('gives a reply that waited for a connection back to the agent when a colleague answered meanwhile', async () => {
    const s = await scenario('overtaken');
    const { desk, draft, item, back } = await failOffline(s);
    await passOffline(s, desk, 30 * 60_000);
    // Meanwhile a colleague, online on another desktop, answered; its copy is in Sent and this desktop syncs it.
    await dovecot.append(s.user, 'Sent', buildMail({
      from: `Dana <${s.user}>`,
      to: 'ben@shop.example',
      subject: 'Re: Question about overtaken',
      messageId: 'dana-1@example.test',
      inReplyTo: 'q-overtaken@shop.example',
      date: new Date(s.clock.now() - 5 * 60_000),
      text: 'Already done, Ben.',
    }));
    await desk.syncs.syncNow(desk.db.prepare('SELECT id FROM accounts').pluck().get() as number);
    await waitUntil('the colleague’s answer is in the conversation', () => desk.db.prepare("SELECT conversation_id FROM messages WHERE message_id = 'dana-1@example.test'").pluck().get() === s.conversationId, 15_000);

    back();
    s.clock.advance(OFFLINE_RETRY_MS);
    await desk.compose.dispatcher.idle();
    expect(outboxRow(desk, item.id)).toMatchObject({ state: 'failed', problem: expect.stringMatching(/^While your reply “Re: Question about overtaken \[#[0-9A-Z]{6}\]” waited to go out, Dana wrote in the conversation\. Read it, then send again\.$/) });
    expect(s.sink.messages).toHaveLength(0);
    expect((await desk.call('drafts.list', { conversationId: s.conversationId })).map((d) => d.id)).toContain(draft.id);
    expect(desk.events).toContainEqual(expect.objectContaining({ type: 'notify', notification: expect.objectContaining({ kind: 'send-failed' }) }));
  }, 60_000);

  it('gives a scheduled reply back to the agent when the customer wrote after it was scheduled', async () => {
    const s = await scenario('scheduled');
    const desk = await s.start();
    const { draft, item } = await queueReply(desk, s.conversationId, s.clock.now() + 24 * 3_600_000, 'Did the replacement arrive?');
    expect(item.state).toBe('scheduled');
    // The customer writes again before Monday morning.
    await dovecot.append(s.user, 'INBOX', buildMail({
      from: 'Ben Okafor <ben@shop.example>',
      to: s.user,
      subject: 'Re: Question about scheduled',
      messageId: 'q-scheduled-2@shop.example',
      inReplyTo: 'q-scheduled@shop.example',
      date: new Date(s.clock.now() + 3_600_000),
      text: 'Never mind, it arrived and works.',
    }));
    await desk.syncs.syncNow(desk.db.prepare('SELECT id FROM accounts').pluck().get() as number);
    await waitUntil('the follow-up is in the conversation', () => desk.db.prepare("SELECT conversation_id FROM messages WHERE message_id = 'q-scheduled-2@shop.example'").pluck().get() === s.conversationId, 15_000);

    s.clock.advance(24 * 3_600_000);
    await desk.compose.dispatcher.idle();
    expect(outboxRow(desk, item.id)).toMatchObject({ state: 'failed', problem: expect.stringMatching(/^While your reply “Re: Question about scheduled \[#[0-9A-Z]{6}\]” waited to go out, Ben Okafor wrote in the conversation\. Read it, then send again\.$/) });
    expect(s.sink.messages).toHaveLength(0);
    expect((await desk.call('drafts.list', { conversationId: s.conversationId })).map((d) => d.id)).toContain(draft.id);
  }, 60_000);

  it('explains an SMTP authentication failure and keeps the draft', async () => {
    const s = await scenario('auth', {}, 'wrong-password');
    const { desk, draft, item } = await failOnce(s);
    expect(outboxRow(desk, item.id)).toMatchObject({ state: 'failed', problem: expect.stringContaining('rejected the user name or password') });
    const kept = await desk.call('drafts.get', { id: draft.id });
    expect(kept.html).toContain('Kept text');
    expect((await desk.call('drafts.list', { conversationId: s.conversationId })).map((d) => d.id)).toEqual([draft.id]);
    expect(desk.events).toContainEqual(expect.objectContaining({ type: 'notify', notification: expect.objectContaining({ kind: 'send-failed' }) }));
    expect((await desk.call('outbox.list', {})).find((i) => i.id === item.id)?.state).toBe('failed');
    expect(s.sink.messages).toHaveLength(0);
  });

  it('names a refused recipient and keeps the draft', async () => {
    const s = await scenario('refused', { rejectRecipients: ['ben@shop.example'] });
    const { desk, draft, item } = await failOnce(s);
    expect(outboxRow(desk, item.id)).toMatchObject({ state: 'failed', problem: 'The mail server refused the recipient ben@shop.example.' });
    expect((await desk.call('drafts.get', { id: draft.id })).html).toContain('Kept text');
    const audit = await desk.call('audit.outgoing', { cursor: null, limit: 10 });
    expect(audit.items[0]).toMatchObject({ outcome: 'failed', smtpResponse: expect.stringContaining('550') });
  });

  it('says a message is too large for the server, and checks before queueing once the limit is known', async () => {
    const s = await scenario('size', { size: 20_000 });
    const desk = await s.start();
    await desk.call('compose.saveSettings', { undoSeconds: 0, sentCopy: {} });
    const draft = await desk.call('compose.start', { accountId: null, conversationId: s.conversationId, mode: 'reply', messageId: null });
    await desk.call('drafts.attach', { draftId: draft.id, filename: 'photo.jpg', contentType: 'image/jpeg', dataBase64: Buffer.alloc(30_000, 7).toString('base64') });
    const first = await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: [], confirmCollision: false });
    if (first.kind !== 'queued') throw new Error('the limit is not known before the first connection');
    s.clock.advance(0);
    await desk.compose.dispatcher.idle();
    expect(outboxRow(desk, first.item.id)).toMatchObject({ state: 'failed', problem: expect.stringContaining('larger than the mail server accepts') });
    const again = await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: [], confirmCollision: false });
    expect(again).toMatchObject({ kind: 'invalid', problems: [{ key: 'messageOverServerLimit', vars: { maxBytes: '20000' }, text: expect.stringContaining('the mail server accepts at most 20 KB') }] });
    expect(s.sink.messages).toHaveLength(0);
  });
});
