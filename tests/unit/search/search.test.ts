import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactCommands, contactIdOfAddress } from '../../../src-main/core/contacts/contact-commands.ts';
import { recordContactsOf } from '../../../src-main/core/contacts/customer-contacts.ts';
import { threadMessages } from '../../../src-main/core/conversations/rethread.ts';
import { conversationIdOfMessage, getConversationSummary } from '../../../src-main/core/db/conversations.repo.ts';
import { insertBody } from '../../../src-main/core/db/messages.repo.ts';
import { explainMatchingDocs, explainMessagesOfDoc } from '../../../src-main/core/db/search.repo.ts';
import { searchConversations } from '../../../src-main/core/search/search.service.ts';
import { deleteNote, recordCall, recordNote } from '../../../src-main/core/triage/notes.ts';
import type { SearchResult } from '../../../src-preload/api.ts';
import { DESK, openTestCache, storeRow } from '../conversations/support/cache.ts';
import type { StoredSpec, TestCache } from '../conversations/support/cache.ts';

const DAY = 86_400_000;
const T0 = new Date(2025, 10, 1, 12).getTime();

let cache: TestCache;
beforeEach(() => {
  cache = openTestCache();
});
afterEach(() => cache.db.close());

let n = 0;
function mail(day: number, fields: Partial<StoredSpec['input']> & { text?: string; attach?: boolean; name?: string; withBody?: boolean } = {}): number {
  n++;
  const id = storeRow(cache, {
    input: {
      messageId: fields.messageId ?? `s${n}@mail.example`,
      inReplyTo: fields.inReplyTo ?? null,
      references: fields.references ?? [],
      subject: fields.subject ?? `Subject ${n}`,
      from: fields.from ?? 'anna@customer.example',
      to: fields.to ?? [DESK],
      ...(fields.replyTo ? { replyTo: fields.replyTo } : {}),
      date: T0 + day * DAY,
    },
    dedupeKey: `d${n}`,
    text: fields.text ?? '',
    hasAttachments: fields.attach ?? false,
    fromName: fields.name ?? 'Anna Nowak',
    withBody: fields.withBody,
  });
  threadMessages(cache.db, [id]);
  recordContactsOf(cache.db, [id]);
  return id;
}

const search = (query: string, limit = 20, cursor: string | null = null, accountId: number | null = null): SearchResult =>
  searchConversations(cache.db, { query, accountId, cursor, limit });
