/**
 * The reading view of one conversation: its messages oldest first, each with
 * its text split for folding, whether it is ours, and whether its remote
 * images may load without asking; plus the customer's contact card.
 *
 * HTML is passed on as received: the renderer sanitizes it (DOMPurify) and
 * shows it in a sandboxed frame with remote images blocked unless
 * `remoteImagesAllowed`. Charsets and RFC 2047 words were decoded at parse.
 */
import type { Database } from 'better-sqlite3';
import type { ConversationDetail, ConversationMessage } from '../../../src-preload/api.ts';
import { conversationMemberIds, getConversationSummary } from '../db/conversations.repo.ts';
import { remoteImagesAllowedFor } from '../db/contacts.repo.ts';
import { getMessage } from '../db/messages.repo.ts';
import { contactCard } from '../contacts/contact-commands.ts';
import { OwnAddresses } from './own-addresses.ts';
import { isTeamMail } from '../threading/index.ts';
import { splitTextParts } from './text-parts.ts';
import { isAcknowledgementId } from '../rules/acknowledgement.ts';
import { mailFacts } from '../db/audit.repo.ts';

export function conversationDetail(db: Database, conversationId: number): ConversationDetail | null {
  const summary = getConversationSummary(db, conversationId);
  if (!summary) return null;
  const own = new OwnAddresses(db).of(summary.accountId);
  const messages: ConversationMessage[] = [];
  const ids = conversationMemberIds(db, conversationId);
  const facts = mailFacts(db, ids);
  for (const id of ids) {
    const message = getMessage(db, id);
    if (!message) continue;
    const outgoing = isTeamMail(message.from.address, message.to.map((a) => a.address), own, message.replyTo.map((a) => a.address));
    messages.push({
      ...message,
      outgoing,
      automatic: outgoing && isAcknowledgementId(message.messageId),
      autoReply: !outgoing && facts.get(id) === 'auto-reply',
      textParts: splitTextParts(message.text, { signOffs: outgoing }),
      remoteImagesAllowed: !outgoing && message.from.address !== '' && remoteImagesAllowedFor(db, message.from.address.trim().toLowerCase()),
    });
  }
  const contact = summary.contactId === null ? null : contactCard(db, summary.contactId);
  return { summary, messages, contact };
}
