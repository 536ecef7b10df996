/**
 * Threads stored messages into stored conversations, incrementally.
 *
 * Invariant: after `threadMessages` / `rethreadFrom` / `repairStaleConversations`,
 * the stored conversations of an account equal `partition(all its messages,
 * its own address, all overrides)`, whatever order the messages were stored
 * in: component.ts finds a union of whole conversations around the change,
 * and that part is threaded again with the pure batch code. Ticket tokens and
 * roots therefore match on every desktop; only row ids are local.
 *
 * Messages waiting in the threading queue (a large sync batch's, in
 * provisional conversations: provisional.ts) count as not yet stored: their
 * keys are not saved, so no walk reaches them through links. A component that
 * takes in their conversation threads them along, and the invariant holds
 * again once the queue is empty (tests/unit/conversations/rethread.test.ts).
 *
 * Row ids are kept where possible, so the agent's selection survives: a
 * conversation keeps its row while its root is unchanged, and a conversation
 * whose root changed (a merge, an ancestor arriving late) takes over the row
 * of the old conversation it shares most messages with.
 *
 * Synchronous, database only: runs inside the storing transaction (pipeline/after-store.ts).
 */
import type { Database } from 'better-sqlite3';
import type { ConversationAggregates, ConversationHeader, StoredConversationRow } from '../db/conversations.repo.ts';
import type { StaleKey, ThreadSourceRow } from '../db/thread-index.repo.ts';
import { clearStale, conversationIdsByRoots, conversationMemberIds, deleteConversation, insertConversation, membersOfConversations, setConversationTokens, setMessageConversations, staleConversationIds, storedConversations, tokensOfConversations, updateConversation } from '../db/conversations.repo.ts';
import { clearStaleKeysUpTo, hasAnyOverride, messagesFollowingAnyToken, overridesNamingAny, messagesMentioningAny, nodesWithAnyToken, staleKeys, subjectPartnersOfMany, messagesWithThreadKeys, saveThreadKeys, threadSources } from '../db/thread-index.repo.ts';
import { recordContactsOf } from '../contacts/customer-contacts.ts';
import type { Conversation, ThreadKeys } from '../threading/index.ts';
import { ownAddressSet, partitionKeys, threadKeysOf, tokenMemo } from '../threading/index.ts';
import { collectComponent, mergeProbes, SUBJECT_WINDOW_MS } from './component.ts';
import { aggregatesOf, byAccount, headerOf } from './conversation-fields.ts';
import { OwnAddresses } from './own-addresses.ts';
import { threadInputOf } from './thread-source.ts';

interface Ctx {
  db: Database;
  own: OwnAddresses;
  tokenOf: (id: string) => string;
  /** Keys derived in this batch (the new messages'), so a message's keys are computed once per batch. */
  keys: Map<number, ThreadKeys>;
}

function keysOf(ctx: Ctx, row: ThreadSourceRow, own: ReadonlySet<string>): ThreadKeys {
  let keys = ctx.keys.get(row.id);
  if (!keys) {
    keys = threadKeysOf(threadInputOf(row), own);
    ctx.keys.set(row.id, keys);
  }
  return keys;
}

function sameTokens(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((t, i) => t === b[i]);
}

function sameRow(r: StoredConversationRow | undefined, h: ConversationHeader, a: ConversationAggregates): boolean {
  return (
    r !== undefined &&
    r.root_message_id === h.rootMessageId &&
    r.ticket === h.ticket &&
    r.subject === h.subject &&
    r.customer_address === h.customer.address &&
    r.customer_name === h.customer.name &&
    r.last_message_at === a.lastMessageAt &&
    r.message_count === a.messageCount &&
    r.unread_count === a.unreadCount &&
    r.attachment_count === a.attachmentCount &&
    r.snippet === a.snippet
  );
}

/**
 * Threads the part of an account's mailbox reachable from `seeds` and writes
 * it back. Only what differs from the stored rows is written: a batch of new
 * replies to known conversations updates their counts and sets the new
 * messages' conversation, nothing else.
 */
