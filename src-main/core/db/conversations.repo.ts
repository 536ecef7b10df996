/**
 * Conversations (tickets): their rows, tokens and members. The threading
 * index they are computed from is in thread-index.repo.ts.
 *
 * Invariants (with migration 0004):
 * - The conversation list is keyset-paginated on (last_message_at DESC, id
 *   DESC) through conversations_account_last / conversations_last; never OFFSET.
 * - A conversation's contact is looked up through its customer's address at
 *   read time, so merging or unmerging contacts never leaves a stale id here.
 */
import type { Database } from 'better-sqlite3';
import { preparedStatements } from './prepared.ts';
import type { Address, ConversationSummary, MessageFolderRole, MessageListParams, Page } from '../../../src-preload/api.ts';
import { folderListPage, MAX_KEY } from './messages.repo.ts';

/* ------------------------------------------------------------------ row types */

interface SummaryDbRow {
  id: number;
  ticket: string;
  account_id: number;
  subject: string;
  customer_address: string;
  customer_name: string;
  contact_id: number | null;
  last_message_at: number;
  message_count: number;
  snippet: string;
  unread_count: number;
  attachment_count: number;
}

export interface ConversationHeader {
  rootMessageId: string;
  ticket: string;
  subject: string;
  customer: Address;
}

/* ------------------------------------------------------------------ statements */

const summaryColumns = `c.id, c.ticket, c.account_id, c.subject, c.customer_address, c.customer_name,
  (SELECT a.contact_id FROM contact_addresses a WHERE a.address = c.customer_address) AS contact_id,
  c.last_message_at, c.message_count, c.snippet, c.unread_count, c.attachment_count`;
// A location hidden by a queued move (migration 0003) no longer counts, as in messages.repo.ts.
const inRole = `EXISTS (SELECT 1 FROM messages m JOIN message_locations l ON l.message_id = m.id JOIN folders f ON f.id = l.folder_id
  WHERE m.conversation_id = c.id AND f.role = ? AND l.hidden_by_op IS NULL)`;
const inFolder = `EXISTS (SELECT 1 FROM messages m JOIN message_locations l ON l.message_id = m.id
  WHERE m.conversation_id = c.id AND l.folder_id = ? AND l.hidden_by_op IS NULL)`;
const ids = 'SELECT value FROM json_each(?)';

const sql = {
  members: 'SELECT id FROM messages WHERE conversation_id = ? ORDER BY date, id',
  // Set lookups: one statement per step of the component walk (conversations/component.ts), not one per message or node.
  conversationsOfMany: `SELECT DISTINCT conversation_id FROM messages WHERE id IN (${ids}) AND conversation_id IS NOT NULL`,
  membersOfMany: `SELECT id FROM messages WHERE conversation_id IN (${ids})`,
  byRoots: `SELECT id, root_message_id FROM conversations WHERE account_id = ? AND root_message_id IN (${ids})`,
  storedConversations: `SELECT id, root_message_id, ticket, subject, customer_address, customer_name, last_message_at, message_count,
      unread_count, attachment_count, snippet FROM conversations WHERE id IN (${ids})`,
  tokensOfConversations: `SELECT conversation_id, token FROM conversation_tokens WHERE conversation_id IN (${ids}) ORDER BY conversation_id, token`,
  accountEmail: 'SELECT email FROM accounts WHERE id = ?',
  accountIds: 'SELECT id FROM accounts ORDER BY id',

  rootOf: 'SELECT root_message_id FROM conversations WHERE id = ?',
  insertConversation: `INSERT INTO conversations (account_id, root_message_id, ticket, subject, customer_address, customer_name,
      last_message_at, message_count, unread_count, attachment_count, snippet)
      VALUES (@accountId, @root, @ticket, @subject, @customerAddress, @customerName, @last, @count, @unread, @attached, @snippet)`,
  updateConversation: `UPDATE conversations SET root_message_id = @root, ticket = @ticket, subject = @subject,
      customer_address = @customerAddress, customer_name = @customerName, last_message_at = @last, message_count = @count,
      unread_count = @unread, attachment_count = @attached, snippet = @snippet
      WHERE id = @id`,
  // [[messageId, conversationId], ...] in one statement.
  setMessageConversations: `UPDATE messages SET conversation_id = j.value ->> 1 FROM json_each(?) j
      WHERE messages.id = j.value ->> 0 AND messages.conversation_id IS NOT j.value ->> 1`,
  deleteConversation: 'DELETE FROM conversations WHERE id = ?',
  deleteTokens: 'DELETE FROM conversation_tokens WHERE conversation_id = ?',
  insertToken2: 'INSERT OR IGNORE INTO conversation_tokens (token, conversation_id) VALUES (?, ?)',
  stale: 'SELECT conversation_id FROM conversation_stale ORDER BY conversation_id LIMIT ?',
  clearStale: 'DELETE FROM conversation_stale WHERE conversation_id = ?',
  listAccount: `SELECT ${summaryColumns} FROM conversations c
      WHERE c.account_id = ? AND (c.last_message_at, c.id) < (?, ?) AND ${inRole}
      ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
  listAll: `SELECT ${summaryColumns} FROM conversations c
      WHERE (c.last_message_at, c.id) < (?, ?) AND ${inRole}
      ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
  listFolder: `SELECT ${summaryColumns} FROM conversations c
      WHERE c.account_id = (SELECT account_id FROM folders WHERE id = ?) AND (c.last_message_at, c.id) < (?, ?) AND ${inFolder}
      ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
  summary: `SELECT ${summaryColumns} FROM conversations c WHERE c.id = ?`,
  conversationOfMessage: 'SELECT conversation_id FROM messages WHERE id = ?',
  forCustomers: `SELECT ${summaryColumns} FROM conversations c WHERE c.customer_address IN (${ids})
      ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
  byToken: `SELECT ${summaryColumns} FROM conversation_tokens t JOIN conversations c ON c.id = t.conversation_id
      WHERE t.token = ? AND (? IS NULL OR c.account_id = ?) ORDER BY c.last_message_at DESC, c.id DESC LIMIT 20`,
} satisfies Record<string, string>;

