import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { insertConversation } from '../../../src-main/core/db/conversations.repo.ts';
import {
  cancelOutboxItem,
  claimForSending,
  insertOutboxItem,
  markCopied,
  markOutboxFailed,
  markOutboxSent,
  repliesGoingOut,
} from '../../../src-main/core/db/outbox.repo.ts';
import { sentence } from '../../../src-main/core/sentences.ts';
import { seedAccount } from '../../support/mail-fixtures.ts';

const NOW = Date.UTC(2026, 10, 24, 12);
const MIN = 60_000;

describe('replies going out (what a colleague is warned about)', () => {
  it('names a conversation from Send until the copy is filed, a scheduled one with its time, and not a reply taken back or failed for good', () => {
    const { db } = openDatabase(':memory:');
    const accountId = seedAccount(db);
    const aggregates = { lastMessageAt: NOW, messageCount: 1, unreadCount: 0, attachmentCount: 0, snippet: '' };
    let n = 0;
    const reply = (state: 'undo-window' | 'scheduled', sendAt = NOW): { id: number; root: string } => {
      n++;
      const root = `<root-${n}@shop.example>`;
      const conversationId = insertConversation(db, accountId, { rootMessageId: root, ticket: `T${n}`, subject: 'Order', customer: { name: '', address: 'c@shop.example' } }, aggregates);
      const id = insertOutboxItem(db, { draftId: n, accountId, conversationId, messageId: `<out-${n}@desk>`, subject: 'Re: Order', to: [], payload: '{}', state, sendAt, now: NOW });
      return { id, root };
    };
    const goingOut = (at: number) => Object.fromEntries(repliesGoingOut(db, at - 10 * MIN).map((r) => [r.root, r.sending ? 'sending' : r.sendAt]));
    const problem = sentence('notSentTitle');

    const undo = reply('undo-window');
    const tomorrow = reply('scheduled', NOW + 24 * 60 * MIN);
    const sending = reply('undo-window');
    claimForSending(db, sending.id, false, NOW);
    const retrying = reply('undo-window');
    claimForSending(db, retrying.id, false, NOW);
    markOutboxFailed(db, retrying.id, problem, null, NOW + MIN, NOW);
    const refused = reply('undo-window');
    claimForSending(db, refused.id, false, NOW);
    markOutboxFailed(db, refused.id, problem, null, null, NOW);
    const unfiled = reply('undo-window');
    claimForSending(db, unfiled.id, false, NOW);
    markOutboxSent(db, unfiled.id, '250 ok', null, NOW);
    const filed = reply('undo-window');
    claimForSending(db, filed.id, false, NOW);
    markOutboxSent(db, filed.id, '250 ok', null, NOW);
    markCopied(db, filed.id);
    const undone = reply('undo-window');
    cancelOutboxItem(db, undone.id, NOW);

    expect(goingOut(NOW)).toEqual({
      [undo.root]: 'sending',
      [tomorrow.root]: NOW + 24 * 60 * MIN,
      [sending.root]: 'sending',
      [retrying.root]: 'sending',
      [unfiled.root]: 'sending',
    });
    // A copy that could not be filed is announced only for a while.
    expect(Object.keys(goingOut(NOW + 11 * MIN))).not.toContain(unfiled.root);
    db.close();
  });
});
