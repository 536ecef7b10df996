/**
 * The triage reads: a drawer page, the sidebar's counts, one conversation's
 * state and timeline. Each is a query over the materialized rows (callers
 * drain the recompute queue first); presence is read live from lease ops.
 */
import type { Database } from 'better-sqlite3';
import type { ConversationTriage, DrawerCount, DrawerOrder, Page, PresenceBadge, TriageRow } from '../../../src-preload/api.ts';
import { getConversationSummary } from '../db/conversations.repo.ts';
import { countRows, memberThreadIds, presenceOps, stateRow, tagCountRows } from '../db/triage.repo.ts';
import { drawerPage, oldestDrawerPage } from '../db/drawers.repo.ts';
import type { StateRow } from '../db/triage.repo.ts';
import type { Op } from '../team/ops.ts';
import { byUrgency, leaseOf, whoIsHere } from '../team/presence.ts';
import { defaultColour, listAgents, listGroups } from '../team/roster.ts';
import { conversationActivity } from './activity.ts';
import { agentRef, TeamNames } from './directory.ts';
import { decodeTriageCursor, drawerCounts, drawerQuery, encodeTriageCursor, triageStateOf } from './drawers.ts';

export interface ListParams {
  drawer: string;
  accountId: number | null;
  cursor: string | null;
  limit: number;
  order?: DrawerOrder;
}

/** Presence badges of a page's conversations in one query: each agent's newest lease per conversation. */
function pagePresence(db: Database, ids: readonly number[], now: number, me: string): Map<number, PresenceBadge[]> {
  const newest = new Map<string, { conversationId: number; op: Op }>();
  for (const entry of presenceOps(db, ids)) {
    const key = `${entry.conversationId}\u0000${entry.op.field}`;
    const current = newest.get(key);
    if (!current || entry.op.hlc > current.op.hlc) newest.set(key, entry);
  }
  const out = new Map<number, PresenceBadge[]>();
  let names: TeamNames | null = null;
  for (const { conversationId, op } of newest.values()) {
    const lease = leaseOf(op.value);
    if (op.field === me || !lease || lease.expiresAt <= now) continue;
    names ??= new TeamNames(db);
    const identity = names.identity(op.field);
    const badge: PresenceBadge = {
      agent: agentRef(op.field),
      name: identity?.name ?? null,
      colour: identity?.colour ?? defaultColour(op.field),
      activity: lease.kind,
      until: lease.expiresAt,
      sendAt: lease.sendAt ?? null,
    };
    const list = out.get(conversationId) ?? [];
    list.push(badge);
    out.set(conversationId, list);
  }
  for (const list of out.values()) list.sort((a, b) => byUrgency({ kind: a.activity, name: a.name }, { kind: b.activity, name: b.name }));
  return out;
}

export function listDrawer(db: Database, params: ListParams, now: number, me: string): Page<TriageRow> {
  const limit = Math.min(500, Math.max(1, Math.trunc(params.limit) || 1));
  const order = params.order ?? 'newest';
  const after = decodeTriageCursor(params.cursor, order);
  const query = drawerQuery(params.drawer);
  const rows = order === 'oldest' ? oldestDrawerPage(db, query, params.accountId, after, limit + 1) : drawerPage(db, query, params.accountId, after, limit + 1);
  const page = rows.slice(0, limit);
  const presence = pagePresence(
    db,
    page.map((r) => r.conversation_id),
    now,
    me,
  );
  const items: TriageRow[] = [];
  for (const row of page) {
    const summary = getConversationSummary(db, row.conversation_id);
    if (!summary) continue;
    // A conversation back from a snooze is unread until opened, whatever its messages' flags say.
    items.push({ conversation: { ...summary, unread: row.unread === 1 }, triage: triageStateOf(row, now, presence.get(row.conversation_id) ?? [], me) });
  }
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeTriageCursor(last, order) : null };
}

export function countDrawers(db: Database, accountId: number | null): DrawerCount[] {
  const always = [...listAgents(db).map((a) => agentRef(a.node)), ...listGroups(db).map((g) => `group:${g.id}`)];
  return drawerCounts(countRows(db), tagCountRows(db), accountId, always);
}

export function presenceOf(db: Database, conversationId: number, now: number, me: string): PresenceBadge[] {
  return whoIsHere(db, memberThreadIds(db, conversationId), now, me).map((p) => ({
    agent: agentRef(p.node),
    name: p.name ?? null,
    colour: p.colour ?? defaultColour(p.node),
    activity: p.kind,
    until: p.expiresAt,
    sendAt: p.sendAt,
  }));
}

export function conversationTriage(db: Database, row: StateRow, now: number, me: string): ConversationTriage {
  return {
    triage: triageStateOf(row, now, presenceOf(db, row.conversation_id, now, me), me),
    activity: conversationActivity(db, row.conversation_id, new TeamNames(db), me),
  };
}

export { stateRow };
