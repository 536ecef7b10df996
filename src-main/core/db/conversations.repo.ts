/**
 * Conversations (tickets), the per-message threading index, and agents'
 * split/merge overrides.
 *
 * Invariants (with migration 0004):
 * - `thread_*` rows are a pure function of their message row; they are
 *   written once per message and go with it.
 * - The conversation list is keyset-paginated on (last_message_at DESC, id
 *   DESC) through conversations_account_last / conversations_last; never OFFSET.
 * - A conversation's contact is looked up through its customer's address at
 *   read time, so merging or unmerging contacts never leaves a stale id here.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Address, ConversationSummary, MessageFolderRole, MessageListParams, Page } from '../../../src-preload/api.ts';
import type { Override, ThreadKeys } from '../threading/index.ts';
import { folderListPage, MAX_KEY } from './messages.repo.ts';

/* ------------------------------------------------------------------ row types */

export interface ThreadSourceRow {
  id: number;
  account_id: number;
  message_id: string | null;
  in_reply_to: string | null;
  references_json: string;
  subject: string;
  from_name: string;
  from_address: string;
  to_json: string;
  date: number;
  dedupe_key: string;
  conversation_id: number | null;
  seen: number;
  has_attachments: number;
  snippet: string;
}

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

export interface ThreadMessageRow {
  thread_id: string;
  subject_key: string | null;
  subject_fallback: number;
  date: number;
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
  threadSources: `SELECT id, account_id, message_id, in_reply_to, references_json, subject, from_name, from_address, to_json, date,
      dedupe_key, conversation_id, seen, has_attachments, snippet FROM messages WHERE id IN (${ids})`,
  unthreaded: 'SELECT id FROM messages WHERE conversation_id IS NULL AND id > ? ORDER BY id LIMIT ?',
  insertThreadMessage: `INSERT OR REPLACE INTO thread_messages (message_id, account_id, thread_id, subject_key, subject_fallback, date)
      VALUES (?, ?, ?, ?, ?, ?)`,
  insertNode: 'INSERT OR IGNORE INTO thread_nodes (message_id, account_id, node, node_token) VALUES (?, ?, ?, ?)',
  insertToken: 'INSERT OR IGNORE INTO thread_tokens (message_id, account_id, token) VALUES (?, ?, ?)',
  threadMessage: 'SELECT thread_id, subject_key, subject_fallback, date FROM thread_messages WHERE message_id = ?',
  byNode: 'SELECT message_id FROM thread_nodes WHERE account_id = ? AND node = ?',
  members: 'SELECT id FROM messages WHERE conversation_id = ? ORDER BY date, id',
  // Set lookups: one statement per step of the component walk (conversations/component.ts), not one per message or node.
  nodesOfMany: `SELECT DISTINCT node FROM thread_nodes WHERE message_id IN (${ids})`,
  tokensOfMany: `SELECT DISTINCT token FROM thread_tokens WHERE message_id IN (${ids})`,
  byNodes: `SELECT DISTINCT message_id FROM thread_nodes WHERE account_id = ? AND node IN (${ids})`,
  byNodeTokens: `SELECT DISTINCT node FROM thread_nodes WHERE account_id = ? AND node_token IN (${ids})`,
  carriersOfMany: `SELECT DISTINCT message_id FROM thread_tokens WHERE account_id = ? AND token IN (${ids})`,
  subjectKeysOfMany: `SELECT subject_key, subject_fallback, date FROM thread_messages WHERE message_id IN (${ids}) AND subject_key IS NOT NULL`,
  // CROSS JOIN keeps json_each outside, so each probe is one range of thread_messages_subject.
  subjectPartnersOfMany: `SELECT DISTINCT t.message_id FROM json_each(?) j CROSS JOIN thread_messages t
      WHERE t.account_id = ? AND t.subject_key = json_extract(j.value, '$.k')
      AND t.date BETWEEN json_extract(j.value, '$.from') AND json_extract(j.value, '$.to')
      AND (t.subject_fallback = 1 OR json_extract(j.value, '$.any') = 1)`,
  conversationsOfMany: `SELECT DISTINCT conversation_id FROM messages WHERE id IN (${ids}) AND conversation_id IS NOT NULL`,
  membersOfMany: `SELECT id FROM messages WHERE conversation_id IN (${ids})`,
  overridesNamingMany: `SELECT seq, kind, id_a, id_b FROM thread_overrides WHERE id_a IN (${ids})
      UNION SELECT seq, kind, id_a, id_b FROM thread_overrides WHERE id_b IN (${ids})`,
  withThreadKeys: `SELECT message_id FROM thread_messages WHERE message_id IN (${ids})`,
  byRoots: `SELECT id, root_message_id FROM conversations WHERE account_id = ? AND root_message_id IN (${ids})`,
  storedConversations: `SELECT id, root_message_id, ticket, subject, customer_address, customer_name, last_message_at, message_count,
      unread_count, attachment_count, snippet FROM conversations WHERE id IN (${ids})`,
  tokensOfConversations: `SELECT conversation_id, token FROM conversation_tokens WHERE conversation_id IN (${ids}) ORDER BY conversation_id, token`,
  anyOverride: 'SELECT EXISTS (SELECT 1 FROM thread_overrides) AS x',
  insertOverride: 'INSERT OR IGNORE INTO thread_overrides (seq, kind, id_a, id_b) VALUES (?, ?, ?, ?)',
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
  setMessageConversation: 'UPDATE messages SET conversation_id = ? WHERE id = ? AND conversation_id IS NOT ?',
  deleteConversation: 'DELETE FROM conversations WHERE id = ?',
  deleteTokens: 'DELETE FROM conversation_tokens WHERE conversation_id = ?',
  insertToken2: 'INSERT OR IGNORE INTO conversation_tokens (token, conversation_id) VALUES (?, ?)',
  stale: 'SELECT conversation_id FROM conversation_stale ORDER BY conversation_id LIMIT ?',
  clearStale: 'DELETE FROM conversation_stale WHERE conversation_id = ?',
  staleKeys: 'SELECT rowid AS rowid, account_id, kind, value, date FROM thread_stale_keys ORDER BY rowid LIMIT ?',
  clearStaleKeys: 'DELETE FROM thread_stale_keys WHERE rowid <= ?',

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

type Statements = { [K in keyof typeof sql]: Statement<unknown[], unknown> };
const cache = new WeakMap<Database, Statements>();

function stmts(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    const prepared: Partial<Statements> = {};
    for (const key of Object.keys(sql) as Array<keyof typeof sql>) prepared[key] = db.prepare(sql[key]);
    s = prepared as Statements;
    cache.set(db, s);
  }
  return s;
}

