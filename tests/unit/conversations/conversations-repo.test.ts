import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeConversations, splitConversation } from '../../../src-main/core/conversations/conversations.handlers.ts';
import { repairStaleConversations, threadMessages } from '../../../src-main/core/conversations/rethread.ts';
import { mergeChange, overrideOfOp, splitChange } from '../../../src-main/core/conversations/thread-overrides.ts';
import { conversationIdOfMessage, explainListConversations, getConversationSummary, listConversations } from '../../../src-main/core/db/conversations.repo.ts';
import { setSeen } from '../../../src-main/core/db/messages.repo.ts';
import { formatSubjectWithToken, tokenForRoot } from '../../../src-main/core/threading/index.ts';
import { DESK, deleteRows, openTestCache, storedConversations, storeRow } from './support/cache.ts';
import type { TestCache } from './support/cache.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 11, 1, 9);

let cache: TestCache;
beforeEach(() => {
  cache = openTestCache();
});
afterEach(() => cache.db.close());

function mail(id: string, day: number, fields: { from?: string; to?: string[]; subject?: string; inReplyTo?: string | null; references?: string[]; text?: string; seen?: boolean } = {}) {
  const row = storeRow(cache, {
    input: {
      messageId: id,
      inReplyTo: fields.inReplyTo ?? null,
      references: fields.references ?? [],
      subject: fields.subject ?? 'Order problem',
      from: fields.from ?? 'alice@customer.example',
      to: fields.to ?? [DESK],
      date: T0 + day * DAY,
    },
    dedupeKey: id,
    text: fields.text ?? `text of ${id}`,
    seen: fields.seen,
    fromName: fields.from === DESK ? 'Support' : 'Alice Example',
  });
  threadMessages(cache.db, [row]);
  return row;
}

describe('conversation rows', () => {
  it('carry the root subject without our token, the customer, counts, unread and the newest snippet', () => {
    const root = tokenForRoot('q1@alice.example');
    mail('q1@alice.example', 0, { seen: false });
    mail('r1@desk.example', 1, { from: DESK, to: ['Alice <alice@customer.example>'], subject: formatSubjectWithToken('Re: Order problem', root), inReplyTo: 'q1@alice.example', text: 'our answer' });
    const [c] = storedConversations(cache.db);
    const summary = getConversationSummary(cache.db, c?.id ?? 0);
    expect(summary).toMatchObject({
      ticket: root,
      subject: 'Order problem',
      customer: { name: 'Alice Example', address: 'alice@customer.example' },
      messageCount: 2,
      unread: true,
      snippet: 'our answer',
      lastMessageAt: T0 + DAY,
    });
  });

  it('follow read flags and deleted messages without rethreading by hand', () => {
    const a = mail('q1@alice.example', 0, { seen: false });
    const b = mail('q2@alice.example', 1, { inReplyTo: 'q1@alice.example', seen: false, text: 'second' });
    const id = conversationIdOfMessage(cache.db, a) ?? 0;
    setSeen(cache.db, [a], true);
    expect(getConversationSummary(cache.db, id)?.unread).toBe(true);
    setSeen(cache.db, [b], true);
    expect(getConversationSummary(cache.db, id)?.unread).toBe(false);
    deleteRows(cache, [b]);
    expect(getConversationSummary(cache.db, id)).toMatchObject({ messageCount: 1 });
    repairStaleConversations(cache.db);
    expect(getConversationSummary(cache.db, id)).toMatchObject({ messageCount: 1, snippet: 'text of q1@alice.example', lastMessageAt: T0 });
    deleteRows(cache, [a]);
    expect(getConversationSummary(cache.db, id)).toBeNull();
  });

  it('split when the message that joined two parts is deleted', () => {
    const a = mail('a@x.example', 0);
    const c = mail('c@x.example', 2, { inReplyTo: 'b@x.example' });
    expect(storedConversations(cache.db)).toHaveLength(2);
    const b = mail('b@x.example', 1, { inReplyTo: 'a@x.example' });
    expect(storedConversations(cache.db)).toHaveLength(1);
    deleteRows(cache, [b]);
    repairStaleConversations(cache.db);
    const groups = storedConversations(cache.db).map((x) => x.members);
    expect(groups.sort()).toEqual([[a], [c]]);
  });
});