function rethreadPart(ctx: Ctx, accountId: number, seeds: readonly number[]): void {
  const { db } = ctx;
  const component = collectComponent(db, accountId, seeds, ctx.tokenOf);
  const sources = threadSources(db, component.messageIds);
  const own = ctx.own.of(accountId);
  const options = { ownAddresses: [...own] };
  const ownSet = ownAddressSet(options);
  const keys = sources.map((r) => keysOf(ctx, r, ownSet));
  const conversations = partitionKeys(keys, options, component.overrides);

  const rows = new Map(sources.map((r) => [r.id, r]));
  const threadIdOf = new Map(keys.map((k) => [k.key, k.id]));
  const oldIds = new Set(sources.map((r) => r.conversation_id).filter((id): id is number => id !== null));
  const byRoot = conversationIdsByRoots(db, accountId, conversations.map((c) => c.rootId));
  // A row with one of these roots but none of these messages holds mail still queued for threading (a provisional
  // conversation, whose members the walk cannot reach through keys not yet saved): thread its members too, or
  // they would stay in a row rewritten for others. Threaded mail alone never gets here: it links to its root.
  const outside = [...byRoot.values()].filter((id) => !oldIds.has(id));
  if (outside.length > 0) {
    rethreadPart(ctx, accountId, [...component.messageIds, ...membersOfConversations(db, outside)]);
    return;
  }
  const stored = storedConversations(db, [...oldIds]);
  const storedTokens = tokensOfConversations(db, [...oldIds]);
  const claimed = new Set<number>();
  const rowOf = new Map<Conversation, number>();

  for (const c of conversations) {
    const id = byRoot.get(c.rootId) ?? null;
    if (id !== null && !claimed.has(id)) {
      claimed.add(id);
      rowOf.set(c, id);
    }
  }
  const fresh = new Set<Conversation>();
  for (const c of conversations) {
    if (rowOf.has(c)) continue;
    const shared = new Map<number, number>();
    for (const key of c.keys) {
      const old = rows.get(key)?.conversation_id ?? null;
      if (old !== null && oldIds.has(old) && !claimed.has(old)) shared.set(old, (shared.get(old) ?? 0) + 1);
    }
    const best = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
    const id = best ?? insertConversation(db, accountId, headerOf(c, rows, threadIdOf, own), aggregatesOf(c, rows));
    if (best === undefined) fresh.add(c);
    claimed.add(id);
    rowOf.set(c, id);
  }
  const moves: Array<[number, number]> = [];
  for (const [c, id] of rowOf) {
    if (!fresh.has(c)) {
      const header = headerOf(c, rows, threadIdOf, own);
      const aggregates = aggregatesOf(c, rows);
      if (!sameRow(stored.get(id), header, aggregates)) updateConversation(db, id, header, aggregates);
    }
    for (const key of c.keys) if (rows.get(key)?.conversation_id !== id) moves.push([key, id]);
  }
  // Before the deletes below: a message still pointing at a deleted conversation would lose it (SET NULL).
  setMessageConversations(db, moves);
  for (const id of oldIds) if (!claimed.has(id)) deleteConversation(db, id);
  for (const [c, id] of rowOf) {
    const tokens = [...new Set([c.token, ...c.aliases])].sort();
    if (fresh.has(c) || !sameTokens(storedTokens.get(id), tokens)) setConversationTokens(db, id, tokens);
    if (oldIds.has(id)) clearStale(db, id);
  }
}

function makeCtx(db: Database): Ctx {
  return { db, own: new OwnAddresses(db), tokenOf: tokenMemo(), keys: new Map() };
}

export interface ThreadingTotals {
  messages: number;
  ms: number;
}

/** Per cache: how many messages the thread step handled and how long it took (for benchmarks and slow-path logs). */
const totals = new WeakMap<Database, ThreadingTotals>();

export function threadingTotals(db: Database): ThreadingTotals {
  return { ...(totals.get(db) ?? { messages: 0, ms: 0 }) };
}

/** Indexes and threads newly stored messages (the pipeline's thread step). */
export function threadMessages(db: Database, messageIds: readonly number[]): void {
  if (messageIds.length === 0) return;
  const started = performance.now();
  try {
    indexAndThread(db, messageIds);
  } finally {
    const t = totals.get(db) ?? { messages: 0, ms: 0 };
    totals.set(db, { messages: t.messages + messageIds.length, ms: t.ms + performance.now() - started });
  }
}

