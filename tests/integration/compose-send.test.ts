/**
 * Replying through a real Dovecot and an SMTP sink: the sent message's
 * headers and threading, its copy in Sent and in the conversation, undo,
 * the collision check, problems that block sending, templates, and a bounce
 * arriving in the inbox linked in the outgoing audit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../src-preload/api.ts';
import { ManualClock } from '../../src-main/core/clock.ts';
import { publishAgentProfile } from '../../src-main/core/team/roster.ts';
import { conversationActivity } from '../../src-main/core/triage/activity.ts';
import { getMessage } from '../../src-main/core/db/messages.repo.ts';
import { TeamNames } from '../../src-main/core/triage/directory.ts';
import type { ComposeDesk } from '../support/compose-desk.ts';
import { addAccount, startComposeDesk, waitUntil } from '../support/compose-desk.ts';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { serverFolder } from './sync-support.ts';

const USER = 'support@example.test';
const users = [{ user: USER, password: 'imap-pw' }];
let dovecot: DovecotServer;
let sink: SmtpSink;
let dir: string;
let desk: ComposeDesk;
let conversationId: number;
const clock = new ManualClock(Date.now());

const q = <T>(sql: string, ...args: unknown[]): T[] => desk.db.prepare(sql).all(...args) as T[];

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  sink = await startSmtpSink({ users: [{ user: USER, password: 'smtp-pw' }] });
  await dovecot.withClient(USER, (c) => c.mailboxCreate('Sent'));
  const t0 = Date.UTC(2026, 0, 5, 9);
  await dovecot.append(USER, 'INBOX', buildMail({ from: 'Grace Thompson <grace@shop.example>', to: `Acme Support <${USER}>`, subject: 'Order 1234 is late', messageId: 'c1@shop.example', date: new Date(t0), text: 'Where is my parcel?' }));
  await dovecot.append(USER, 'Sent', buildMail({ from: `Acme Support <${USER}>`, to: 'Grace Thompson <grace@shop.example>', subject: 'Re: Order 1234 is late', messageId: 'r1@example.test', inReplyTo: 'c1@shop.example', references: ['c1@shop.example'], date: new Date(t0 + 3_600_000), text: 'We are looking.' }), ['\\Seen']);
  await dovecot.append(USER, 'INBOX', buildMail({ from: 'Grace Thompson <grace@shop.example>', to: USER, cc: 'Tom <tom@shop.example>', subject: 'Re: Order 1234 is late', messageId: 'c2@shop.example', inReplyTo: 'r1@example.test', references: ['c1@shop.example', 'r1@example.test'], date: new Date(t0 + 7_200_000), text: 'Any news?' }));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-compose-'));
  await addAccount(dir, { email: USER, imap: { host: dovecot.host, port: dovecot.port, user: USER, password: 'imap-pw' }, smtp: { host: sink.host, port: sink.port, user: USER, password: 'smtp-pw' } });
  desk = await startComposeDesk(dir, clock);
  await waitUntil('the mailbox is synced and threaded', () => q<{ n: number }>('SELECT count(*) AS n FROM messages WHERE conversation_id IS NOT NULL')[0]?.n === 3, 20_000);
  conversationId = q<{ id: number }>('SELECT id FROM conversations')[0]?.id ?? 0;
  publishAgentProfile(desk.actor, { name: 'Alice Agent', address: 'alice@example.test' });
}, 60_000);

afterAll(async () => {
  await desk?.close();
  await sink?.stop();
  await dovecot?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const memberIds = () => q<{ id: number }>('SELECT id FROM messages WHERE conversation_id = ? ORDER BY date', conversationId).map((r) => r.id);
const ticket = () => q<{ ticket: string }>('SELECT ticket FROM conversations WHERE id = ?', conversationId)[0]?.ticket ?? '';

/** A draft as drafts.save takes it. */
const input = (d: Draft) => ({ id: d.id, to: d.to, cc: d.cc, bcc: d.bcc, subject: d.subject, html: d.html });

async function sendNow(draftId: number) {
  const result = await desk.call('outbox.send', { draftId, sendAt: null, seenMessageIds: memberIds(), confirmCollision: false });
  if (result.kind !== 'queued') throw new Error(`not queued: ${JSON.stringify(result)}`);
  return result.item;
}

