/**
 * SQL of the triage state (migration 0006): the recompute queue, what a
 * fold reads (members, ops, text, where the mail lives), the folded rows,
 * drawer pages (keyset over the partial indexes) and the counts.
 *
 * Drawer queries repeat their partial index's WHERE terms exactly, so
 * SQLite picks that index and walks it in order: a page reads `limit` rows
 * whatever the drawer's size. The keyset is a row-value comparison on the
 * index's order, so page 2,000 costs what page 1 costs.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { JsonValue, Op } from '../team/ops.ts';

export interface TriageConversationRow {
  id: number;
  account_id: number;
  root_message_id: string;
  last_message_at: number;
  unread_count: number;
  subject: string;
  customer_name: string;
  customer_address: string;
  account_email: string;
}

export interface MemberRow {
  id: number;
  thread_id: string | null;
  message_id: string | null;
  from_address: string;
  to_json: string;
  reply_to_json: string;
  date: number;
  blocked: number;
  /** What the inspector read in the server's headers (audit/mail-inspector.ts); null: not read. */
  fact: 'auto-reply' | 'bounce' | 'plain' | null;
  /** 1 while it looks automatic and its headers are still to be read. */
  inspecting: number;
  /** Visible copies on the server: all / in junk folders / in the trash. */
  located: number;
  in_junk: number;
  in_trash: number;
}

export interface StateRow {
  conversation_id: number;
  account_id: number;
  last_message_at: number;
  status: string;
  view: string;
  active: number;
  mine: number;
  assignee: string | null;
  priority: string;
  tags_json: string;
  deadline: number | null;
  snoozed_until: number | null;
  snoozed_by: string | null;
  woke_at: number | null;
  wake_seen_at: number | null;
  alert: number;
  alert_score: number;
  alert_reasons_json: string;
  sla_kind: string | null;
  sla_due_at: number | null;
  overdue: number;
  next_change_at: number | null;
  purge_at: number | null;
  unread: number;
  /** When the customer last wrote themselves (automatic answers left out), as last folded: newer mail is announced. */
  customer_at: number | null;
  /** Agent refs following the conversation (JSON array). */
  followers_json: string;
}

export interface CountRow {
  account_id: number;
  view: string;
  assignee: string;
  overdue: number;
  alert: number;
  mine: number;
  unread: number;
  n: number;
}

export interface TagCountRow {
  account_id: number;
  tag: string;
  unread: number;
  n: number;
}

interface OpRow {
  hlc: string;
  actor: string;
  entity: string;
  field: string;
  value: string;
}

// Scalar subqueries, not joins: without ANALYZE statistics SQLite prepares joins with small tables
// expensively (tens of µs per call, measured), which a refold of 100,000 conversations pays many times.
const THREAD_ID = '(SELECT t.thread_id FROM thread_messages t WHERE t.message_id = m.id)';
const MEMBER_IDS = `SELECT ${THREAD_ID} AS thread_id FROM messages m WHERE m.conversation_id = ?`;
const visible = (role: string | null): string => `(SELECT count(*) FROM message_locations l JOIN folders f ON f.id = l.folder_id
    WHERE l.message_id = m.id AND l.hidden_by_op IS NULL${role ? ` AND f.role = '${role}'` : ''})`;

