/**
 * Drawers of the sidebar: what each drawer id means as a query, the keyset
 * cursor of its pages, the counts, and a folded row as the contract's
 * TriageState.
 */
import type { DrawerCount, DrawerId, DrawerOrder, PresenceBadge, SlaKind, TriageState } from '../../../src-preload/api.ts';
import type { CountRow, StateRow, TagCountRow } from '../db/triage.repo.ts';
import type { DrawerQuery, PageKey } from '../db/drawers.repo.ts';
import { STATUSES } from '../workflow/status-fold.ts';
import { followersOfState, tagsOfState } from './triage-actions.ts';
import { isPriority, isStatus } from './triage-fold.ts';

export const FIXED_DRAWERS = ['inbox', 'mine', 'unassigned', 'snoozed', 'overdue', 'alerts', 'open'] as const;

export const DRAWER_PATTERN = new RegExp(
  `^(${FIXED_DRAWERS.join('|')}|status:(${STATUSES.join('|')})|assignee:agent:[0-9a-f]{16}|assignee:group:[0-9a-z-]{1,64}|tag:[^\\u0000-\\u001f]{1,60})$`,
);

const OPEN = new Set(['new', 'pending', 'waiting', 'on_hold']);

export class InvalidDrawerError extends Error {}

export function drawerQuery(drawer: DrawerId): DrawerQuery {
  if (!DRAWER_PATTERN.test(drawer)) throw new InvalidDrawerError(`There is no drawer called "${drawer}".`);
  switch (drawer) {
    case 'inbox':
    case 'mine':
    case 'unassigned':
    case 'overdue':
    case 'alerts':
    case 'open':
      return { kind: drawer };
    case 'snoozed':
      return { kind: 'view', view: 'snoozed' };
  }
  if (drawer.startsWith('status:')) return { kind: 'view', view: drawer.slice('status:'.length) };
  if (drawer.startsWith('assignee:')) return { kind: 'assignee', assignee: drawer.slice('assignee:'.length) };
  return { kind: 'tag', tag: drawer.slice('tag:'.length) };
}

/** Sorts before every real row: the first page's cursor, newest first. */
export const FIRST_KEY: PageKey = { alert: 2, last: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
/** The same, oldest first: alerts still come first, so the walk starts in their part. */
export const FIRST_OLDEST_KEY: PageKey = { alert: 1, last: Number.MIN_SAFE_INTEGER, id: -1 };

export class InvalidTriageCursorError extends Error {}

// Oldest-first cursors carry a mark, so that a cursor read in one order is refused in the other, not misread.
const OLDEST_MARK = 'o:';

export function encodeTriageCursor(row: Pick<StateRow, 'alert' | 'last_message_at' | 'conversation_id'>, order: DrawerOrder = 'newest'): string {
  const mark = order === 'oldest' ? OLDEST_MARK : '';
  return Buffer.from(`${mark}${row.alert}:${row.last_message_at}:${row.conversation_id}`, 'utf8').toString('base64url');
}

export function decodeTriageCursor(cursor: string | null, order: DrawerOrder = 'newest'): PageKey {
  if (cursor === null) return order === 'oldest' ? FIRST_OLDEST_KEY : FIRST_KEY;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const marked = text.startsWith(OLDEST_MARK);
  if (marked !== (order === 'oldest')) throw new InvalidTriageCursorError();
  const m = /^([01]):(-?\d{1,16}):(\d{1,16})$/.exec(marked ? text.slice(OLDEST_MARK.length) : text);
  if (!m) throw new InvalidTriageCursorError();
  const key = { alert: Number(m[1]), last: Number(m[2]), id: Number(m[3]) };
  if (!Number.isSafeInteger(key.last) || !Number.isSafeInteger(key.id)) throw new InvalidTriageCursorError();
  return key;
}

function parseReasons(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

const SLA_KINDS: readonly string[] = ['first-response', 'next-response', 'resolution'];

/** `me`: this desktop's node (for "following"). */
export function triageStateOf(row: StateRow, now: number, presence: PresenceBadge[], me: string): TriageState {
  return {
    status: isStatus(row.status) ? row.status : 'new',
    assignee: row.assignee,
    tags: tagsOfState(row),
    priority: isPriority(row.priority) ? row.priority : 'normal',
    deadline: row.deadline,
    snoozedUntil: row.snoozed_until,
    sla:
      row.sla_due_at !== null && row.sla_kind !== null && SLA_KINDS.includes(row.sla_kind)
        ? { kind: row.sla_kind as SlaKind, dueAt: row.sla_due_at, overdue: row.sla_due_at <= now }
        : null,
    alert: row.alert === 1 ? { score: row.alert_score, reasons: parseReasons(row.alert_reasons_json) } : null,
    presence,
    following: followersOfState(row).includes(`agent:${me}`),
  };
}

/**
 * Every drawer's count from the grouped rows: the fixed drawers, every
 * status, every assignee with open work (plus `alwaysAssignees`, so the
 * team's agents and groups show 0), every tag in use.
 */
export function drawerCounts(rows: readonly CountRow[], tagRows: readonly TagCountRow[], accountId: number | null, alwaysAssignees: readonly string[]): DrawerCount[] {
  const counts = new Map<string, { count: number; unread: number }>();
  const bump = (drawer: string, n: number, unread: number): void => {
    const c = counts.get(drawer) ?? { count: 0, unread: 0 };
    c.count += n;
    c.unread += unread;
    counts.set(drawer, c);
  };
  for (const d of FIXED_DRAWERS) bump(d, 0, 0);
  for (const s of STATUSES) bump(`status:${s}`, 0, 0);
  for (const a of alwaysAssignees) bump(`assignee:${a}`, 0, 0);
  for (const r of rows) {
    if (accountId !== null && r.account_id !== accountId) continue;
    const unread = r.unread === 1 ? r.n : 0;
    const active = OPEN.has(r.view);
    if (isStatus(r.view)) bump(`status:${r.view}`, r.n, unread);
    if (r.view === 'snoozed') bump('snoozed', r.n, unread);
    if (r.view === 'new' || r.view === 'pending') bump('inbox', r.n, unread);
    if (!active) continue;
    bump('open', r.n, unread);
    if (r.mine === 1) bump('mine', r.n, unread);
    if (r.assignee === '') bump('unassigned', r.n, unread);
    else bump(`assignee:${r.assignee}`, r.n, unread);
    if (r.overdue === 1) bump('overdue', r.n, unread);
    if (r.alert === 1) bump('alerts', r.n, unread);
  }
  for (const t of tagRows) {
    if (accountId !== null && t.account_id !== accountId) continue;
    bump(`tag:${t.tag}`, t.n, t.unread === 1 ? t.n : 0);
  }
  return [...counts].map(([drawer, c]) => ({ drawer, count: c.count, unread: c.unread }));
}
