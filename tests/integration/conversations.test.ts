/**
 * Conversations, contacts and search through the real core: the demo
 * workspace (1,075 generated mails in seven languages and legacy charsets)
 * goes through parse → store → thread → contact → index, and every call goes
 * through the validated RPC layer, as the renderer makes it. A second
 * desktop stores the same mail in another order and must show the same
 * tickets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskEvent, DeskMethodName, DeskParams, DeskResult, ServerMessage } from '../../src-preload/api.ts';
import { ManualClock } from '../../src-main/core/clock.ts';
import { isBlocked } from '../../src-main/core/contacts/contact-step.ts';
import { storeFetchedBody } from '../../src-main/core/db/bodies.repo.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../src-main/core/db/folders.repo.ts';
import { DEMO_MAILBOX_ADDRESS, generateDemoMailbox } from '../../src-main/core/demo/demo-mailbox.ts';
import type { DemoMessage } from '../../src-main/core/demo/demo-mailbox.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { prepareHeaderRow } from '../../src-main/core/mail/header-row.ts';
import { ingestMessages, prepareBody, storeBatch } from '../../src-main/core/mail/ingest.ts';
import { createFileSecretStore } from '../../src-main/core/secrets/file-secret-store.ts';
import '../../src-main/core/search/index-step.ts';
import { startCore } from '../../src-main/core/service.ts';
import type { CoreService } from '../../src-main/core/service.ts';
import { buildMail, seedAccount } from '../support/mail-fixtures.ts';

const NOW = Date.UTC(2026, 0, 12, 9, 30);

let dir: string;
let core: CoreService;
let other: Database;
let mail: DemoMessage[];
const events: DeskEvent[] = [];
let nextId = 1;

async function call<M extends DeskMethodName>(method: M, params: DeskParams<M>): Promise<DeskResult<M>> {
  const reply: ServerMessage = await core.handle(JSON.stringify({ kind: 'call', id: nextId++, method, params }));
  if (reply.kind !== 'result') throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
  if (!reply.result.ok) throw new Error(`${reply.result.error.code}: ${reply.result.error.message}`);
  return reply.result.value as DeskResult<M>;
}

async function allConversations(folder: 'inbox' | 'sent' | 'junk') {
  const out: DeskResult<'conversations.list'>['items'] = [];
  let cursor: string | null = null;
  do {
    const page: DeskResult<'conversations.list'> = await call('conversations.list', { accountId: null, folder, cursor, limit: 100 });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/** Test-only SQL: ticket → the Message-IDs of its messages, as any desktop can compare. */
function ticketMap(db: Database): Map<string, string[]> {
  const rows = db.prepare('SELECT c.ticket, m.message_id FROM conversations c JOIN messages m ON m.conversation_id = c.id ORDER BY m.message_id').all() as Array<{ ticket: string; message_id: string }>;
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.ticket, [...(out.get(r.ticket) ?? []), r.message_id]);
  return out;
}

