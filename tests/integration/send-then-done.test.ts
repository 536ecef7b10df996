/**
 * "Send & Done" through a real Dovecot and SMTP sink: the conversation is
 * marked done once the reply has gone out, after it in the fold's order, so
 * it ends done rather than waiting on the customer; a reply undone within
 * its window marks nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock.ts';
import { stateRow } from '../../src-main/core/db/triage.repo.ts';
import { TriageMaterializer } from '../../src-main/core/triage/refold.ts';
import type { ComposeDesk, ReplyingDesk } from '../support/compose-desk.ts';
import { startReplyingDesk, waitUntil } from '../support/compose-desk.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';

const USER = 'support@example.test';
let replying: ReplyingDesk;
let sink: SmtpSink;
let desk: ComposeDesk;
let triage: TriageMaterializer;
let conversationId: number;
const clock = new ManualClock(Date.now());

const q = <T>(sql: string, ...args: unknown[]): T[] => desk.db.prepare(sql).all(...args) as T[];
const statusOps = () => q<{ actor: string; value: string }>("SELECT actor, value FROM ops WHERE field = 'status' ORDER BY hlc");
const memberIds = () => q<{ id: number }>('SELECT id FROM messages WHERE conversation_id = ? ORDER BY date', conversationId).map((r) => r.id);
const fold = () => {
  triage.drain(clock.now(), 100);
  return stateRow(desk.db, conversationId)?.status;
};

async function replyAndSend(text: string) {
  const draft = await desk.call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null });
  await desk.call('drafts.save', { id: draft.id, to: draft.to, cc: draft.cc, bcc: draft.bcc, subject: draft.subject, html: `<p>${text}</p>${draft.html}` });
  const result = await desk.call('outbox.send', { draftId: draft.id, sendAt: null, seenMessageIds: memberIds(), confirmCollision: false, thenStatus: 'done' });
  if (result.kind !== 'queued') throw new Error(`not queued: ${JSON.stringify(result)}`);
  return result.item;
}

beforeAll(async () => {
  replying = await startReplyingDesk({
    user: USER,
    clock,
    inbox: [buildMail({ from: 'Ivy Chen <ivy@shop.example>', to: USER, subject: 'How do I reset the clock?', messageId: 'i1@shop.example', date: new Date(clock.now() - 3_600_000), text: 'The manual does not say.' })],
  });
  ({ sink, desk } = replying);
  conversationId = q<{ id: number }>('SELECT id FROM conversations')[0]?.id ?? 0;
  triage = new TriageMaterializer(desk.db, desk.actor.node);
}, 60_000);

afterAll(() => replying?.stop());

describe('Send & Done', () => {
  it('a reply undone within its window marks nothing', async () => {
    expect(fold()).toBe('new');
    const item = await replyAndSend('Hold the button for five seconds.');
    expect(item.thenStatus).toBe('done');
    expect((await desk.call('outbox.list', {})).map((i) => i.thenStatus)).toEqual(['done']);
    const draft = await desk.call('outbox.cancel', { id: item.id });
    clock.advance(60_000);
    await desk.compose.dispatcher.idle();
    expect(sink.messages).toHaveLength(0);
    expect(statusOps()).toEqual([]);
    expect(fold()).toBe('new');
    await desk.call('drafts.discard', { id: draft.id });
  });

  it('marks the conversation done once the reply has gone out, and it stays done, not waiting on the customer', async () => {
    const item = await replyAndSend('Hold the button for five seconds, then release it.');
    // Nothing is marked while the reply can still be undone.
    expect(statusOps()).toEqual([]);
    clock.advance(10_000);
    await desk.compose.dispatcher.idle();
    await sink.waitForMail(1);
    expect(statusOps()).toEqual([{ actor: desk.actor.node, value: '"done"' }]);
    const messageId = q<{ message_id: string }>('SELECT message_id FROM outbox WHERE id = ?', item.id)[0]?.message_id;
    await waitUntil('the reply is filed in its conversation', () => q('SELECT 1 FROM messages WHERE message_id = ? AND conversation_id = ?', messageId, conversationId).length === 1, 15_000);
    expect(fold()).toBe('done');
  });
});
