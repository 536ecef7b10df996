/**
 * The per-message threading index (thread_messages, thread_nodes,
 * thread_tokens), agents' split/merge overrides and the keys deleted
 * messages leave behind: what conversations/rethread.ts and component.ts
 * walk to find the part of a mailbox a change can affect.
 *
 * Invariants (with migration 0004):
 * - `thread_*` rows are a pure function of their message row; they are
 *   written once per message and go with it (ON DELETE CASCADE).
 * - Every lookup that serves the component walk takes a set (a JSON array)
 *   and is one statement, however many messages or nodes it names.
 */
import type { Database } from 'better-sqlite3';
import { preparedStatements } from './prepared.ts';
import type { Override, ThreadKeys } from '../threading/index.ts';

const ids = 'SELECT value FROM json_each(?)';

const sql = {
  threadSources: `SELECT id, account_id, message_id, in_reply_to, references_json, subject, from_name, from_address, to_json, reply_to_json, date,
      dedupe_key, conversation_id, seen, has_attachments, snippet FROM messages WHERE id IN (${ids})`,
  placements: `SELECT id, account_id, conversation_id FROM messages WHERE id IN (${ids})`,
  unthreaded: 'SELECT id FROM messages WHERE conversation_id IS NULL AND id > ? ORDER BY id LIMIT ?',
  // Writes take a batch as one JSON array of rows: one statement per table per batch, not one per row.
  insertThreadMessages: `INSERT OR REPLACE INTO thread_messages (message_id, account_id, thread_id, subject_key, subject_fallback, date)
      SELECT j.value ->> 0, ?, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4 FROM json_each(?) j`,
  insertNodes: `INSERT OR IGNORE INTO thread_nodes (message_id, account_id, node, node_token)
      SELECT j.value ->> 0, ?, j.value ->> 1, j.value ->> 2 FROM json_each(?) j`,
  insertTokens: `INSERT OR IGNORE INTO thread_tokens (message_id, account_id, token) SELECT j.value ->> 0, ?, j.value ->> 1 FROM json_each(?) j`,
  threadMessage: 'SELECT thread_id, subject_key, subject_fallback, date FROM thread_messages WHERE message_id = ?',
  byNode: 'SELECT message_id FROM thread_nodes WHERE account_id = ? AND node = ?',
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
  overridesNamingMany: `SELECT seq, kind, id_a, id_b FROM thread_overrides WHERE id_a IN (${ids})
      UNION SELECT seq, kind, id_a, id_b FROM thread_overrides WHERE id_b IN (${ids})`,
  withThreadKeys: `SELECT message_id FROM thread_messages WHERE message_id IN (${ids})`,
  anyOverride: 'SELECT EXISTS (SELECT 1 FROM thread_overrides) AS x',
  insertOverride: 'INSERT OR IGNORE INTO thread_overrides (seq, kind, id_a, id_b) VALUES (?, ?, ?, ?)',
  staleKeys: 'SELECT rowid AS rowid, account_id, kind, value, date FROM thread_stale_keys ORDER BY rowid LIMIT ?',
  clearStaleKeys: 'DELETE FROM thread_stale_keys WHERE rowid <= ?',
} satisfies Record<string, string>;

const stmts = preparedStatements(sql);

const column = <T>(rows: unknown[], name: string): T[] => rows.map((r) => (r as Record<string, T>)[name] as T);
const many = (list: Iterable<unknown>): string => JSON.stringify([...list]);

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
  /** Reply-To addresses (JSON, as to_json): a contact form's customer (threading/thread-keys.ts `customerAddress`). */
  reply_to_json: string;
  date: number;
  dedupe_key: string;
  conversation_id: number | null;
  seen: number;
  has_attachments: number;
  snippet: string;
}

export interface ThreadMessageRow {
  thread_id: string;
  subject_key: string | null;
  subject_fallback: number;
  date: number;
}

export interface SubjectKeyRow {
  subject_key: string;
  subject_fallback: number;
  date: number;
}

export interface SubjectProbe {
  k: string;
  from: number;
  to: number;
  /** 1: any message with the key; 0: only fallback messages. */
  any: 0 | 1;
}

