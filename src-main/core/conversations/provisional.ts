/**
 * Provisional conversations: what the messages of a deferred sync batch show
 * in the conversation list until the threading pass threads them
 * (docs/decisions.md, "eighth pass").
 *
 * The batch is threaded alone, in memory, with the same pure code as
 * everything else (its own reply headers, ticket tokens and subjects): a
 * group whose root already has a row joins it, any other group gets a row of
 * its own. No index walk and no thread keys: reaching the rest of the mailbox
 * is what makes threading cost several times the storing, and the threading
 * pass does it later and rewrites whatever the batch alone got wrong. Roots
 * and tickets come from reply headers, so most provisional rows already are
 * the conversation they will stay.
 *
 * Synchronous, database only: runs inside the storing transaction.
 */
import type { Database } from 'better-sqlite3';
import type { ConversationAggregates, ConversationHeader, StoredConversationRow } from '../db/conversations.repo.ts';
import { conversationIdsByRoots, insertConversation, setConversationTokens, setMessageConversations, storedConversations, updateConversation } from '../db/conversations.repo.ts';
import { threadSources } from '../db/thread-index.repo.ts';
import { ownAddressSet, partitionKeys, threadKeysOf } from '../threading/index.ts';
import { aggregatesOf, byAccount, headerOf } from './conversation-fields.ts';
import { OwnAddresses, threadInputOf } from './thread-source.ts';

function headerOfRow(r: StoredConversationRow): ConversationHeader {
  return { rootMessageId: r.root_message_id, ticket: r.ticket, subject: r.subject, customer: { name: r.customer_name, address: r.customer_address } };
}

/** A stored row joined by new messages: they are not its members yet, so their counts add up. */
function joined(r: StoredConversationRow, added: ConversationAggregates): ConversationAggregates {
  const newer = added.lastMessageAt > r.last_message_at;
  return {
    lastMessageAt: newer ? added.lastMessageAt : r.last_message_at,
    messageCount: r.message_count + added.messageCount,
    unreadCount: r.unread_count + added.unreadCount,
    attachmentCount: r.attachment_count + added.attachmentCount,
    snippet: newer ? added.snippet : r.snippet,
  };
}

/**
 * Gives every message of the batch a conversation, without threading it
 * against the stored mailbox. Returns the messages per account.
 */
export function provisionalConversations(db: Database, messageIds: readonly number[]): Map<number, number[]> {
  const own = new OwnAddresses(db);
  const accounts = byAccount(threadSources(db, messageIds));
  for (const [accountId, sources] of accounts) {
    const ownAddresses = own.of(accountId);
    const ownSet = ownAddressSet({ ownAddresses: [...ownAddresses] });
    const keys = sources.map((r) => threadKeysOf(threadInputOf(r), ownSet));
    const conversations = partitionKeys(keys, { ownAddresses: [...ownAddresses] });
    const rows = new Map(sources.map((r) => [r.id, r]));
    const threadIdOf = new Map(keys.map((k) => [k.key, k.id]));
    const byRoot = conversationIdsByRoots(db, accountId, conversations.map((c) => c.rootId));
    const stored = storedConversations(db, [...byRoot.values()]);
    const moves: Array<[number, number]> = [];
    for (const c of conversations) {
      const aggregates = aggregatesOf(c, rows);
      const existing = stored.get(byRoot.get(c.rootId) ?? -1);
      let id: number;
      if (existing) {
        id = existing.id;
        updateConversation(db, id, headerOfRow(existing), joined(existing, aggregates));
      } else {
        id = insertConversation(db, accountId, headerOf(c, rows, threadIdOf, ownAddresses), aggregates);
        setConversationTokens(db, id, [...new Set([c.token, ...c.aliases])].sort());
      }
      for (const key of c.keys) moves.push([key, id]);
    }
    setMessageConversations(db, moves);
  }
  return new Map([...accounts].map(([accountId, sources]) => [accountId, sources.map((r) => r.id)]));
}