const subjects = (r: SearchResult) => r.items.map((i) => i.conversation.subject);
const shown = (r: SearchResult, index = 0) => (r.items[index]?.snippet ?? []).map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('search', () => {
  it('finds words, phrases, participants and subjects, newest first, with highlighted snippets', () => {
    mail(0, { subject: 'Refund for order NW-1', text: 'I would like a refund for my order number 1.' });
    mail(1, { subject: 'Jacket too small', text: 'The jacket is too small. Refund or exchange?', from: 'bob@other.example', name: 'Bob Builder' });
    mail(2, { subject: 'Invoice', text: 'Please send the invoice.', to: [DESK, 'billing@customer.example'] });
    expect(subjects(search('refund '))).toEqual(['Jacket too small', 'Refund for order NW-1']);
    expect(shown(search('refund '))).toBe('The jacket is too small. [Refund] or exchange?');
    expect(subjects(search('"order number" '))).toEqual(['Refund for order NW-1']);
    expect(subjects(search('"number order" '))).toEqual([]);
    expect(subjects(search('from:bob '))).toEqual(['Jacket too small']);
    expect(subjects(search('from:"Anna Nowak" '))).toEqual(['Invoice', 'Refund for order NW-1']);
    expect(subjects(search('to:billing@customer.example '))).toEqual(['Invoice']);
    expect(subjects(search('subject:refund '))).toEqual(['Refund for order NW-1']);
    expect(subjects(search('refund -jacket '))).toEqual(['Refund for order NW-1']);
    expect(subjects(search('-refund'))).toEqual(['Invoice']);
    expect(subjects(search('refu'))).toEqual(['Jacket too small', 'Refund for order NW-1']);
  });

  it('finds mail sent through a contact form by the customer its Reply-To names', () => {
    mail(0, { subject: 'Contact form: lid', from: 'noreply@shop.example', name: 'Shop website', replyTo: ['hana@home.example'], text: 'My lid broke.' });
    mail(1, { subject: 'Other', from: 'noreply@shop.example', name: 'Shop website', text: 'Newsletter.' });
    expect(subjects(search('from:hana '))).toEqual(['Contact form: lid']);
    expect(subjects(search('hana@home.example '))).toEqual(['Contact form: lid']);
    expect(subjects(search('from:noreply@shop.example '))).toEqual(['Other', 'Contact form: lid']);
  });

  it('filters by attachment, date, account and the customer\'s contact tags', () => {
    mail(0, { subject: 'Old with file', attach: true, text: 'parcel' });
    mail(10, { subject: 'New without file', text: 'parcel' });
    const vip = mail(20, { subject: 'From a VIP', text: 'parcel', from: 'vip@big.example' });
    expect(subjects(search('has:attachment'))).toEqual(['Old with file']);
    expect(subjects(search('parcel -has:attachment '))).toEqual(['From a VIP', 'New without file']);
    const day = (d: number) => new Date(T0 + d * DAY).toISOString().slice(0, 10);
    expect(subjects(search(`parcel after:${day(5)} before:${day(15)} `))).toEqual(['New without file']);
    expect(subjects(search(`parcel before:${day(1)} `))).toEqual(['Old with file']);
    expect(search('parcel ', 20, null, cache.accountId).items).toHaveLength(3);
    expect(search('parcel ', 20, null, cache.accountId + 1).items).toHaveLength(0);
    new ContactCommands(cache.db, cache.actor, () => cache.clock.now()).setTags(contactIdOfAddress(cache.db, 'vip@big.example') ?? 0, ['vip']);
    expect(subjects(search('tag:vip'))).toEqual(['From a VIP']);
    expect(subjects(search('parcel -tag:vip '))).toEqual(['New without file', 'Old with file']);
    // The conversation's own tags count too, and a conversation not folded yet is new and unassigned.
    expect(subjects(search('status:new parcel '))).toEqual(['From a VIP', 'New without file', 'Old with file']);
    expect(subjects(search('status:done parcel '))).toEqual([]);
    expect(subjects(search('assignee:none parcel '))).toHaveLength(3);
    expect(conversationIdOfMessage(cache.db, vip)).not.toBeNull();
  });

  it('groups a conversation\'s messages into one hit, shown where its newest match is', () => {
    const q = mail(0, { messageId: 'q@a.example', subject: 'Broken zipper', text: 'The zipper broke.' });
    mail(1, { subject: 'Other', text: 'zipper question' });
    mail(2, { messageId: 'r@a.example', inReplyTo: 'q@a.example', subject: 'Re: Broken zipper', text: 'Still broken zipper.' });
    const r = search('zipper ');
    expect(subjects(r)).toEqual(['Broken zipper', 'Other']);
    expect(r.items[0]?.conversation.id).toBe(conversationIdOfMessage(cache.db, q));
    expect(shown(r)).toBe('Still broken [zipper].');
  });

  it("finds a conversation by the words of the team's internal notes and call summaries, until the note is deleted", () => {
    mail(0, { subject: 'Broken zipper', text: 'The zipper broke on day two.', messageId: 'zip-1@mail.example' });
    mail(1, { subject: 'Where is my order', text: 'Still waiting.', messageId: 'order-1@mail.example' });
    const note = recordNote(cache.actor, 'zip-1@mail.example', 'Warehouse says **kraken** batch, replace for free', []);
    recordCall(cache.actor, 'order-1@mail.example', { direction: 'inbound', minutes: 4, summary: 'Customer asked about the narwhal discount' });
    expect(subjects(search('kraken'))).toEqual(['Broken zipper']);
    // The row says why it matched: the note's words, marked as a note.
    expect(search('kraken').items[0]).toMatchObject({ inNote: true });
    expect(shown(search('kraken'))).toBe('Warehouse says [kraken] batch, replace for free');
    expect(subjects(search('narwhal'))).toEqual(['Where is my order']);
    expect(search('zipper').items[0]?.inNote).toBeUndefined();
    // The customer's words still find it; the note's are not shown to them as a snippet.
    expect(subjects(search('zipper kraken'))).toEqual(['Broken zipper']);
    deleteNote(cache.actor, note);
    expect(subjects(search('kraken'))).toEqual([]);
    expect(subjects(search('zipper'))).toEqual(['Broken zipper']);
  });

  it('finds a ticket by its number', () => {
    const id = mail(0, { subject: 'Ticket me' });
    const ticket = getConversationSummary(cache.db, conversationIdOfMessage(cache.db, id) ?? 0)?.ticket ?? '';
    expect(subjects(search(`#${ticket}`))).toEqual(['Ticket me']);
    expect(subjects(search(`#${ticket.toLowerCase()}`))).toEqual(['Ticket me']);
  });

  it('finds a word in a body that was stored after the headers', () => {
    const id = mail(0, { subject: 'Headers first', withBody: false });
    expect(search('kangaroo ').items).toHaveLength(0);
    expect(subjects(search('headers '))).toEqual(['Headers first']);
    insertBody(cache.db, id, { text: 'A kangaroo ate my parcel.', html: null }, 0);
    expect(subjects(search('kangaroo '))).toEqual(['Headers first']);
    expect(subjects(search('headers '))).toEqual(['Headers first']);
    expect(shown(search('kangaroo '))).toBe('A [kangaroo] ate my parcel.');
  });

  it('pages through every matching conversation exactly once, newest match first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ thread: fc.nat({ max: 6 }), day: fc.nat({ max: 40 }), hit: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (specs, limit) => {
          cache.db.close();
          cache = openTestCache();
          const newestHit = new Map<number, number>();
          specs.forEach((s, i) => {
            const root = `t${s.thread}@p.example`;
            const isRoot = !specs.slice(0, i).some((x) => x.thread === s.thread);
            mail(s.day, {
              messageId: isRoot ? root : `t${s.thread}-${i}@p.example`,
              inReplyTo: isRoot ? null : root,
              subject: `Thread ${s.thread}`,
              text: s.hit ? 'the marmalade word' : 'nothing',
            });
            if (s.hit) newestHit.set(s.thread, Math.max(newestHit.get(s.thread) ?? -1, s.day));
          });
          const pages: string[] = [];
          let cursor: string | null = null;
          for (let guard = 0; guard < 50; guard++) {
            const page = search('marmalade ', limit, cursor);
            pages.push(...subjects(page));
            cursor = page.nextCursor;
            if (cursor === null) break;
          }
          expect(new Set(pages).size).toBe(pages.length);
          expect(new Set(pages)).toEqual(new Set([...newestHit.keys()].map((t) => `Thread ${t}`)));
          const days = pages.map((p) => newestHit.get(Number(p.slice(7))) ?? -1);
          expect(days).toEqual([...days].sort((a, b) => b - a));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers an empty box with nothing and a bad cursor with a clear error', () => {
    mail(0, { text: 'anything' });
    expect(search('   ')).toEqual({ items: [], nextCursor: null, warnings: [] });
    expect(() => search('anything ', 5, 'not-a-cursor')).toThrow(/search again/);
  });

  it('scans the index newest first without sorting, and maps hits through an index', () => {
    const plan = explainMatchingDocs(cache.db).join('\n');
    expect(plan).toMatch(/VIRTUAL TABLE INDEX/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(explainMessagesOfDoc(cache.db).join('\n')).toMatch(/USING INDEX messages_search_doc/);
  });
});