function indexAndThread(db: Database, messageIds: readonly number[]): void {
  const ctx = makeCtx(db);
  repairStale(ctx);
  for (const [accountId, rows] of byAccount(threadSources(db, messageIds))) {
    // The same own-address set partitioning uses, so stored keys and the keys threaded with are one thing.
    const own = ownAddressSet({ ownAddresses: [...ctx.own.of(accountId)] });
    const known = messagesWithThreadKeys(db, rows.map((r) => r.id));
    const unsaved = rows.filter((row) => !known.has(row.id));
    saveThreadKeys(db, accountId, unsaved.map((row) => ({ messageId: row.id, keys: keysOf(ctx, row, own) })), ctx.tokenOf);
    rethreadPart(ctx, accountId, rows.map((r) => r.id));
  }
}

/** Threads again around these messages (after an override, or when their conversation lost a member). */
export function rethreadFrom(db: Database, messageIds: readonly number[]): void {
  if (messageIds.length === 0) return;
  const ctx = makeCtx(db);
  for (const [accountId, rows] of byAccount(threadSources(db, messageIds))) {
    rethreadPart(ctx, accountId, rows.map((r) => r.id));
  }
}

/** Messages deleted messages were linked to, found through what they linked through: a few set queries per account. */
function neighboursOf(ctx: Ctx, keys: readonly StaleKey[]): Map<number, Set<number>> {
  const byAccountKeys = new Map<number, StaleKey[]>();
  for (const k of keys) byAccountKeys.set(k.account_id, [...(byAccountKeys.get(k.account_id) ?? []), k]);
  const seeds = new Map<number, Set<number>>();
  for (const [accountId, list] of byAccountKeys) {
    const nodes = list.filter((k) => k.kind === 'node').map((k) => k.value);
    const tokens = list.filter((k) => k.kind === 'token').map((k) => k.value);
    // A merge naming a deleted message's id joined the other side's conversation to it; with the id gone the merge
    // may no longer apply, and no link leads from the deleted mail to that other side, so seed it by the override.
    const merged = hasAnyOverride(ctx.db) ? overridesNamingAny(ctx.db, nodes).flatMap((o) => (o.kind === 'merge' ? [o.messageIdA, o.messageIdB] : [])) : [];
    const probes = mergeProbes(
      list.filter((k) => k.kind === 'subject').map((k) => ({ k: k.value, from: k.date - SUBJECT_WINDOW_MS, to: k.date + SUBJECT_WINDOW_MS, any: 1 as const })),
    );
    seeds.set(
      accountId,
      new Set([
        ...messagesMentioningAny(ctx.db, accountId, [...nodes, ...merged]),
        ...messagesFollowingAnyToken(ctx.db, accountId, nodes.map(ctx.tokenOf)),
        ...messagesMentioningAny(ctx.db, accountId, nodesWithAnyToken(ctx.db, accountId, tokens)),
        ...subjectPartnersOfMany(ctx.db, accountId, probes),
      ]),
    );
  }
  return seeds;
}

function repairStale(ctx: Ctx): number {
  let repaired = 0;
  for (;;) {
    const keys = staleKeys(ctx.db, 500);
    const last = keys[keys.length - 1];
    if (!last) break;
    for (const [accountId, seeds] of neighboursOf(ctx, keys)) {
      if (seeds.size > 0) rethreadPart(ctx, accountId, [...seeds]);
    }
    clearStaleKeysUpTo(ctx.db, last.rowid);
    repaired += keys.length;
  }
  for (;;) {
    const stale = staleConversationIds(ctx.db, 200);
    if (stale.length === 0) return repaired;
    for (const id of stale) {
      const members = conversationMemberIds(ctx.db, id);
      clearStale(ctx.db, id);
      if (members.length === 0) {
        deleteConversation(ctx.db, id);
        continue;
      }
      for (const [accountId, rows] of byAccount(threadSources(ctx.db, members))) rethreadPart(ctx, accountId, rows.map((r) => r.id));
      // Derived anew, the conversation may name a customer no mail named before (an old row learned its Reply-To).
      recordContactsOf(ctx.db, members);
      repaired++;
    }
  }
}

/**
 * Threads again around messages deleted by the sync: their conversations and
 * whatever they linked to. The pipeline step and the conversation handlers
 * do this before they work; call it after deleting messages to have the list
 * right at once. Returns how much was repaired.
 */
export function repairStaleConversations(db: Database): number {
  return db.transaction(() => repairStale(makeCtx(db)))();
}