async function passUndoWindow(): Promise<void> {
  clock.advance(10_000);
  await desk.compose.dispatcher.idle();
}

describe('replying', () => {
  it('sends a threaded reply with the ticket token, keeps a Sent copy and shows it in the conversation', async () => {
    const draft = await desk.call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null });
    expect(draft.to).toEqual([{ name: 'Grace Thompson', address: 'grace@shop.example' }]);
    expect(draft.subject).toBe(`Re: Order 1234 is late [#${ticket()}]`);
    expect(draft.html).toContain('Any news?');
    // Opening the composer again resumes the same draft.
    expect((await desk.call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null })).id).toBe(draft.id);

    await desk.call('drafts.save', { ...input(draft), html: `<p>Your parcel left today.</p>${draft.html}` });
    const item = await sendNow(draft.id);
    expect(item.state).toBe('undo-window');
    expect((await desk.call('outbox.list', {})).map((i) => i.id)).toContain(item.id);
    expect(sink.messages).toHaveLength(0);

    await passUndoWindow();
    const mail = await sink.waitForMail(1);
    expect(mail.envelope.to).toEqual(['grace@shop.example']);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe(`Re: Order 1234 is late [#${ticket()}]`);
    expect(parsed.inReplyTo).toBe('<c2@shop.example>');
    expect(parsed.references).toEqual(['<c1@shop.example>', '<r1@example.test>', '<c2@shop.example>']);
    expect(parsed.messageId).toMatch(/^<[0-9a-f-]{36}@example\.test>$/);
    expect(mail.raw.toString('latin1')).toMatch(/Content-Type: multipart\/alternative/i);
    expect(parsed.text).toContain('Your parcel left today.');
    expect(parsed.html).toContain('Your parcel left today.');
    expect(parsed.from?.value[0]?.address).toBe(USER);

    const messageId = (parsed.messageId ?? '').replace(/^<|>$/g, '');
    const sent = await serverFolder(dovecot, USER, 'Sent');
    expect(sent.map((m) => m.messageId)).toContain(messageId);
    // In the conversation at once, as ours.
    expect(q<{ conversation_id: number; from_address: string }>('SELECT conversation_id, from_address FROM messages WHERE message_id = ?', messageId)).toEqual([
      { conversation_id: conversationId, from_address: USER },
    ]);
    expect(await desk.call('outbox.list', {})).toEqual([]);
    expect(await desk.call('drafts.list', { conversationId })).toEqual([]);
    const audit = await desk.call('audit.outgoing', { cursor: null, limit: 50 });
    expect(audit.items.filter((r) => r.messageId === messageId).map((r) => r.outcome).sort()).toEqual(['queued', 'sent']);
    expect(audit.items.find((r) => r.outcome === 'sent')?.smtpResponse).toMatch(/^250/);
  });

  it('cancels a send within the undo window: nothing reaches the server and the draft comes back', async () => {
    const before = sink.messages.length;
    const draft = await desk.call('compose.start', { accountId: null, conversationId, mode: 'replyAll', messageId: null });
    expect(draft.cc.map((a) => a.address)).toEqual(['tom@shop.example']);
    const item = await sendNow(draft.id);
    const back = await desk.call('outbox.cancel', { id: item.id });
    expect(back.id).toBe(draft.id);
    clock.advance(60_000);
    await desk.compose.dispatcher.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages).toHaveLength(before);
    expect((await desk.call('drafts.list', { conversationId })).map((d) => d.id)).toContain(draft.id);
    const audit = await desk.call('audit.outgoing', { cursor: null, limit: 50 });
    expect(audit.items[0]?.outcome).toBe('cancelled');
    await desk.call('drafts.discard', { id: draft.id });
  });

  it('warns about messages that arrived after what the agent saw, and sends once confirmed', async () => {
    const draft = await desk.call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null });
    const first = memberIds()[0] ?? 0;
    const result = await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: [first], confirmCollision: false });
    expect(result.kind).toBe('collision');
    if (result.kind !== 'collision') return;
    expect(result.messages.map((m) => [m.from.address, m.outgoing])).toEqual(
      expect.arrayContaining([['grace@shop.example', false], [USER, true]]),
    );
    const item = await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: [first], confirmCollision: true });
    expect(item.kind).toBe('queued');
    if (item.kind === 'queued') await desk.call('outbox.cancel', { id: item.item.id });
    await desk.call('drafts.discard', { id: draft.id });
  });

  it('quotes under a header in the language of the agent\'s window, and refuses a language it cannot write', async () => {
    const draft = await desk.call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null, language: 'de' });
    expect(draft.html).toMatch(/Am \S+, \d+\. \S+ \d{4} um \d\d:\d\d schrieb Grace Thompson &lt;grace@shop\.example&gt;:/);
    expect(draft.html).toContain('Any news?');
    await desk.call('drafts.discard', { id: draft.id });
    const french = { accountId: null, conversationId, mode: 'reply', messageId: null, language: 'fr' } as unknown as Parameters<typeof desk.call<'compose.start'>>[1];
    await expect(desk.call('compose.start', french)).rejects.toThrow();
  });

  it('refuses to queue bad addresses and leftover placeholders, in plain words', async () => {
    const draft = await desk.call('compose.start', { accountId: null, conversationId, mode: 'forward', messageId: null });
    await desk.call('drafts.save', { ...input(draft), to: [{ name: '', address: 'bob@@shop' }], html: '<p>Dear {CLIENT_NAME},</p>' });
    const result = await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: memberIds(), confirmCollision: false });
    expect(result).toEqual({
      kind: 'invalid',
      problems: [
        { key: 'invalidAddressInTo', vars: { address: 'bob@@shop' }, text: '"bob@@shop" in To is not a valid email address.' },
        { key: 'placeholderLeft', vars: { placeholder: '{CLIENT_NAME}' }, text: 'The placeholder {CLIENT_NAME} is still in the text: replace it before sending.' },
      ],
    });
    expect((await desk.call('drafts.get', { id: draft.id })).html).toContain('{CLIENT_NAME}');
    await desk.call('drafts.discard', { id: draft.id });
  });

  it('renders shared templates with placeholders and reports unknown ones', async () => {
    const template = await desk.call('templates.save', { name: 'Shipping delay', shortcut: 'late', body: '<p>Hi {CLIENT_NAME}, about {TICKET_ID}: {ORDER_NUMBER}</p><p>{MY_NAME}</p>' });
    expect((await desk.call('templates.list', { query: 'lat' })).map((t) => t.id)).toEqual([template.id]);
    const draft = await desk.call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null });
    const rendered = await desk.call('templates.render', { templateId: template.id, draftId: draft.id });
    expect(rendered.html).toBe(`<p>Hi Grace, about #${ticket()}: {ORDER_NUMBER}</p><p>Alice Agent</p>`);
    expect(rendered.problems).toEqual([
      { key: 'placeholderUnknown', vars: { placeholder: '{ORDER_NUMBER}' }, text: '{ORDER_NUMBER} is not a placeholder Switchboard knows.' },
    ]);
    await desk.call('drafts.discard', { id: draft.id });
  });

  it('links a delivery report arriving in the inbox to the mail it reports', async () => {
    const sentRow = (await desk.call('audit.outgoing', { cursor: null, limit: 50 })).items.find((r) => r.outcome === 'sent');
    if (!sentRow) throw new Error('a mail was sent before');
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.test>',
      `To: ${USER}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.example.test>',
      'Date: Mon, 05 Jan 2026 12:00:00 +0000',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.test',
      '',
      'Final-Recipient: rfc822; grace@shop.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${sentRow.messageId}>`,
      'Subject: Re: Order 1234 is late',
      '',
      '--b1--',
      '',
    ].join('\r\n');
    await dovecot.append(USER, 'INBOX', dsn);
    await desk.syncs.syncNow(sentRow.accountId);
    await waitUntil('the bounce is linked', () => desk.db.prepare("SELECT count(*) AS n FROM audit_outgoing WHERE outcome = 'bounced'").pluck().get() === 1, 15_000);
    const bounced = (await desk.call('audit.outgoing', { cursor: null, limit: 50 })).items.find((r) => r.outcome === 'bounced');
    expect(bounced?.messageId).toBe(sentRow.messageId);
    expect(bounced?.bounce?.recipients).toEqual(['grace@shop.example']);
    expect(bounced?.reason).toBe('The address does not exist at the recipient’s mail server.');
    const incoming = await desk.call('audit.incoming', { cursor: null, limit: 50 });
    expect(incoming.items[0]?.disposition).toBe('bounce');
    expect(incoming.items.find((r) => r.messageId === 'c1@shop.example')?.disposition).toBe('new-conversation');
    expect(incoming.items.find((r) => r.messageId === 'c2@shop.example')).toMatchObject({ disposition: 'added-to-conversation', ticket: ticket() });
  });

  /** A website's contact form mail delivered to the desk and synced; its row id and conversation. */
  async function receiveForm(form: { from: string; subject: string; messageId: string; hour: number; text: string; replyTo: string }) {
    const accountId = q<{ id: number }>('SELECT id FROM accounts')[0]?.id ?? 0;
    const { hour, replyTo, ...mail } = form;
    await dovecot.append(USER, 'INBOX', buildMail({ ...mail, to: USER, date: new Date(Date.UTC(2026, 0, 6, hour)), headers: [`Reply-To: ${replyTo}`] }));
    await desk.syncs.syncNow(accountId);
    await waitUntil('the form mail is stored', () => q('SELECT id FROM messages WHERE message_id = ?', form.messageId).length === 1, 15_000);
    const stored = q<{ id: number; conversation_id: number }>('SELECT id, conversation_id FROM messages WHERE message_id = ?', form.messageId)[0];
    if (!stored) throw new Error('stored');
    return stored;
  }

  it('answers a contact form where its Reply-To asks, not its noreply sender, and the mail reaches that address', async () => {
    // The conversation is with the customer the form names, not with the website: its contact panel shows Hana.
    const form = await receiveForm({ from: 'Shop website <noreply@shop.example>', subject: 'Contact form: broken lid', messageId: 'form-1@shop.example', hour: 9, text: 'My kettle lid broke.', replyTo: 'Hana Ito <hana@home.example>' });
    const draft = await desk.call('compose.start', { accountId: null, conversationId: form.conversation_id, mode: 'reply', messageId: form.id });
    expect(draft.to).toEqual([{ name: 'Hana Ito', address: 'hana@home.example' }]);
    expect(getMessage(desk.db, form.id)?.replyTo).toEqual([{ name: 'Hana Ito', address: 'hana@home.example' }]);
    expect(q('SELECT customer_name AS name, customer_address AS address FROM conversations WHERE id = ?', form.conversation_id)).toEqual([{ name: 'Hana Ito', address: 'hana@home.example' }]);
    expect(q('SELECT mail_name FROM contact_addresses WHERE address = ?', 'hana@home.example')).toEqual([{ mail_name: 'Hana Ito' }]);
    expect(q('SELECT address FROM contact_addresses WHERE address = ?', 'noreply@shop.example')).toEqual([]);

    const before = sink.messages.length;
    await desk.call('drafts.save', { ...input(draft), html: '<p>A new lid is on its way.</p>' });
    const item = await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: [form.id], confirmCollision: false });
    expect(item.kind).toBe('queued');
    await passUndoWindow();
    const sent = await sink.waitForMail(before + 1, 15_000);
    expect(sent.envelope.to).toEqual(['hana@home.example']);
  });

  it('takes a contact form set up to send as the support address itself for its customer’s mail', async () => {
    const form = await receiveForm({ from: `Shop website <${USER}>`, subject: 'Contact form: missing screws', messageId: 'form-2@shop.example', hour: 10, text: 'The screws were missing.', replyTo: 'Ivo Tan <ivo@home.example>' });
    expect(q('SELECT customer_name AS name, customer_address AS address FROM conversations WHERE id = ?', form.conversation_id)).toEqual([{ name: 'Ivo Tan', address: 'ivo@home.example' }]);
    const draft = await desk.call('compose.start', { accountId: null, conversationId: form.conversation_id, mode: 'reply', messageId: form.id });
    expect(draft.to).toEqual([{ name: 'Ivo Tan', address: 'ivo@home.example' }]);
    await desk.call('drafts.discard', { id: draft.id });
  });
});

