/**
 * Provisional conversations: what the messages of a deferred sync batch show
 * in the conversation list until the threading pass threads them
 * (docs/decisions.md, "eighth pass"; groups: provisional-groups.ts).
 *
 * The batch is threaded alone, in memory: a group whose root already has a
 * row joins it, any other group gets a row of its own. No index walk and no
 * thread keys: reaching the rest of the mailbox is what makes threading cost
 * several times the storing, and the threading pass does it later and
 * rewrites whatever the batch alone got wrong. Roots and tickets come from
 * reply headers, so most provisional rows already are the conversation they
 * will stay.
 *
 * A header batch is placed before its rows are inserted (`placeProvisional`),
 * so each message is inserted with its conversation instead of updated into
 * it afterwards (decisions.md, "tenth pass"); messages stored without one
 * (mail stored whole) are placed after (`provisionalConversations`).
 *
 * Synchronous, database only: runs inside the storing transaction.
 */
import type { Database } from 'better-sqlite3';
import type { ConversationAggregates, StoredConversationRow } from '../db/conversations.repo.ts';
import { insertConversations, updateConversationsAggregates } from '../db/batch-writes.repo.ts';
import { conversationIdsByRoots, setMessageConversations, storedConversations } from '../db/conversations.repo.ts';
import type { NewMessage } from '../db/messages.repo.ts';
import { messagePlacements, threadSources } from '../db/thread-index.repo.ts';
import { byAccount } from './conversation-fields.ts';
import { OwnAddresses } from './own-addresses.ts';
import type { ProvisionalGroup } from './provisional-groups.ts';
import { coversExactly, groupsOfRows, provisionalGroups } from './provisional-groups.ts';

/** A stored row joined by new messages: they are not its members yet, so their counts add up. */
function joined(r: StoredConversationRow, added: ConversationAggregates): ConversationAggregates {
  const newer = added.lastMessageAt > r.last_message_at;
  return {
    lastMessageAt: newer ? added.lastMessageAt : r.last_message_at,
    messageCount: r.message_count + added.messageCount,
    unreadCount: r.unread_count + added.unreadCount,
    attachmentCount: r.attachment_count + added.attachmentCount,
    // The row's own snippet is from its newest member at the latest; an acknowledgement alone never replaces it.
    snippet: (added.snippetAt ?? added.lastMessageAt) > r.last_message_at ? added.snippet : r.snippet,
  };
}

/** Gives each group a row (its root's, or a new one); returns the row id per member key. */
function placeGroups(db: Database, accountId: number, groups: readonly ProvisionalGroup[]): Map<number, number> {
  const byRoot = conversationIdsByRoots(db, accountId, groups.map((g) => g.header.rootMessageId));
  const stored = storedConversations(db, [...byRoot.values()]);
  const joining: Array<{ id: number; aggregates: ConversationAggregates }> = [];
  const joiningGroups: ProvisionalGroup[] = [];
  const fresh: ProvisionalGroup[] = [];
  for (const g of groups) {
    const existing = stored.get(byRoot.get(g.header.rootMessageId) ?? -1);
    // Joining keeps the row's header (root, ticket, subject, customer): the threading pass decides those.
    if (existing) {
      joining.push({ id: existing.id, aggregates: joined(existing, g.aggregates) });
      joiningGroups.push(g);
    } else fresh.push(g);
  }
  // One statement per table for the whole batch (db/batch-writes.repo.ts).
  updateConversationsAggregates(db, joining);
  const freshIds = insertConversations(db, accountId, fresh);
  const out = new Map<number, number>();
  joiningGroups.forEach((g, i) => g.members.forEach((key) => out.set(key, (joining[i] as { id: number }).id)));
  fresh.forEach((g, i) => g.members.forEach((key) => out.set(key, freshIds[i] as number)));
  return out;
}

/**
 * The provisional conversation of each message of one account that is about
 * to be stored, in `messages` order. `computed`: the groups the listing
 * worker computed for exactly these messages, used when they cover them.
 */
export function placeProvisional(db: Database, accountId: number, messages: readonly NewMessage[], computed: readonly unknown[] | null): Array<number | null> {
  const groups = computed !== null && coversExactly(computed, messages.length) ? computed : provisionalGroups(messages, new OwnAddresses(db).of(accountId));
  const placed = placeGroups(db, accountId, groups);
  // Every index is in a group; were one not, its row would be placed after the insert (`provisionalConversations`).
  return messages.map((_, i) => placed.get(i) ?? null);
}

/**
 * Places the stored messages among `messageIds` that have no conversation
 * yet. Returns every message per account, for the threading queue.
 */
export function provisionalConversations(db: Database, messageIds: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const unplaced: number[] = [];
  for (const m of messagePlacements(db, messageIds)) {
    const list = out.get(m.account_id);
    if (list) list.push(m.id);
    else out.set(m.account_id, [m.id]);
    if (m.conversation_id === null) unplaced.push(m.id);
  }
  const own = new OwnAddresses(db);
  for (const [accountId, sources] of byAccount(threadSources(db, unplaced))) {
    const placed = placeGroups(db, accountId, groupsOfRows(sources, own.of(accountId)));
    setMessageConversations(db, [...placed]);
  }
  return out;
}