const sql = {
  // An op may name a Message-ID not stored yet: dropping it is safe, because its mail's arrival
  // queues the conversation (messages trigger) and the refold reads every op naming a member.
  // CROSS JOIN fixes the loop order (queued ids outside, then each account's node index): otherwise
  // the planner may scan every node of an account for a handful of queued ids.
  dirtyFromIds: `INSERT OR IGNORE INTO triage_dirty (conversation_id)
    SELECT m.conversation_id FROM triage_dirty_ids d CROSS JOIN accounts a
    CROSS JOIN thread_nodes n ON n.account_id = a.id AND n.node = d.message_id
    JOIN thread_messages t ON t.message_id = n.message_id AND t.thread_id = n.node
    JOIN messages m ON m.id = n.message_id
    WHERE m.conversation_id IS NOT NULL`,
  clearDirtyIds: 'DELETE FROM triage_dirty_ids',
  takeDirty: 'SELECT conversation_id FROM triage_dirty ORDER BY conversation_id LIMIT ?',
  dirtyCount: 'SELECT count(*) AS n FROM triage_dirty',
  clearDirty: 'DELETE FROM triage_dirty WHERE conversation_id = ?',
  markDirty: 'INSERT OR IGNORE INTO triage_dirty (conversation_id) SELECT id FROM conversations WHERE id = ?',
  markAllDirty: 'INSERT OR IGNORE INTO triage_dirty (conversation_id) SELECT id FROM conversations',
  markDue: `INSERT OR IGNORE INTO triage_dirty (conversation_id)
    SELECT conversation_id FROM conversation_state WHERE next_change_at IS NOT NULL AND next_change_at <= ?`,
  flags: 'SELECT name FROM triage_flags',
  clearFlags: 'DELETE FROM triage_flags',
  conversation: `SELECT c.id, c.account_id, c.root_message_id, c.last_message_at, c.unread_count, c.subject, c.customer_name, c.customer_address,
    coalesce((SELECT a.email FROM accounts a WHERE a.id = c.account_id), '') AS account_email FROM conversations c WHERE c.id = ?`,
  members: `SELECT m.id, ${THREAD_ID} AS thread_id, m.message_id, m.from_address, m.to_json, m.reply_to_json, m.date,
      -- The sender, or whom a contact form's mail names in Reply-To (its customer): blocking either sends it to spam.
      coalesce((SELECT max(c.blocked) FROM contact_addresses ca JOIN contacts c ON c.id = ca.contact_id
        WHERE ca.address IN (SELECT lower(trim(m.from_address)) UNION ALL SELECT lower(trim(r.value ->> 'address')) FROM json_each(m.reply_to_json) r)), 0) AS blocked,
      (SELECT f.kind FROM mail_facts f WHERE f.message_id = m.id) AS fact,
      EXISTS (SELECT 1 FROM mail_inspect_queue q WHERE q.message_id = m.id) AS inspecting,
      ${visible(null)} AS located, ${visible('junk')} AS in_junk, ${visible('trash')} AS in_trash
    FROM messages m WHERE m.conversation_id = ?`,
  ops: `SELECT hlc, actor, entity, field, value FROM ops WHERE entity IN (SELECT 'msg:' || ${THREAD_ID} FROM messages m WHERE m.conversation_id = ?)
    ORDER BY hlc`,
  bodyText: 'SELECT text FROM message_bodies WHERE message_id = ?',
  snippet: 'SELECT snippet FROM messages WHERE id = ?',
  state: 'SELECT * FROM conversation_state WHERE conversation_id = ?',
  markHeard: 'INSERT OR IGNORE INTO triage_heard (message_id) VALUES (?)',
  states: 'SELECT * FROM conversation_state WHERE conversation_id IN (SELECT value FROM json_each(?))',
  upsert: `INSERT INTO conversation_state (conversation_id, account_id, last_message_at, status, view, active, mine, assignee,
      priority, tags_json, deadline, snoozed_until, snoozed_by, woke_at, wake_seen_at, alert, alert_score, alert_reasons_json,
      sla_kind, sla_due_at, overdue, next_change_at, purge_at, unread, customer_at, followers_json)
    VALUES (@conversation_id, @account_id, @last_message_at, @status, @view, @active, @mine, @assignee, @priority, @tags_json,
      @deadline, @snoozed_until, @snoozed_by, @woke_at, @wake_seen_at, @alert, @alert_score, @alert_reasons_json, @sla_kind,
      @sla_due_at, @overdue, @next_change_at, @purge_at, @unread, @customer_at, @followers_json)
    ON CONFLICT (conversation_id) DO UPDATE SET account_id = excluded.account_id, last_message_at = excluded.last_message_at,
      status = excluded.status, view = excluded.view, active = excluded.active, mine = excluded.mine, assignee = excluded.assignee,
      priority = excluded.priority, tags_json = excluded.tags_json, deadline = excluded.deadline,
      snoozed_until = excluded.snoozed_until, snoozed_by = excluded.snoozed_by, woke_at = excluded.woke_at,
      wake_seen_at = excluded.wake_seen_at, alert = excluded.alert, alert_score = excluded.alert_score,
      alert_reasons_json = excluded.alert_reasons_json, sla_kind = excluded.sla_kind, sla_due_at = excluded.sla_due_at,
      overdue = excluded.overdue, next_change_at = excluded.next_change_at, purge_at = excluded.purge_at, unread = excluded.unread,
      customer_at = excluded.customer_at, followers_json = excluded.followers_json`,
  deleteTags: 'DELETE FROM conversation_tags WHERE conversation_id = ?',
  insertTag: `INSERT OR IGNORE INTO conversation_tags (conversation_id, tag, account_id, alert, last_message_at, unread)
    VALUES (?, ?, ?, ?, ?, ?)`,
  counts: 'SELECT account_id, view, assignee, overdue, alert, mine, unread, n FROM triage_counts WHERE n > 0',
  tagCounts: 'SELECT account_id, tag, unread, n FROM triage_tag_counts WHERE n > 0',
  nextChange: 'SELECT min(next_change_at) AS at FROM conversation_state WHERE next_change_at IS NOT NULL',
  updateMine: `UPDATE conversation_state SET mine = (coalesce(assignee, '') IN (SELECT value FROM json_each(@refs)))
    WHERE mine IS NOT (coalesce(assignee, '') IN (SELECT value FROM json_each(@refs)))`,
  markSeen: `UPDATE conversation_state SET wake_seen_at = ?, unread = 0 WHERE conversation_id = ? AND woke_at IS NOT NULL
    AND (wake_seen_at IS NULL OR wake_seen_at < woke_at)`,
  memberIds: `SELECT m.id FROM messages m WHERE m.conversation_id = ?`,
  memberThreadIds: MEMBER_IDS,
  notesOf: `SELECT DISTINCT note_entity FROM conversation_notes WHERE message_id IN (${MEMBER_IDS})`,
  entityOps: 'SELECT hlc, actor, entity, field, value FROM ops WHERE entity = ? ORDER BY hlc',
  opByHlc: 'SELECT hlc, actor, entity, field, value FROM ops WHERE hlc = ?',
  // Most received ops concern someone else (a colleague's assignments, a history import):
  // they leave the queue in one statement, and only the few that may concern me are read.
  dropNotify: `DELETE FROM triage_notify WHERE NOT EXISTS (SELECT 1 FROM ops o WHERE o.hlc = triage_notify.hlc
    AND o.actor <> @node AND o.hlc >= @since
    AND ((o.field = 'assignee' AND o.value = json_quote(@me)) OR (o.field = 'share' AND json_valid(o.value) AND json_extract(o.value, '$.agent') = @me)
      OR (substr(o.entity, 1, 5) = 'note:' AND o.field IN ('conversation', 'markdown', 'summary', 'mentions', 'deleted'))))`,
  takeNotify: 'SELECT hlc FROM triage_notify ORDER BY hlc LIMIT ?',
  clearNotify: 'DELETE FROM triage_notify WHERE hlc = ?',
  conversationOfThreadId: `SELECT m.conversation_id FROM accounts a CROSS JOIN thread_nodes n ON n.account_id = a.id AND n.node = ?
    JOIN thread_messages t ON t.message_id = n.message_id AND t.thread_id = n.node
    JOIN messages m ON m.id = n.message_id
    WHERE m.conversation_id IS NOT NULL LIMIT 1`,
  knownTags: 'SELECT tag FROM triage_tags_known ORDER BY tag',
  presenceOps: `SELECT p.conversation_id, o.hlc, o.actor, o.entity, o.field, o.value
    FROM (SELECT m.conversation_id, 'presence:' || ${THREAD_ID} AS entity FROM messages m
      WHERE m.conversation_id IN (SELECT value FROM json_each(?))) p
    CROSS JOIN ops o ON o.entity = p.entity WHERE o.field = o.actor`,
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

function toOp(r: OpRow): Op {
  return { hlc: r.hlc, actor: r.actor, entity: r.entity, field: r.field, value: JSON.parse(r.value) as JsonValue };
}

/* ------------------------------------------------------------------ the queue */

/** Resolves queued Message-IDs to conversations and returns up to `limit` queued conversations. */
export function takeDirtyConversations(db: Database, limit: number): number[] {
  const s = stmts(db);
  s.dirtyFromIds.run();
  s.clearDirtyIds.run();
  return (s.takeDirty.all(limit) as Array<{ conversation_id: number }>).map((r) => r.conversation_id);
}

/** SQLite's plan for resolving queued Message-IDs (tests assert it starts from the queue). */
export function explainDirtyIds(db: Database): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql.dirtyFromIds}`).all() as Array<{ detail: string }>).map((r) => r.detail);
}

export function dirtyCount(db: Database): number {
  return (stmts(db).dirtyCount.get() as { n: number }).n;
}

export function clearDirty(db: Database, conversationId: number): void {
  stmts(db).clearDirty.run(conversationId);
}

export function markDirty(db: Database, conversationIds: readonly number[]): void {
  const s = stmts(db);
  for (const id of conversationIds) s.markDirty.run(id);
}

export function markAllDirty(db: Database): void {
  stmts(db).markAllDirty.run();
}

/** Queues every conversation whose fold changes by itself at or before `now`. */
export function markDueDirty(db: Database, now: number): void {
  stmts(db).markDue.run(now);
}

/** Returns and clears the raised flags ('team', 'settings'). */
export function takeFlags(db: Database): Set<string> {
  const s = stmts(db);
  const names = (s.flags.all() as Array<{ name: string }>).map((r) => r.name);
  if (names.length > 0) s.clearFlags.run();
  return new Set(names);
}

/* ------------------------------------------------------------------ what a fold reads */

export function triageConversation(db: Database, id: number): TriageConversationRow | null {
  return (stmts(db).conversation.get(id) as TriageConversationRow | undefined) ?? null;
}

/** Oldest first. (Sorted here: an ORDER BY costs more than the query itself, measured.) */
export function memberRows(db: Database, conversationId: number): MemberRow[] {
  return (stmts(db).members.all(conversationId) as MemberRow[]).sort((a, b) => a.date - b.date || a.id - b.id);
}

export function opsOfConversation(db: Database, conversationId: number): Op[] {
  return (stmts(db).ops.all(conversationId) as OpRow[]).map(toOp);
}

/** A message's text for scoring: the cached body, else its snippet (headers-first sync). */
export function messageText(db: Database, messageId: number): string {
  const s = stmts(db);
  return (s.bodyText.get(messageId) as { text: string } | undefined)?.text ?? (s.snippet.get(messageId) as { snippet: string } | undefined)?.snippet ?? '';
}

export function memberMessageIds(db: Database, conversationId: number): number[] {
  return (stmts(db).memberIds.all(conversationId) as Array<{ id: number }>).map((r) => r.id);
}

/** The Message-IDs (as threading knows them) of a conversation's members. */
export function memberThreadIds(db: Database, conversationId: number): string[] {
  return (stmts(db).memberThreadIds.all(conversationId) as Array<{ thread_id: string }>).map((r) => r.thread_id);
}

export function conversationOfThreadId(db: Database, threadId: string): number | null {
  return (stmts(db).conversationOfThreadId.get(threadId) as { conversation_id: number } | undefined)?.conversation_id ?? null;
}

/* ------------------------------------------------------------------ folded rows */

export function stateRow(db: Database, conversationId: number): StateRow | null {
  return (stmts(db).state.get(conversationId) as StateRow | undefined) ?? null;
}

export function stateRows(db: Database, conversationIds: readonly number[]): Map<number, StateRow> {
  const rows = stmts(db).states.all(JSON.stringify(conversationIds)) as StateRow[];
  return new Map(rows.map((r) => [r.conversation_id, r]));
}

/** Writes the row and its tag-drawer rows (tags count only for open work). */
/**
 * Records that this customer mail has been folded as its conversation's newest; true if it had been before
 * (migration 0023: "wrote again" is said once per mail, and not for mail that only moved).
 */
export function hearCustomerMail(db: Database, messageId: number): boolean {
  // One statement either way: the insert is ignored, changing nothing, when the mail was heard before.
  return stmts(db).markHeard.run(messageId).changes === 0;
}

export function saveState(db: Database, row: StateRow, tags: readonly string[]): void {
  const s = stmts(db);
  s.upsert.run(row);
  s.deleteTags.run(row.conversation_id);
  if (row.active !== 1) return;
  for (const tag of tags) s.insertTag.run(row.conversation_id, tag, row.account_id, row.alert, row.last_message_at, row.unread);
}

/** Recomputes `mine` for every row after "me" or a group of mine changed. */
export function updateMine(db: Database, myRefs: readonly string[]): number {
  return stmts(db).updateMine.run({ refs: JSON.stringify(myRefs) }).changes;
}

/** The agent opened a conversation that came back from a snooze: it is read again. */
export function markWakeSeen(db: Database, conversationId: number, now: number): boolean {
  return stmts(db).markSeen.run(now, conversationId).changes > 0;
}

export function nextChangeAt(db: Database): number | null {
  return (stmts(db).nextChange.get() as { at: number | null } | undefined)?.at ?? null;
}

/* ------------------------------------------------------------------ counts (the drawers' pages: drawers.repo.ts) */

export function countRows(db: Database): CountRow[] {
  return stmts(db).counts.all() as CountRow[];
}

export function tagCountRows(db: Database): TagCountRow[] {
  return stmts(db).tagCounts.all() as TagCountRow[];
}

export function knownTags(db: Database): string[] {
  return (stmts(db).knownTags.all() as Array<{ tag: string }>).map((r) => r.tag);
}

/* ------------------------------------------------------------------ notes, notifications, presence */

export function noteEntitiesOf(db: Database, conversationId: number): string[] {
  return (stmts(db).notesOf.all(conversationId) as Array<{ note_entity: string }>).map((r) => r.note_entity);
}

export function opsOfEntity(db: Database, entity: string): Op[] {
  return (stmts(db).entityOps.all(entity) as OpRow[]).map(toOp);
}

export function opByHlc(db: Database, hlc: string): Op | null {
  const row = stmts(db).opByHlc.get(hlc) as OpRow | undefined;
  return row ? toOp(row) : null;
}

/**
 * Received ops that may concern this desktop's agent (`node`): assigned to me, shared with me,
 * notes (which may mention me). Ops older than `since` (an HLC prefix) tell old news: dropped.
 * Each is handed out once.
 */
export function takeNotifyQueue(db: Database, node: string, since: string, limit: number): string[] {
  const s = stmts(db);
  s.dropNotify.run({ node, me: `agent:${node}`, since });
  const hlcs = (s.takeNotify.all(limit) as Array<{ hlc: string }>).map((r) => r.hlc);
  for (const hlc of hlcs) s.clearNotify.run(hlc);
  return hlcs;
}

/** Presence lease ops (each agent's own cell) naming any member of these conversations. */
export function presenceOps(db: Database, conversationIds: readonly number[]): Array<{ conversationId: number; op: Op }> {
  if (conversationIds.length === 0) return [];
  const rows = stmts(db).presenceOps.all(JSON.stringify(conversationIds)) as Array<OpRow & { conversation_id: number }>;
  return rows.map((r) => ({ conversationId: r.conversation_id, op: toOp(r) }));
}