describe('forwarding', () => {
  it('forwards the chosen mail with its attachments, untouched until the agent writes, and they reach the recipient', async () => {
    const accountId = q<{ id: number }>('SELECT id FROM accounts')[0]?.id ?? 0;
    const photo = Buffer.from('\x89PNG pretend photo of a dented box '.repeat(40), 'latin1');
    await dovecot.append(USER, 'INBOX', buildMail({
      from: 'Ute Neumann <ute@mailhaus.example>', to: USER, subject: 'Box arrived dented', messageId: 'dent-1@mailhaus.example', date: new Date(Date.UTC(2026, 0, 7, 9)),
      text: 'See the photo.', attachments: [{ filename: 'dent.png', contentType: 'image/png', content: photo }],
    }));
    await desk.syncs.syncNow(accountId);
    await waitUntil('the mail is stored', () => q('SELECT id FROM messages WHERE message_id = ?', 'dent-1@mailhaus.example').length === 1, 15_000);
    const mail = q<{ id: number; conversation_id: number }>('SELECT id, conversation_id FROM messages WHERE message_id = ?', 'dent-1@mailhaus.example')[0];
    if (!mail) throw new Error('stored');

    const draft = await desk.call('compose.start', { accountId: null, conversationId: mail.conversation_id, mode: 'forward', messageId: mail.id });
    expect(draft.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([['dent.png', 'image/png', photo.length]]);
    // Carried along, not written: closed untouched, the forward is not kept as the agent's draft.
    expect(q<{ written: number }>('SELECT written FROM drafts WHERE id = ?', draft.id)).toEqual([{ written: 0 }]);

    const before = sink.messages.length;
    await desk.call('drafts.save', { ...input(draft), to: [{ name: '', address: 'claims@carrier.example' }], html: `<p>Please open a claim.</p>${draft.html}` });
    expect((await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: [mail.id], confirmCollision: false })).kind).toBe('queued');
    await passUndoWindow();
    const sent = await simpleParser((await sink.waitForMail(before + 1, 15_000)).raw);
    expect(sent.subject).toBe(`Fwd: Box arrived dented [#${q<{ ticket: string }>('SELECT ticket FROM conversations WHERE id = ?', mail.conversation_id)[0]?.ticket}]`);
    expect(sent.attachments.map((a) => [a.filename, a.content.equals(photo)])).toEqual([['dent.png', true]]);
  });
});