const stmts = preparedStatements(sql);

const column = <T>(rows: unknown[], name: string): T[] => rows.map((r) => (r as Record<string, T>)[name] as T);

/* ------------------------------------------------------------------ set lookups (one statement per walk step) */

const many = (list: Iterable<unknown>): string => JSON.stringify([...list]);

export function conversationIdsOfMessages(db: Database, messageIds: readonly number[]): number[] {
  return messageIds.length === 0 ? [] : column<number>(stmts(db).conversationsOfMany.all(many(messageIds)), 'conversation_id');
}

export function membersOfConversations(db: Database, conversationIds: readonly number[]): number[] {
  return conversationIds.length === 0 ? [] : column<number>(stmts(db).membersOfMany.all(many(conversationIds)), 'id');
}

/** Conversation row ids by root Message-ID, for the roots that have a row. */
export function conversationIdsByRoots(db: Database, accountId: number, roots: readonly string[]): Map<string, number> {
  if (roots.length === 0) return new Map();
  const rows = stmts(db).byRoots.all(accountId, many(roots)) as Array<{ id: number; root_message_id: string }>;
  return new Map(rows.map((r) => [r.root_message_id, r.id]));
}

export interface StoredConversationRow {
  id: number;
  root_message_id: string;
  ticket: string;
  subject: string;
  customer_address: string;
  customer_name: string;
  last_message_at: number;
  message_count: number;
  unread_count: number;
  attachment_count: number;
  snippet: string;
}