const column = <T>(rows: unknown[], name: string): T[] => rows.map((r) => (r as Record<string, T>)[name] as T);

/* ------------------------------------------------------------------ threading index */

export function threadSources(db: Database, messageIds: readonly number[]): ThreadSourceRow[] {
  if (messageIds.length === 0) return [];
  return stmts(db).threadSources.all(JSON.stringify(messageIds)) as ThreadSourceRow[];
}

/** Messages stored without threading (before migration 0004, or by a path without the pipeline step). */
export function unthreadedMessageIds(db: Database, afterId: number, limit: number): number[] {
  return column<number>(stmts(db).unthreaded.all(afterId, limit), 'id');
}

export function saveThreadKeys(db: Database, accountId: number, messageId: number, keys: ThreadKeys, tokenOf: (id: string) => string): void {
  const s = stmts(db);
  s.insertThreadMessage.run(messageId, accountId, keys.id, keys.subjectKey, keys.subjectFallback ? 1 : 0, keys.date);
  for (const node of new Set([keys.id, ...keys.links])) s.insertNode.run(messageId, accountId, node, tokenOf(node));
  for (const token of keys.tokens) s.insertToken.run(messageId, accountId, token);
}

export function threadMessage(db: Database, messageId: number): ThreadMessageRow | null {
  return (stmts(db).threadMessage.get(messageId) as ThreadMessageRow | undefined) ?? null;
}

export function messagesMentioning(db: Database, accountId: number, node: string): number[] {
  return column<number>(stmts(db).byNode.all(accountId, node), 'message_id');
}

/* ------------------------------------------------------------------ set lookups (one statement per walk step) */

const many = (list: Iterable<unknown>): string => JSON.stringify([...list]);

export function nodesOfMessages(db: Database, messageIds: readonly number[]): string[] {
  return messageIds.length === 0 ? [] : column<string>(stmts(db).nodesOfMany.all(many(messageIds)), 'node');
}

