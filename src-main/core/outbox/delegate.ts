/**
 * outbox.delegate: hands a conversation to someone outside the desk (another
 * department, a supplier) by mail: the agent's note, then every message as a
 * readable digest, through the same outbox (undo window included). The hand-
 * over is recorded as a team op on the conversation, so everyone's timeline
 * shows who delegated it to whom.
 */
import type { OutboxItem } from '../../../src-preload/api.ts';
import { getAccount } from '../db/accounts.repo.ts';
import { conversationMessages } from '../db/compose-source.repo.ts';
import { getConversationSummary, rootOfConversation } from '../db/conversations.repo.ts';
import { getDraft, insertDraft } from '../db/drafts.repo.ts';
import { getMessage } from '../db/messages.repo.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import { messageEntity } from '../team/ops.ts';
import { FIELD } from '../triage/triage-fold.ts';
import { isValidAddress } from '../compose/addresses.ts';
import { escapeHtml, textToHtml } from '../compose/html.ts';
import { replySubject } from '../compose/prefill.ts';
import type { QueueDeps } from './outbox-queue.ts';
import { queueDraft } from './outbox-queue.ts';

export async function delegateConversation(deps: QueueDeps, p: { conversationId: number; to: string; note: string }): Promise<OutboxItem> {
  const { db } = deps;
  const to = p.to.trim();
  if (!isValidAddress(to)) throw new DeskFailure('bad-request', sentence('invalidAddress', { address: to }));
  const conversation = getConversationSummary(db, p.conversationId);
  if (!conversation) throw new DeskFailure('not-found', sentence('conversationGone'));
  const account = getAccount(db, conversation.accountId);
  if (!account) throw new DeskFailure('not-found', sentence('conversationMailboxGone'));
  const parts = conversationMessages(db, conversation.id).map((m) => {
    const text = getMessage(db, m.id)?.text || m.snippet;
    const head = `${m.from_name ? `${m.from_name} <${m.from_address}>` : m.from_address} — ${new Date(m.date).toUTCString()}`;
    return `<div style="margin:12px 0;padding-left:8px;border-left:3px solid #ccc"><p><b>${escapeHtml(head)}</b><br>${escapeHtml(m.subject)}</p><p>${textToHtml(text)}</p></div>`;
  });
  const html =
    `<p>${textToHtml(p.note)}</p>` +
    `<p>${escapeHtml(`Conversation #${conversation.ticket} with ${conversation.customer.name || conversation.customer.address}, ${parts.length} message(s):`)}</p>` +
    parts.join('\n');
  const draftId = insertDraft(db, {
    accountId: account.id,
    conversationId: null,
    mode: 'forward',
    inReplyTo: null,
    to: [{ name: '', address: to }],
    cc: [],
    bcc: [],
    // No ticket token (and no In-Reply-To): the forward must not thread into the
    // conversation, where it would count as an agent reply to the customer.
    subject: replySubject(conversation.subject, 'forward', null),
    html,
    now: deps.clock.now(),
  });
  const draft = getDraft(db, draftId);
  if (!draft) throw new Error('draft vanished right after insert');
  // Keeps the delegation's own conversation link for the drawer, without making the draft resumable as a reply.
  const item = await queueDraft(deps, { ...draft, conversationId: conversation.id }, null);
  const root = rootOfConversation(db, conversation.id);
  if (root) {
    deps.actor.record([{ entity: messageEntity(root), field: FIELD.delegated, value: { to, note: p.note, at: deps.clock.now(), by: deps.actor.node, outboxId: item.id } }]);
  }
  return item;
}