function header(raw: Buffer, name: string): string[] {
  const head = raw.toString('latin1').split('\r\n\r\n')[0]?.replace(/\r\n[ \t]+/g, ' ') ?? '';
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`)) ?? '';
  return [...line.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-conversations-'));
  core = await startCore({
    dataDir: path.join(dir, 'a'),
    mode: 'browser',
    secrets: createFileSecretStore(path.join(dir, 'a')),
    log: silentLogger,
    clock: new ManualClock(NOW),
    demoIfEmpty: true,
  });
  core.subscribe((e) => events.push(e));

  // Desktop B: the same mail, Sent and Junk first, shuffled, in small batches.
  mail = generateDemoMailbox({ now: NOW });
  other = openDatabase(path.join(dir, 'b', 'cache.sqlite')).db;
  const accountId = seedAccount(other, DEMO_MAILBOX_ADDRESS);
  const folders = { INBOX: upsertFolder(other, accountId, 'INBOX', 'inbox').id, Sent: upsertFolder(other, accountId, 'Sent', 'sent').id, Junk: upsertFolder(other, accountId, 'Junk', 'junk').id };
  const order = mail.map((m, i) => ({ m, i, key: (m.folder === 'INBOX' ? 1 : 0) * 1e6 + ((i * 7919) % 1075) }));
  order.sort((a, b) => a.key - b.key);
  for (let i = 0; i < order.length; i += 37) {
    await ingestMessages(
      other,
      path.join(dir, 'b'),
      order.slice(i, i + 37).map(({ m, i: uid }) => ({ accountId, folderId: folders[m.folder], uidvalidity: 1, uid: uid + 1, flags: m.flags, raw: m.raw, internalDate: m.date })),
    );
  }
}, 180_000);

afterAll(async () => {
  other?.close();
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('threading the demo mailbox', () => {
  it('makes its 320 support conversations plus one per spam mail', async () => {
    const spam = mail.filter((m) => m.folder === 'Junk').length;
    const inbox = await allConversations('inbox');
    const junk = await allConversations('junk');
    const ids = new Set([...inbox, ...junk, ...(await allConversations('sent'))].map((c) => c.id));
    expect(junk).toHaveLength(spam);
    expect(ids.size).toBe(320 + spam);
    expect(inbox.every((c, i) => i === 0 || (inbox[i - 1]?.lastMessageAt ?? 0) >= c.lastMessageAt)).toBe(true);
  });

  it('follows what the headers say', () => {
    // Each mail's thread, read from the raw headers: the first References id, else In-Reply-To, else itself.
    const expected = new Map<string, string[]>();
    for (const m of mail) {
      const own = header(m.raw, 'message-id')[0] ?? '';
      const root = header(m.raw, 'references')[0] ?? header(m.raw, 'in-reply-to')[0] ?? own;
      expected.set(root, [...(expected.get(root) ?? []), own].sort());
    }
    const stored = [...ticketMap(core.db).values()].map((ids) => ids.join(' ')).sort();
    expect(stored).toEqual([...expected.values()].map((ids) => ids.join(' ')).sort());
  });

  it('shows the same tickets with the same messages on a desktop that got the mail in another order', () => {
    expect(ticketMap(other)).toEqual(ticketMap(core.db));
  });

  it('gives a conversation started on the shop’s contact form to the customer its Reply-To names, not to the website', async () => {
    const forms = mail.filter((m) => m.folder === 'INBOX' && header(m.raw, 'reply-to').length > 0);
    expect(forms.length).toBeGreaterThan(20);
    const inbox = await allConversations('inbox');
    for (const m of forms) {
      const messageId = header(m.raw, 'message-id')[0];
      const conversationId = core.db.prepare('SELECT conversation_id FROM messages WHERE message_id = ?').pluck().get(messageId);
      const listed = inbox.find((c) => c.id === conversationId);
      expect(listed?.customer.address, messageId).toBe(header(m.raw, 'reply-to')[0]);
      expect(listed?.customer.name).not.toBe('');
      expect(listed?.contactId).not.toBeNull();
    }
    expect(inbox.filter((c) => c.customer.address.startsWith('noreply@'))).toEqual([]);
    expect(core.db.prepare("SELECT count(*) FROM contact_addresses WHERE address LIKE 'noreply@%'").pluck().get()).toBe(0);
  });
});

describe('the reading view', () => {
  it('lists messages oldest first, marks ours, folds quotes and signatures, and decodes legacy charsets', async () => {
    const inbox = await allConversations('inbox');
    const long = inbox.find((c) => c.messageCount >= 6);
    if (!long) throw new Error('the demo has long conversations');
    const detail = await call('conversations.get', { id: long.id });
    expect(detail.summary.ticket).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(detail.messages).toHaveLength(long.messageCount);
    expect(detail.messages.map((m) => m.date)).toEqual([...detail.messages.map((m) => m.date)].sort((a, b) => a - b));
    expect(detail.messages.some((m) => m.outgoing) && detail.messages.some((m) => !m.outgoing)).toBe(true);
    const replies = detail.messages.slice(1);
    expect(replies.every((m) => m.textParts.some((p) => p.kind === 'quote'))).toBe(true);
    expect(detail.messages.filter((m) => m.outgoing).every((m) => m.textParts.some((p) => p.kind === 'signature'))).toBe(true);
    expect(detail.contact?.addresses).toContain(long.customer.address);

    const texts = [];
    for (const c of inbox.slice(0, 120)) texts.push(...(await call('conversations.get', { id: c.id })).messages);
    expect(texts.some((m) => /[ąćęłńóśźż]/.test(m.text))).toBe(true);
    expect(texts.some((m) => /[äöüß]/.test(m.text))).toBe(true);
    expect(texts.filter((m) => m.text.includes('\ufffd') || m.subject.includes('=?'))).toEqual([]);
  });
});

describe('split and merge', () => {
  it('splitting a reply out and merging it back restores the ticket, on every desktop\'s terms', async () => {
    const before = ticketMap(core.db);
    const conversation = (await allConversations('inbox')).find((c) => c.messageCount >= 4);
    if (!conversation) throw new Error('no long conversation');
    const detail = await call('conversations.get', { id: conversation.id });
    const third = detail.messages[2];
    if (!third) throw new Error('no third message');
    events.length = 0;
    const { conversationId: split } = await call('conversations.split', { messageId: third.id });
    expect(split).not.toBe(conversation.id);
    expect((await call('conversations.get', { id: split })).messages.map((m) => m.id)).toEqual(detail.messages.slice(2).map((m) => m.id));
    expect(events.some((e) => e.type === 'changed' && e.table === 'conversations')).toBe(true);
    const { conversationId } = await call('conversations.merge', { targetId: conversation.id, sourceId: split });
    expect(conversationId).toBe(conversation.id);
    expect(ticketMap(core.db)).toEqual(before);
  });
});

describe('drafts when conversations merge', () => {
  it('keeps the reply an agent started in a conversation merged into another, under the one it joined', async () => {
    const inbox = await allConversations('inbox');
    const [target, source] = inbox.filter((c) => c.messageCount === 1 && c.customer.address !== inbox[0]?.customer.address).slice(0, 2);
    if (!target || !source) throw new Error('no two short conversations');
    const started = await call('compose.start', { accountId: null, conversationId: source.id, mode: 'reply', messageId: null });
    await call('drafts.save', { id: started.id, to: started.to, cc: started.cc, bcc: started.bcc, subject: started.subject, html: '<p>Half-written answer</p>' });
    const own = await call('compose.start', { accountId: null, conversationId: target.id, mode: 'reply', messageId: null });
    // "My drafts" lists the reply written in, not the one only opened.
    expect((await call('drafts.summaries', {})).map((d) => [d.id, d.conversationId, d.preview])).toEqual([[started.id, source.id, 'Half-written answer']]);

    // Whichever row the merged conversation keeps, both drafts are under it.
    const { conversationId } = await call('conversations.merge', { targetId: target.id, sourceId: source.id });
    const drafts = await call('drafts.list', { conversationId });
    expect(drafts.map((d) => d.id).sort()).toEqual([started.id, own.id].sort());
    expect(drafts.find((d) => d.id === started.id)?.html).toContain('Half-written answer');
    expect((await call('drafts.summaries', {})).map((d) => [d.id, d.conversationId])).toEqual([[started.id, conversationId]]);
    // Reply resumes the newest of the two; neither is gone.
    expect((await call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null })).id).toBe(drafts[0]?.id);
    for (const d of drafts) await call('drafts.discard', { id: d.id });
    expect(await call('drafts.summaries', {})).toEqual([]);
  });
});

describe('contacts', () => {
  it('has a card for each customer; merge, unmerge, tags, attributes from CSV and blocking work end to end', async () => {
    const inbox = await allConversations('inbox');
    const [a, b] = [...new Map(inbox.map((c) => [c.customer.address, c])).values()];
    if (!a?.contactId || !b?.contactId) throw new Error('customers without contacts');
    const card = await call('contacts.get', { id: a.contactId });
    expect(card.addresses).toEqual([a.customer.address]);
    expect(card.conversations.map((c) => c.id)).toContain(a.id);

    const merged = await call('contacts.merge', { targetId: a.contactId, sourceId: b.contactId });
    expect(merged.addresses).toEqual([a.customer.address, b.customer.address]);
    expect(merged.conversations.map((c) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect((await call('conversations.get', { id: b.id })).contact?.id).toBe(a.contactId);
    const rest = await call('contacts.unmerge', { id: a.contactId, address: b.customer.address });
    expect(rest.addresses).toEqual([a.customer.address]);

    const imported = await call('contacts.importCsv', { csv: `email;segment;purchase amount\r\n${a.customer.address.toUpperCase()};Gold;"1.250,00"\r\nnew.person@example.test;Silver;10\r\nbroken;x;y\r\n` });
    expect(imported).toEqual({ created: 1, updated: 1, skipped: [{ line: 4, reason: { key: 'invalidAddress', vars: { address: 'broken' }, text: '“broken” is not a valid email address.' } }] });
    expect((await call('contacts.get', { id: a.contactId })).attributes).toEqual({ segment: 'Gold', 'purchase amount': '1.250,00' });
    expect((await call('contacts.setTags', { id: a.contactId, tags: ['vip'] })).tags).toEqual(['vip']);
    expect((await call('search.query', { query: 'tag:vip', accountId: null, cursor: null, limit: 50 })).items.every((h) => h.conversation.customer.address === a.customer.address)).toBe(true);

    expect((await call('contacts.setBlocked', { id: a.contactId, blocked: true })).blocked).toBe(true);
    expect(isBlocked(core.db, a.customer.address)).toBe(true);
    expect((await call('contacts.setRemoteImages', { id: a.contactId, allowed: true })).remoteImagesAllowed).toBe(true);
    const messages = (await call('conversations.get', { id: a.id })).messages;
    expect(messages.filter((m) => !m.outgoing).every((m) => m.remoteImagesAllowed)).toBe(true);
    await expect(call('contacts.unmerge', { id: a.contactId, address: a.customer.address })).rejects.toThrow(/^conflict/);
  });
});

describe('search', () => {
  it('finds words, phrases, senders and negations, with highlighted snippets and paging', async () => {
    const search = (query: string, cursor: string | null = null) => call('search.query', { query, accountId: null, cursor, limit: 10 });
    const refund = await search('refund ');
    expect(refund.items).toHaveLength(10);
    expect(refund.items.every((h) => h.snippet.some((s) => s.match && /refund/i.test(s.text)))).toBe(true);
    const next = await search('refund ', refund.nextCursor);
    expect(next.items.map((h) => h.conversation.id).some((id) => refund.items.some((h) => h.conversation.id === id))).toBe(false);
    const phrase = await search('"order number" ');
    expect(phrase.items.length).toBeGreaterThan(0);
    expect(phrase.items[0]?.snippet.find((s) => s.match)?.text.toLowerCase()).toBe('order number');
    const customer = refund.items[0]?.conversation.customer.address ?? '';
    const fromCustomer = await search(`from:${customer} `);
    expect(fromCustomer.items.every((h) => h.conversation.customer.address === customer)).toBe(true);
    // Negation is per message: each hit has a message from the customer without the word.
    const without = await search(`from:${customer} -refund `);
    for (const hit of without.items) {
      const messages = (await call('conversations.get', { id: hit.conversation.id })).messages;
      expect(messages.some((m) => m.from.address === customer && !/\brefund\b/i.test(`${m.subject} ${m.text}`))).toBe(true);
    }
    const everyMessageSaysRefund = async (id: number) =>
      (await call('conversations.get', { id })).messages.filter((m) => m.from.address === customer).every((m) => /\brefund\b/i.test(`${m.subject} ${m.text}`));
    for (const hit of fromCustomer.items) {
      if (await everyMessageSaysRefund(hit.conversation.id)) expect(without.items.map((h) => h.conversation.id)).not.toContain(hit.conversation.id);
    }
    // status: filters (search/triage-filter.ts): every hit is unsolved, and a word that is no status is said.
    const open = await search('status:open refund ');
    expect(open.warnings).toEqual([]);
    expect(open.items.length).toBeGreaterThan(0);
    for (const hit of open.items) expect(['new', 'pending', 'waiting', 'on_hold']).toContain((await call('triage.get', { conversationId: hit.conversation.id })).triage.status);
    expect((await search('status:later refund ')).warnings.map((w) => w.key)).toEqual(['searchNotAStatus']);
    await expect(call('search.query', { query: 'x', accountId: null, cursor: null, limit: 0 })).rejects.toThrow(/^bad-request/);
  });

  it('finds a word in a body the sync stored after the headers', async () => {
    const accountId = (await call('accounts.list', {}))[0]?.id ?? 0;
    const folderId = upsertFolder(core.db, accountId, 'INBOX', 'inbox').id;
    const raw = buildMail({ subject: 'Headers first', from: 'late@body.example', text: 'The wombat chewed the box.' });
    const headers = raw.subarray(0, raw.indexOf('\r\n\r\n') + 4);
    const row = prepareHeaderRow({ accountId, folderId, uidvalidity: 1, uid: 90_001, flags: [], size: raw.length, headers, internalDate: NOW });
    if (!row) throw new Error('the header row needs a Message-ID');
    const [stored] = storeBatch(core.db, [row], []);
    expect((await call('search.query', { query: 'headers first ', accountId: null, cursor: null, limit: 5 })).items).toHaveLength(1);
    expect((await call('search.query', { query: 'wombat ', accountId: null, cursor: null, limit: 5 })).items).toHaveLength(0);
    const body = await prepareBody(path.join(dir, 'a'), raw, NOW);
    core.db.transaction(() => storeFetchedBody(core.db, stored?.messageRowId ?? 0, body, NOW))();
    const found = await call('search.query', { query: 'wombat ', accountId: null, cursor: null, limit: 5 });
    expect(found.items.map((h) => h.conversation.subject)).toEqual(['Headers first']);
    expect(found.items[0]?.snippet).toEqual([{ text: 'The ', match: false }, { text: 'wombat', match: true }, { text: ' chewed the box.', match: false }]);
  });
});
