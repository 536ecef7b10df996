/**
 * What a conversation row says about its members (header and aggregates),
 * computed from the member rows: shared by threading (rethread.ts) and the
 * provisional conversations of a deferred sync batch (provisional.ts), so a
 * provisional row shows exactly what the threaded one will when the groups agree.
 */
import type { Address } from '../../../src-preload/api.ts';
import type { ConversationAggregates } from '../db/conversations.repo.ts';
import type { ThreadSourceRow } from '../db/thread-index.repo.ts';
import type { Conversation } from '../threading/index.ts';
import { stripTokens } from '../threading/index.ts';
import { customerOf } from './thread-source.ts';
import { isAcknowledgementId } from '../rules/acknowledgement.ts';

export function byAccount(rows: readonly ThreadSourceRow[]): Map<number, ThreadSourceRow[]> {
  const out = new Map<number, ThreadSourceRow[]>();
  for (const row of rows) {
    const list = out.get(row.account_id);
    if (list) list.push(row);
    else out.set(row.account_id, [row]);
  }
  return out;
}

/** Subject, customer and root of a conversation, from its root message (or its earliest one when the root never arrived). */
export function headerOf(c: Conversation, rows: ReadonlyMap<number, ThreadSourceRow>, threadIdOf: ReadonlyMap<number, string>, own: ReadonlySet<string>) {
  const members = c.keys.map((k) => rows.get(k)).filter((r): r is ThreadSourceRow => r !== undefined);
  const root = members.find((r) => threadIdOf.get(r.id) === c.rootId) ?? members[0];
  let customer: Address | null = root ? customerOf(root, own) : null;
  for (const m of members) {
    if (customer) break;
    customer = customerOf(m, own);
  }
  if (customer && customer.name === '') {
    // Agent-first mail often addresses the customer without a name; their own mail has it.
    const address = customer.address;
    const named = members.find((m) => m.from_name !== '' && m.from_address.trim().toLowerCase() === address);
    if (named) customer = { name: named.from_name, address };
  }
  const subject = root ? stripTokens(root.subject) || root.subject : '';
  return { rootMessageId: c.rootId, ticket: c.token, subject, customer: customer ?? { name: '', address: '' } };
}

const isNewer = (r: ThreadSourceRow, than: ThreadSourceRow | undefined): boolean => !than || r.date > than.date || (r.date === than.date && r.id > than.id);

/**
 * Counts, newest date and snippet, from the member rows (loaded in this transaction, so current). The
 * snippet is the newest member's that is not a rule's acknowledgement: after one, the list still shows
 * what the customer wrote (the trigger of migration 0014 keeps the same rule when a body arrives).
 */
export function aggregatesOf(c: Conversation, rows: ReadonlyMap<number, ThreadSourceRow>): ConversationAggregates {
  let newest: ThreadSourceRow | undefined;
  let shown: ThreadSourceRow | undefined;
  let unread = 0;
  let attached = 0;
  for (const key of c.keys) {
    const r = rows.get(key);
    if (!r) continue;
    if (r.seen === 0) unread++;
    if (r.has_attachments !== 0) attached++;
    if (isNewer(r, newest)) newest = r;
    if (!isAcknowledgementId(r.message_id) && isNewer(r, shown)) shown = r;
  }
  return {
    lastMessageAt: newest?.date ?? 0,
    messageCount: c.keys.length,
    unreadCount: unread,
    attachmentCount: attached,
    snippet: (shown ?? newest)?.snippet ?? '',
    snippetAt: shown?.date ?? 0,
  };
}