export function tokensOfMessages(db: Database, messageIds: readonly number[]): string[] {
  return messageIds.length === 0 ? [] : column<string>(stmts(db).tokensOfMany.all(many(messageIds)), 'token');
}

export function messagesMentioningAny(db: Database, accountId: number, nodes: readonly string[]): number[] {
  return nodes.length === 0 ? [] : column<number>(stmts(db).byNodes.all(accountId, many(nodes)), 'message_id');
}

export function nodesWithAnyToken(db: Database, accountId: number, tokens: readonly string[]): string[] {
  return tokens.length === 0 ? [] : column<string>(stmts(db).byNodeTokens.all(accountId, many(tokens)), 'node');
}

export function messagesFollowingAnyToken(db: Database, accountId: number, tokens: readonly string[]): number[] {
  return tokens.length === 0 ? [] : column<number>(stmts(db).carriersOfMany.all(accountId, many(tokens)), 'message_id');
}

export interface SubjectKeyRow {
  subject_key: string;
  subject_fallback: number;
  date: number;
}

export function subjectKeysOfMessages(db: Database, messageIds: readonly number[]): SubjectKeyRow[] {
  return messageIds.length === 0 ? [] : (stmts(db).subjectKeysOfMany.all(many(messageIds)) as SubjectKeyRow[]);
}

export interface SubjectProbe {
  k: string;
  from: number;
  to: number;
  /** 1: any message with the key; 0: only fallback messages. */
  any: 0 | 1;
}

/** Messages with a probe's subject key dated within its [from, to]; only fallback messages unless the probe says `any`. */
export function subjectPartnersOfMany(db: Database, accountId: number, probes: readonly SubjectProbe[]): number[] {
  return probes.length === 0 ? [] : column<number>(stmts(db).subjectPartnersOfMany.all(many(probes), accountId), 'message_id');
}

export function conversationIdsOfMessages(db: Database, messageIds: readonly number[]): number[] {
  return messageIds.length === 0 ? [] : column<number>(stmts(db).conversationsOfMany.all(many(messageIds)), 'conversation_id');
}

export function membersOfConversations(db: Database, conversationIds: readonly number[]): number[] {
  return conversationIds.length === 0 ? [] : column<number>(stmts(db).membersOfMany.all(many(conversationIds)), 'id');
}

/** Of these messages, the ones whose thread keys are stored. */
export function messagesWithThreadKeys(db: Database, messageIds: readonly number[]): Set<number> {
  return new Set(messageIds.length === 0 ? [] : column<number>(stmts(db).withThreadKeys.all(many(messageIds)), 'message_id'));
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

/* ------------------------------------------------------------------ overrides */

interface OverrideDbRow {
  seq: string;
  kind: 'split' | 'merge';
  id_a: string;
  id_b: string;
}

function toOverride(r: OverrideDbRow): Override {
  return r.kind === 'split' ? { kind: 'split', seq: r.seq, messageId: r.id_a } : { kind: 'merge', seq: r.seq, messageIdA: r.id_a, messageIdB: r.id_b };
}

export function overridesNamingAny(db: Database, nodes: readonly string[]): Override[] {
  if (nodes.length === 0) return [];
  const list = many(nodes);
  return (stmts(db).overridesNamingMany.all(list, list) as OverrideDbRow[]).map(toOverride);
}

export function hasAnyOverride(db: Database): boolean {
  return (stmts(db).anyOverride.get() as { x: number }).x === 1;
}

/** Returns false when the override was already known. */
export function insertOverride(db: Database, o: Override): boolean {
  const [a, b] = o.kind === 'split' ? [o.messageId, ''] : [o.messageIdA, o.messageIdB];
  return stmts(db).insertOverride.run(o.seq, o.kind, a, b).changes > 0;
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
  snippet: string;
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

export function setMessageConversation(db: Database, messageId: number, conversationId: number): void {
  stmts(db).setMessageConversation.run(conversationId, messageId, conversationId);
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

export interface StaleKey {
  rowid: number;
  account_id: number;
  kind: 'node' | 'token' | 'subject';
  value: string;
  date: number;
}

/** What deleted messages linked through, oldest first. */
export function staleKeys(db: Database, limit: number): StaleKey[] {
  return stmts(db).staleKeys.all(limit) as StaleKey[];
}

export function clearStaleKeysUpTo(db: Database, rowid: number): void {
  stmts(db).clearStaleKeys.run(rowid);
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
