/**
 * A customer's out-of-office through a real Dovecot: the sync reads its
 * Auto-Submitted header when it lists the mail, the conversation goes on
 * waiting for the customer with no reply announced, and the reading view
 * marks it, whether or not its subject gives it away; mail that only looks
 * automatic is the customer's at once, with nothing left to inspect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock.ts';
import { conversationDetail } from '../../src-main/core/conversations/conversation-view.ts';
import { rootOfConversation } from '../../src-main/core/db/conversations.repo.ts';
import { stateRow } from '../../src-main/core/db/triage.repo.ts';
import { messageEntity } from '../../src-main/core/team/ops.ts';
import { TriageMaterializer } from '../../src-main/core/triage/refold.ts';
import type { ComposeDesk, ReplyingDesk } from '../support/compose-desk.ts';
import { startReplyingDesk, waitUntil } from '../support/compose-desk.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail } from '../support/mail-fixtures.ts';

const USER = 'support@example.test';
const ANN = 'Ann Lee <ann@shop.example>';
const SUBJECT = 'Lamp arrived broken';
let replying: ReplyingDesk;
let dovecot: DovecotServer;
let desk: ComposeDesk;
let triage: TriageMaterializer;
let conversationId: number;
const now = Date.now();
const clock = new ManualClock(now);

const q = <T>(sql: string, ...args: unknown[]): T[] => desk.db.prepare(sql).all(...args) as T[];
const rowOf = (messageId: string) => q<{ id: number; conversation_id: number }>('SELECT id, conversation_id FROM messages WHERE message_id = ?', messageId)[0];
const queued = (id: number) => q('SELECT 1 FROM mail_inspect_queue WHERE message_id = ?', id).length > 0;
const factOf = (id: number) => q<{ kind: string }>('SELECT kind FROM mail_facts WHERE message_id = ?', id)[0]?.kind ?? null;

/** Delivers customer mail answering our reply, syncs, and waits until the inspector is done with it. */
async function receive(messageId: string, subject: string, minutesAfter: number, headers: string[] = []): Promise<number> {
  await dovecot.append(USER, 'INBOX', buildMail({
    from: ANN, to: USER, subject, messageId, inReplyTo: 'r1@example.test', references: ['c1@shop.example', 'r1@example.test'],
    date: new Date(now + minutesAfter * 60_000), text: 'Thank you for your message.', headers,
  }));
  await desk.syncs.syncNow(accountId());
  await waitUntil(`${messageId} is stored`, () => rowOf(messageId) !== undefined, 15_000);
  const id = rowOf(messageId)?.id ?? 0;
  await waitUntil(`${messageId} is inspected`, () => !queued(id), 15_000);
  return id;
}
const accountId = () => q<{ id: number }>('SELECT id FROM accounts')[0]?.id ?? 0;

beforeAll(async () => {
  replying = await startReplyingDesk({
    user: USER,
    clock,
    inbox: [buildMail({ from: ANN, to: USER, subject: SUBJECT, messageId: 'c1@shop.example', date: new Date(now - 2 * 3_600_000), text: 'The lamp came in pieces.' })],
    sent: [buildMail({ from: `Acme Support <${USER}>`, to: ANN, subject: `Re: ${SUBJECT}`, messageId: 'r1@example.test', inReplyTo: 'c1@shop.example', references: ['c1@shop.example'], date: new Date(now - 3_600_000), text: 'Could you send a photo?' })],
  });
  ({ dovecot, desk } = replying);
  conversationId = rowOf('c1@shop.example')?.conversation_id ?? 0;
  triage = new TriageMaterializer(desk.db, desk.actor.node);
  triage.drain(clock.now(), 100);
  desk.actor.record([{ entity: messageEntity(rootOfConversation(desk.db, conversationId) ?? ''), field: 'assignee', value: `agent:${desk.actor.node}` }]);
  triage.drain(clock.now(), 100);
}, 60_000);

afterAll(() => replying?.stop());

describe('automatic answers from the customer\'s side', () => {
  it('an out-of-office leaves the conversation waiting on the customer, announces nothing and is marked in the reading view', async () => {
    expect(stateRow(desk.db, conversationId)).toMatchObject({ status: 'waiting', mine: 1 });
    const ooo = await receive('ooo@shop.example', `Automatic reply: Re: ${SUBJECT}`, 1, ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All']);
    expect(rowOf('ooo@shop.example')?.conversation_id).toBe(conversationId);
    expect(factOf(ooo)).toBe('auto-reply');
    const r = triage.drain(clock.now(), 100);
    expect(r.notifications).toEqual([]);
    expect(stateRow(desk.db, conversationId)).toMatchObject({ status: 'waiting', sla_kind: null });
    const shown = conversationDetail(desk.db, conversationId)?.messages.map((m) => [m.messageId, m.autoReply]);
    expect(shown).toEqual([['c1@shop.example', false], ['r1@example.test', false], ['ooo@shop.example', true]]);
  });

  it('an out-of-office titled like the conversation, from the customer\'s own address, is known by its headers too', async () => {
    // Nothing in its look gives it away: before, only mail that looked automatic had its headers read.
    const ooo = await receive('ooo2@shop.example', `Re: ${SUBJECT}`, 2, ['Auto-Submitted: auto-replied']);
    expect(factOf(ooo)).toBe('auto-reply');
    const r = triage.drain(clock.now(), 100);
    expect(r.notifications).toEqual([]);
    expect(stateRow(desk.db, conversationId)).toMatchObject({ status: 'waiting', sla_kind: null });
    expect(conversationDetail(desk.db, conversationId)?.messages.at(-1)).toMatchObject({ messageId: 'ooo2@shop.example', autoReply: true });
  });

  it('the customer\'s own answer, though it looks automatic, reopens the conversation and is announced at once', async () => {
    const own = await receive('back@shop.example', `Re: ${SUBJECT} (I was away from home)`, 3);
    // Its headers were read when it was listed, so there is nothing to ask the server again and nothing held.
    expect(factOf(own)).toBeNull();
    expect(queued(own)).toBe(false);
    const r = triage.drain(clock.now(), 100);
    expect(stateRow(desk.db, conversationId)?.status).toBe('pending');
    expect(r.notifications).toEqual([expect.objectContaining({ kind: 'replied', conversationId })]);
    expect(conversationDetail(desk.db, conversationId)?.messages.at(-1)).toMatchObject({ messageId: 'back@shop.example', autoReply: false });
  });
});