export function storedConversations(db: Database, conversationIds: readonly number[]): Map<number, StoredConversationRow> {
  if (conversationIds.length === 0) return new Map();
  const rows = stmts(db).storedConversations.all(many(conversationIds)) as StoredConversationRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Tokens per conversation, each list sorted. */
export function tokensOfConversations(db: Database, conversationIds: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (conversationIds.length === 0) return out;
  for (const r of stmts(db).tokensOfConversations.all(many(conversationIds)) as Array<{ conversation_id: number; token: string }>) {
    const list = out.get(r.conversation_id);
    if (list) list.push(r.token);
    else out.set(r.conversation_id, [r.token]);
  }
  return out;
}

export function conversationMemberIds(db: Database, conversationId: number): number[] {
  return column<number>(stmts(db).members.all(conversationId), 'id');
}

export function accountEmail(db: Database, accountId: number): string | null {
  return (stmts(db).accountEmail.get(accountId) as { email: string } | undefined)?.email ?? null;
}

export function accountIds(db: Database): number[] {
  return column<number>(stmts(db).accountIds.all(), 'id');
}

/* ------------------------------------------------------------------ writing conversations */

export function rootOfConversation(db: Database, conversationId: number): string | null {
  return (stmts(db).rootOf.get(conversationId) as { root_message_id: string } | undefined)?.root_message_id ?? null;
}

/** What the conversation list shows, computed from the conversation's messages. */
export interface ConversationAggregates {
  lastMessageAt: number;
  messageCount: number;
  unreadCount: number;
  attachmentCount: number;
  /** The newest member's, leaving out a rule's acknowledgement (its words are ours; the list shows the customer's). */
  snippet: string;
  /** When computed from members: the date of the message the snippet is from (0: only acknowledgements). Not stored. */
  snippetAt?: number;
}

function conversationValues(h: ConversationHeader, a: ConversationAggregates) {
  return {
    root: h.rootMessageId,
    ticket: h.ticket,
    subject: h.subject,
    customerAddress: h.customer.address,
    customerName: h.customer.name,
    last: a.lastMessageAt,
    count: a.messageCount,
    unread: a.unreadCount,
    attached: a.attachmentCount,
    snippet: a.snippet,
  };
}

export function insertConversation(db: Database, accountId: number, h: ConversationHeader, a: ConversationAggregates): number {
  return Number(stmts(db).insertConversation.run({ accountId, ...conversationValues(h, a) }).lastInsertRowid);
}

export function updateConversation(db: Database, conversationId: number, h: ConversationHeader, a: ConversationAggregates): void {
  stmts(db).updateConversation.run({ id: conversationId, ...conversationValues(h, a) });
}

/** Moves messages to conversations: pairs of [message id, conversation id]. */
export function setMessageConversations(db: Database, moves: ReadonlyArray<readonly [number, number]>): void {
  if (moves.length > 0) stmts(db).setMessageConversations.run(JSON.stringify(moves));
}

export function deleteConversation(db: Database, conversationId: number): void {
  stmts(db).deleteConversation.run(conversationId);
}

export function setConversationTokens(db: Database, conversationId: number, tokens: readonly string[]): void {
  const s = stmts(db);
  s.deleteTokens.run(conversationId);
  for (const token of tokens) s.insertToken2.run(token, conversationId);
}

export function staleConversationIds(db: Database, limit: number): number[] {
  return column<number>(stmts(db).stale.all(limit), 'conversation_id');
}

export function clearStale(db: Database, conversationId: number): void {
  stmts(db).clearStale.run(conversationId);
}

/* ------------------------------------------------------------------ reading */

function toSummary(r: SummaryDbRow): ConversationSummary {
  return {
    id: r.id,
    ticket: r.ticket,
    accountId: r.account_id,
    subject: r.subject,
    customer: { name: r.customer_name, address: r.customer_address },
    contactId: r.contact_id,
    lastMessageAt: r.last_message_at,
    messageCount: r.message_count,
    snippet: r.snippet,
    unread: r.unread_count > 0,
    hasAttachments: r.attachment_count > 0,
  };
}

/** Newest first; only conversations with a message in `params.folderId`, else in a folder of `params.folder`'s role. */
export function listConversations(db: Database, params: MessageListParams): Page<ConversationSummary> {
  return folderListPage<SummaryDbRow, ConversationSummary>(stmts(db), params, toSummary, (c) => ({ date: c.lastMessageAt, id: c.id }));
}

export function explainListConversations(db: Database, accountId: number | null, role: MessageFolderRole = 'inbox'): string[] {
  const source = accountId === null ? sql.listAll : sql.listAccount;
  const args = accountId === null ? [MAX_KEY, MAX_KEY, role, 1] : [accountId, MAX_KEY, MAX_KEY, role, 1];
  return (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail);
}

export function getConversationSummary(db: Database, conversationId: number): ConversationSummary | null {
  const row = stmts(db).summary.get(conversationId) as SummaryDbRow | undefined;
  return row ? toSummary(row) : null;
}

export function conversationIdOfMessage(db: Database, messageId: number): number | null {
  return (stmts(db).conversationOfMessage.get(messageId) as { conversation_id: number | null } | undefined)?.conversation_id ?? null;
}

/** Conversations whose customer is one of `addresses`, newest first. */
export function conversationsOfCustomers(db: Database, addresses: readonly string[], limit: number): ConversationSummary[] {
  if (addresses.length === 0) return [];
  return (stmts(db).forCustomers.all(JSON.stringify(addresses), limit) as SummaryDbRow[]).map(toSummary);
}

/** Conversations a ticket token resolves to (its own token or an older root's). */
export function conversationsByToken(db: Database, token: string, accountId: number | null): ConversationSummary[] {
  return (stmts(db).byToken.all(token, accountId, accountId) as SummaryDbRow[]).map(toSummary);
}