describe('delegating', () => {
  it('mails the note and the whole conversation outside the desk, unthreaded, and the timeline says who delegated it to whom', async () => {
    const before = sink.messages.length;
    const members = memberIds().length;
    const item = await desk.call('outbox.delegate', { conversationId, to: 'service@supplier.example', note: 'Please check parcel 1234 at your depot.' });
    expect(item.state).toBe('undo-window');
    await passUndoWindow();
    const received = await sink.waitForMail(before + 1);
    expect(received.envelope.to).toEqual(['service@supplier.example']);
    const mail = await simpleParser(received.raw);
    // Not a reply to the customer: no ticket token, no In-Reply-To, so it never threads into the conversation.
    expect(mail.subject).toBe('Fwd: Order 1234 is late');
    expect(mail.inReplyTo).toBeUndefined();
    const text = mail.text ?? '';
    expect(text.indexOf('Please check parcel 1234 at your depot.')).toBeLessThan(text.indexOf('Where is my parcel?'));
    for (const said of ['Where is my parcel?', 'We are looking.', 'Any news?']) expect(text).toContain(said);

    await desk.syncs.syncNow(item.accountId);
    expect(memberIds()).toHaveLength(members);
    const delegated = conversationActivity(desk.db, conversationId, new TeamNames(desk.db), desk.actor.node).find((a) => a.kind === 'event' && a.change.field === 'delegated');
    expect(delegated).toMatchObject({ author: { name: 'Alice Agent' }, change: { field: 'delegated', to: 'service@supplier.example', note: 'Please check parcel 1234 at your depot.' } });
  });
});