export interface StaleKey {
  rowid: number;
  account_id: number;
  kind: 'node' | 'token' | 'subject';
  value: string;
  date: number;
}

interface OverrideDbRow {
  seq: string;
  kind: 'split' | 'merge';
  id_a: string;
  id_b: string;
}

function toOverride(r: OverrideDbRow): Override {
  return r.kind === 'split' ? { kind: 'split', seq: r.seq, messageId: r.id_a } : { kind: 'merge', seq: r.seq, messageIdA: r.id_a, messageIdB: r.id_b };
}

export function threadSources(db: Database, messageIds: readonly number[]): ThreadSourceRow[] {
  if (messageIds.length === 0) return [];
  return stmts(db).threadSources.all(JSON.stringify(messageIds)) as ThreadSourceRow[];
}

export interface MessagePlacement {
  id: number;
  account_id: number;
  conversation_id: number | null;
}

/** Account and conversation of each message: what the threading queue needs of rows placed when stored. */
export function messagePlacements(db: Database, messageIds: readonly number[]): MessagePlacement[] {
  if (messageIds.length === 0) return [];
  return stmts(db).placements.all(JSON.stringify(messageIds)) as MessagePlacement[];
}

/** Messages stored without threading (before migration 0004, or by a path without the pipeline step). */
export function unthreadedMessageIds(db: Database, afterId: number, limit: number): number[] {
  return column<number>(stmts(db).unthreaded.all(afterId, limit), 'id');
}

export interface MessageThreadKeys {
  messageId: number;
  keys: ThreadKeys;
}

/** Stores the thread keys of several messages of one account (three statements, whatever their number). */
export function saveThreadKeys(db: Database, accountId: number, entries: readonly MessageThreadKeys[], tokenOf: (id: string) => string): void {
  if (entries.length === 0) return;
  const messages: unknown[] = [];
  const nodes: unknown[] = [];
  const tokens: unknown[] = [];
  for (const { messageId, keys } of entries) {
    messages.push([messageId, keys.id, keys.subjectKey, keys.subjectFallback ? 1 : 0, keys.date]);
    for (const node of new Set([keys.id, ...keys.links])) nodes.push([messageId, node, tokenOf(node)]);
    for (const token of keys.tokens) tokens.push([messageId, token]);
  }
  const s = stmts(db);
  s.insertThreadMessages.run(accountId, JSON.stringify(messages));
  if (nodes.length > 0) s.insertNodes.run(accountId, JSON.stringify(nodes));
  if (tokens.length > 0) s.insertTokens.run(accountId, JSON.stringify(tokens));
}

export function threadMessage(db: Database, messageId: number): ThreadMessageRow | null {
  return (stmts(db).threadMessage.get(messageId) as ThreadMessageRow | undefined) ?? null;
}

export function messagesMentioning(db: Database, accountId: number, node: string): number[] {
  return column<number>(stmts(db).byNode.all(accountId, node), 'message_id');
}

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

export function subjectKeysOfMessages(db: Database, messageIds: readonly number[]): SubjectKeyRow[] {
  return messageIds.length === 0 ? [] : (stmts(db).subjectKeysOfMany.all(many(messageIds)) as SubjectKeyRow[]);
}

/** Messages with a probe's subject key dated within its [from, to]; only fallback messages unless the probe says `any`. */
export function subjectPartnersOfMany(db: Database, accountId: number, probes: readonly SubjectProbe[]): number[] {
  return probes.length === 0 ? [] : column<number>(stmts(db).subjectPartnersOfMany.all(many(probes), accountId), 'message_id');
}

/** Of these messages, the ones whose thread keys are stored. */
export function messagesWithThreadKeys(db: Database, messageIds: readonly number[]): Set<number> {
  return new Set(messageIds.length === 0 ? [] : column<number>(stmts(db).withThreadKeys.all(many(messageIds)), 'message_id'));
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

/** What deleted messages linked through, oldest first. */
export function staleKeys(db: Database, limit: number): StaleKey[] {
  return stmts(db).staleKeys.all(limit) as StaleKey[];
}

export function clearStaleKeysUpTo(db: Database, rowid: number): void {
  stmts(db).clearStaleKeys.run(rowid);
}
