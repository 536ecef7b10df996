/**
 * The provisional conversations of a deferred sync batch, as pure data: the
 * batch threaded alone, in memory (docs/decisions.md, "eighth pass"), with
 * each group's header, tokens and counts. provisional.ts gives the groups
 * their rows.
 *
 * Pure (no database, no I/O), so the listing worker computes the groups of
 * the batches it lists while core's main thread stores earlier ones
 * (decisions.md, "tenth pass"). Nothing here may depend on more than the
 * rows and the account's own addresses.
 */
import type { ConversationAggregates, ConversationHeader } from '../db/conversations.repo.ts';
import type { NewMessage } from '../db/messages.repo.ts';
import type { ThreadSourceRow } from '../db/thread-index.repo.ts';
import { partitionKeys, threadKeysOf } from '../threading/index.ts';
import { aggregatesOf, headerOf } from './conversation-fields.ts';
import { threadInputOf } from './thread-source.ts';

export interface ProvisionalGroup {
  /** Keys of the member rows (row ids, or indexes into the batch before it is stored). */
  members: number[];
  header: ConversationHeader;
  /** The conversation's ticket token and every alias it resolves, sorted. */
  tokens: string[];
  /** Counted over the members alone. */
  aggregates: ConversationAggregates;
}

/** The batch threaded alone: one group per conversation among `rows`. */
export function groupsOfRows(rows: readonly ThreadSourceRow[], own: ReadonlySet<string>): ProvisionalGroup[] {
  const keys = rows.map((r) => threadKeysOf(threadInputOf(r), own));
  const conversations = partitionKeys(keys, { ownAddresses: [...own] });
  const byKey = new Map(rows.map((r) => [r.id, r]));
  const threadIdOf = new Map(keys.map((k) => [k.key, k.id]));
  return conversations.map((c) => ({
    members: c.keys,
    header: headerOf(c, byKey, threadIdOf, own),
    tokens: [...new Set([c.token, ...c.aliases])].sort(),
    aggregates: aggregatesOf(c, byKey),
  }));
}

/** A message about to be stored, as threading will read its row; `key` stands in for the row id it does not have yet. */
export function sourceOfNewMessage(m: NewMessage, key: number): ThreadSourceRow {
  return {
    id: key,
    account_id: m.accountId,
    message_id: m.messageId,
    in_reply_to: m.inReplyTo,
    references_json: JSON.stringify(m.references),
    subject: m.subject,
    from_name: m.from.name,
    from_address: m.from.address,
    to_json: JSON.stringify(m.to),
    reply_to_json: JSON.stringify(m.replyTo),
    date: m.date,
    dedupe_key: m.dedupeKey,
    conversation_id: null,
    seen: m.seen ? 1 : 0,
    has_attachments: m.hasAttachments ? 1 : 0,
    snippet: m.snippet,
  };
}

/**
 * Groups of messages not stored yet, keyed by their index in `messages`.
 * Indexes order members exactly as the row ids they will get do, since rows
 * are inserted in this order.
 */
export function provisionalGroups(messages: readonly NewMessage[], own: ReadonlySet<string>): ProvisionalGroup[] {
  return groupsOfRows(
    messages.map((m, i) => sourceOfNewMessage(m, i)),
    own,
  );
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function isGroup(value: unknown): value is ProvisionalGroup {
  if (typeof value !== 'object' || value === null) return false;
  const g = value as Record<string, unknown>;
  const h = g.header as Record<string, unknown> | null | undefined;
  const a = g.aggregates as Record<string, unknown> | null | undefined;
  const customer = h?.customer as Record<string, unknown> | null | undefined;
  return (
    Array.isArray(g.members) &&
    Array.isArray(g.tokens) &&
    g.tokens.every(isString) &&
    isString(h?.rootMessageId) &&
    isString(h.ticket) &&
    isString(h.subject) &&
    isString(customer?.name) &&
    isString(customer.address) &&
    Number.isFinite(a?.lastMessageAt) &&
    isCount(a?.messageCount) &&
    isCount(a.unreadCount) &&
    isCount(a.attachmentCount) &&
    isString(a.snippet)
  );
}

/**
 * Groups computed elsewhere (the listing worker) are used only when they are
 * well formed and name each of the `count` messages exactly once; otherwise
 * the caller computes them again, so a wrong answer costs time, never a
 * message without a conversation.
 */
export function coversExactly(groups: readonly unknown[], count: number): groups is ProvisionalGroup[] {
  const seen = new Uint8Array(count);
  let named = 0;
  for (const g of groups) {
    if (!isGroup(g)) return false;
    for (const m of g.members) {
      if (!Number.isSafeInteger(m) || m < 0 || m >= count || seen[m] === 1) return false;
      seen[m] = 1;
      named++;
    }
  }
  return named === count;
}