describe('listConversations', () => {
  it('pages newest first by keyset without repeats, and filters by folder role', () => {
    for (let i = 0; i < 7; i++) mail(`m${i}@alice.example`, i, { subject: `Topic ${i}` });
    mail('out@desk.example', 8, { from: DESK, to: ['bob@other.example'], subject: 'We noticed' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = listConversations(cache.db, { accountId: cache.accountId, folder: 'inbox', cursor, limit: 3 });
      seen.push(...page.items.map((c) => c.subject));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['Topic 6', 'Topic 5', 'Topic 4', 'Topic 3', 'Topic 2', 'Topic 1', 'Topic 0']);
    const sent = listConversations(cache.db, { accountId: null, folder: 'sent', cursor: null, limit: 10 });
    expect(sent.items.map((c) => [c.subject, c.customer.address])).toEqual([['We noticed', 'bob@other.example']]);
    const byFolder = listConversations(cache.db, { accountId: cache.accountId, folder: 'inbox', folderId: cache.sent, cursor: null, limit: 10 });
    expect(byFolder.items.map((c) => c.subject)).toEqual(['We noticed']);
  });

  it('uses the (account, last_message_at, id) index, not a sort', () => {
    const plan = explainListConversations(cache.db, cache.accountId).join('\n');
    expect(plan).toMatch(/SEARCH c USING INDEX conversations_account_last \(account_id=\? AND last_message_at<\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    const all = explainListConversations(cache.db, null).join('\n');
    expect(all).toMatch(/USING INDEX conversations_last/);
    expect(all).not.toMatch(/TEMP B-TREE/);
  });
});

describe('split and merge', () => {
  it('split moves a message and its replies out; merging back restores the ticket', () => {
    const q = mail('q@alice.example', 0);
    const r = mail('r@desk.example', 1, { from: DESK, to: ['alice@customer.example'], inReplyTo: 'q@alice.example' });
    const other = mail('o@alice.example', 2, { inReplyTo: 'r@desk.example', subject: 'Re: Order problem, and a new question' });
    const reply = mail('p@desk.example', 3, { from: DESK, to: ['alice@customer.example'], inReplyTo: 'o@alice.example' });
    const original = conversationIdOfMessage(cache.db, q) ?? 0;
    const before = storedConversations(cache.db);

    const split = splitConversation(cache.db, cache.actor, other);
    expect(split).not.toBe(original);
    expect(conversationIdOfMessage(cache.db, reply)).toBe(split);
    expect(conversationIdOfMessage(cache.db, r)).toBe(original);
    expect(getConversationSummary(cache.db, split)?.ticket).toBe(tokenForRoot('o@alice.example'));

    expect(mergeConversations(cache.db, cache.actor, original, split)).toBe(original);
    const after = storedConversations(cache.db);
    const withoutTokens = (cs: typeof before) => cs.map(({ tokens: _tokens, ...rest }) => rest);
    expect(withoutTokens(after)).toEqual(withoutTokens(before));
    // Mail that went out with the split ticket's token still finds the conversation.
    expect(after[0]?.tokens).toEqual([...before[0]!.tokens, tokenForRoot('o@alice.example')].sort());
    expect(() => mergeConversations(cache.db, cache.actor, original, original)).toThrow(/itself/);
  });

  it('a split stays split when the split message\'s later replies arrive', () => {
    const q = mail('q@alice.example', 0);
    const second = mail('s@alice.example', 1, { inReplyTo: 'q@alice.example' });
    const split = splitConversation(cache.db, cache.actor, second);
    const late = mail('t@desk.example', 2, { from: DESK, to: ['alice@customer.example'], inReplyTo: 's@alice.example' });
    expect(conversationIdOfMessage(cache.db, late)).toBe(split);
    expect(conversationIdOfMessage(cache.db, q)).not.toBe(split);
  });

  it('ops name messages by Message-ID and survive as their own cells', () => {
    const split = splitChange('x@y.example');
    expect(split).toEqual({ entity: 'msg:x@y.example', field: 'thread.split', value: true });
    const a = mergeChange('a@y.example', 'b@y.example');
    const b = mergeChange('a@y.example', 'c@y.example');
    expect(a.field).not.toBe(b.field);
    const op = { hlc: '2026-01-01T00:00:00.000Z-0000-0000000000000001', actor: '0000000000000001', ...a };
    expect(overrideOfOp(op)).toEqual({ kind: 'merge', seq: op.hlc, messageIdA: 'a@y.example', messageIdB: 'b@y.example' });
    expect(overrideOfOp({ ...op, value: 'garbage' })).toBeNull();
    expect(overrideOfOp({ ...op, entity: 'contact:a@y.example' })).toBeNull();
  });
});
