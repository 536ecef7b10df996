/**
 * The drawers' pages (migration 0006's partial indexes on
 * `conversation_state`, and `conversation_tags` for a tag): one statement
 * per drawer and order, each walking its own index with a row-value keyset
 * cursor, so a page costs the same on the first screen and the thousandth.
 * Newest first is one walk over (alert DESC, last DESC, id DESC); oldest
 * first walks the same index backwards one alert value at a time.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { StateRow } from './triage.repo.ts';

export interface PageKey {
  alert: number;
  last: number;
  id: number;
}

/** Which partial index serves a drawer. */
export type DrawerQuery =
  | { kind: 'view'; view: string }
  | { kind: 'inbox' }
  | { kind: 'open' }
  | { kind: 'mine' }
  | { kind: 'assignee'; assignee: string }
  | { kind: 'unassigned' }
  | { kind: 'overdue' }
  | { kind: 'alerts' }
  | { kind: 'tag'; tag: string };

const ACCOUNT = '(@account IS NULL OR account_id = @account)';

/** A drawer's walk in one order: which rows follow the cursor, and in which order. */
interface Walk {
  keyset: (prefix: string) => string;
  order: (prefix: string) => string;
}
const NEWEST: Walk = {
  keyset: (p) => `(${p}alert, ${p}last_message_at, ${p}conversation_id) < (@alert, @last, @id)`,
  order: (p) => `ORDER BY ${p}alert DESC, ${p}last_message_at DESC, ${p}conversation_id DESC LIMIT @limit`,
};
// Oldest first walks the same indexes backwards, one alert value at a time (alerts still come first):
// an equality on the leading column keeps the walk in index order, where (alert DESC, last ASC) would need a sort.
const OLDEST: Walk = {
  keyset: (p) => `${p}alert = @alert AND (${p}last_message_at, ${p}conversation_id) > (@last, @id)`,
  order: (p) => `ORDER BY ${p}last_message_at, ${p}conversation_id LIMIT @limit`,
};

/** Each drawer's partial index and the rows it holds (the tag drawer walks conversation_tags instead). */
const DRAWERS: Record<Exclude<DrawerQuery['kind'], 'tag'>, { index: string; where: string }> = {
  view: { index: 'conversation_state_view', where: 'view = @view' },
  inbox: { index: 'conversation_state_inbox', where: "view IN ('new', 'pending')" },
  open: { index: 'conversation_state_open', where: 'active = 1' },
  mine: { index: 'conversation_state_mine', where: 'mine = 1 AND active = 1' },
  assignee: { index: 'conversation_state_assignee', where: 'active = 1 AND assignee = @assignee' },
  unassigned: { index: 'conversation_state_assignee', where: 'active = 1 AND assignee IS NULL' },
  overdue: { index: 'conversation_state_overdue', where: 'overdue = 1 AND active = 1' },
  alerts: { index: 'conversation_state_alerts', where: 'alert = 1 AND active = 1' },
};

// INDEXED BY: with several candidate indexes the planner may pick one that needs a sort; a drawer must walk its own.
function drawerStatements(walk: Walk): Record<DrawerQuery['kind'], string> {
  const own = Object.fromEntries(
    Object.entries(DRAWERS).map(([kind, d]) => [kind, `SELECT * FROM conversation_state INDEXED BY ${d.index} WHERE ${d.where} AND ${walk.keyset('')} AND ${ACCOUNT} ${walk.order('')}`]),
  ) as Record<Exclude<DrawerQuery['kind'], 'tag'>, string>;
  return {
    ...own,
    tag: `SELECT s.* FROM conversation_tags t INDEXED BY conversation_tags_drawer JOIN conversation_state s ON s.conversation_id = t.conversation_id
    WHERE t.tag = @tag AND ${walk.keyset('t.')} AND (@account IS NULL OR t.account_id = @account) ${walk.order('t.')}`,
  };
}
const drawerSql = drawerStatements(NEWEST);
const oldestDrawerSql = drawerStatements(OLDEST);

interface Statements {
  newest: Map<string, Statement<unknown[], unknown>>;
  oldest: Map<string, Statement<unknown[], unknown>>;
}

const cache = new WeakMap<Database, Statements>();

function stmts(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    const prepare = (all: Record<string, string>): Map<string, Statement<unknown[], unknown>> => new Map(Object.entries(all).map(([k, q]) => [k, db.prepare(q)]));
    s = { newest: prepare(drawerSql), oldest: prepare(oldestDrawerSql) };
    cache.set(db, s);
  }
  return s;
}

function drawerParams(q: DrawerQuery, accountId: number | null, after: PageKey, limit: number): Record<string, unknown> {
  return {
    view: q.kind === 'view' ? q.view : null,
    assignee: q.kind === 'assignee' ? q.assignee : null,
    tag: q.kind === 'tag' ? q.tag : null,
    alert: after.alert,
    last: after.last,
    id: after.id,
    account: accountId,
    limit,
  };
}

/** Binds only the parameters a statement names (better-sqlite3 refuses extra named ones). */
function bind(stmt: Statement<unknown[], unknown>, params: Record<string, unknown>): Record<string, unknown> {
  const src = stmt.source;
  return Object.fromEntries(Object.entries(params).filter(([k]) => src.includes(`@${k}`)));
}

export function drawerPage(db: Database, q: DrawerQuery, accountId: number | null, after: PageKey, limit: number): StateRow[] {
  const stmt = stmts(db).newest.get(q.kind);
  if (!stmt) throw new Error(`no drawer query for ${q.kind}`);
  return stmt.all(bind(stmt, drawerParams(q, accountId, after, limit))) as StateRow[];
}

/**
 * Oldest first, from `after` (exclusive): the rest of its alert part in
 * ascending time, then the parts below it (alerts first, as newest first).
 */
export function oldestDrawerPage(db: Database, q: DrawerQuery, accountId: number | null, after: PageKey, limit: number): StateRow[] {
  const stmt = stmts(db).oldest.get(q.kind);
  if (!stmt) throw new Error(`no drawer query for ${q.kind}`);
  const rows: StateRow[] = [];
  for (let alert = Math.min(after.alert, 1); alert >= 0 && rows.length < limit; alert--) {
    const from = alert === after.alert ? after : { alert, last: Number.MIN_SAFE_INTEGER, id: -1 };
    rows.push(...(stmt.all(bind(stmt, drawerParams(q, accountId, from, limit - rows.length))) as StateRow[]));
  }
  return rows;
}

export function explainDrawer(db: Database, q: DrawerQuery, accountId: number | null, order: 'newest' | 'oldest' = 'newest'): string[] {
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${(order === 'oldest' ? oldestDrawerSql : drawerSql)[q.kind]}`);
  const rows = stmt.all(bind(stmt, drawerParams(q, accountId, { alert: order === 'oldest' ? 1 : 2, last: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER }, 50)));
  return (rows as Array<{ detail: string }>).map((r) => r.detail);
}
