/**
 * The link graph: nodes are Message-IDs (a message is its own id's node; ids
 * that are only referenced are "phantom" nodes), edges are the three rules of
 * thread-keys.ts. Conversations before manual overrides are its connected
 * components.
 *
 * Invariant: every edge is a relation between the keys of at most two
 * messages and the set of ids present, so the components are a function of
 * the SET of messages: arrival order cannot matter, by construction.
 *
 * - JWZ: a message's id is linked to every id in its `links`. Two replies to a
 *   message that never arrived share its phantom node and so one conversation.
 * - Token: a message's `tokens` link it to every TARGET id whose token it is.
 *   Targets are the ids that can be a conversation's root: ids with a
 *   message without reply headers, phantom ids, and ids named by a split
 *   override. A target is decided by that id's own messages alone (never by
 *   "is it the root right now", which would make links depend on links).
 *   The one root that is not a target: in a conversation whose every message
 *   names a parent in a loop (A replies to B, B replies to A) the fallback
 *   root has reply headers, so its token does not resolve; `aliases` then
 *   lacks `token`.
 * - Subject: pairwise between two messages with the same `subjectKey` whose
 *   dates are at most `windowMs` apart, when at least one of them has
 *   `subjectFallback`. Pairwise (not "attach to the thread found so far") so a
 *   late-arriving message cannot change which pairs link.
 */
import { StringUnionFind } from './union-find.ts';
import type { ThreadKeys } from './thread-keys.ts';

export interface LinkContext {
  windowMs: number;
  /** Ids named by split overrides: roots of their own conversations, so their tokens must resolve. */
  splitIds: ReadonlySet<string>;
  /** tokenForRoot, usually memoized. */
  tokenOf: (id: string) => string;
}

export interface LinkGraph {
  messages: readonly ThreadKeys[];
  /** Received messages by their own id (several when a Message-ID is reused). */
  messagesById: Map<string, ThreadKeys[]>;
  /** Ids with a message that names a parent: other messages cannot give them another one. */
  ownParented: Set<string>;
  /** Date of the message with that id, else the earliest date of messages linking to it. */
  idDate: Map<string, number>;
  /** Target ids per token, for the tokens some message carries. */
  targetsByToken: Map<string, string[]>;
  isTarget(id: string): boolean;
}

export function buildLinkGraph(messages: readonly ThreadKeys[], ctx: LinkContext): LinkGraph {
  const messagesById = new Map<string, ThreadKeys[]>();
  const ownParented = new Set<string>();
  const headerless = new Set<string>();
  const idDate = new Map<string, number>();
  const carried = new Set<string>();
  for (const m of messages) {
    const same = messagesById.get(m.id);
    if (same) same.push(m);
    else messagesById.set(m.id, [m]);
    if (m.links.length > 0) ownParented.add(m.id);
    else headerless.add(m.id);
    idDate.set(m.id, Math.min(idDate.get(m.id) ?? Infinity, m.date));
    for (const t of m.tokens) carried.add(t);
  }
  for (const m of messages) {
    for (const id of m.links) {
      if (messagesById.has(id)) continue;
      idDate.set(id, Math.min(idDate.get(id) ?? Infinity, m.date));
    }
  }
  const isTarget = (id: string): boolean => headerless.has(id) || !messagesById.has(id) || ctx.splitIds.has(id);
  const targetsByToken = new Map<string, string[]>();
  if (carried.size > 0) {
    for (const id of idDate.keys()) {
      if (!isTarget(id)) continue;
      const token = ctx.tokenOf(id);
      if (!carried.has(token)) continue;
      const list = targetsByToken.get(token);
      if (list) list.push(id);
      else targetsByToken.set(token, [id]);
    }
  }
  return { messages, messagesById, ownParented, idDate, targetsByToken, isTarget };
}

/** Sorts messages by (date, id, key): the order subject links are oriented in (key only splits exact duplicates). */
export function byDateThenId(a: ThreadKeys, b: ThreadKeys): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.key - b.key;
}

/** Messages per subjectKey, sorted by byDateThenId; only keys where some message may start a subject link. */
export function subjectGroups(messages: readonly ThreadKeys[]): ThreadKeys[][] {
  const byKey = new Map<string, ThreadKeys[]>();
  const active = new Set<string>();
  for (const m of messages) {
    if (m.subjectKey === null) continue;
    const list = byKey.get(m.subjectKey);
    if (list) list.push(m);
    else byKey.set(m.subjectKey, [m]);
    if (m.subjectFallback) active.add(m.subjectKey);
  }
  return [...active].map((key) => (byKey.get(key) ?? []).sort(byDateThenId));
}

/**
 * Links a subject group: every fallback message with every member within the
 * window. In the date-sorted group those members form a run [lo, hi], and
 * linking one message to a whole run yields the same component as linking
 * the consecutive pairs of the run. Both ends of the run only move forward as
 * the message moves forward, so the pairs below the previous run's end are
 * already linked: linear, not quadratic, even for a customer with hundreds of
 * "Re: invoice" mails.
 */
function linkSubjectGroup(group: readonly ThreadKeys[], windowMs: number, sets: StringUnionFind): void {
  let lo = 0;
  let hi = 0;
  let linkedUpTo = 0;
  group.forEach((m, i) => {
    while ((group[lo]?.date ?? Infinity) < m.date - windowMs) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < group.length && (group[hi + 1]?.date ?? Infinity) <= m.date + windowMs) hi++;
    if (!m.subjectFallback) return;
    for (let j = Math.max(lo, linkedUpTo); j < hi; j++) {
      const a = group[j];
      const b = group[j + 1];
      if (a && b) sets.union(a.id, b.id);
    }
    linkedUpTo = Math.max(linkedUpTo, hi);
  });
}

/** Connected components of the link graph, as lists of ids (phantoms included). */
export function linkComponents(graph: LinkGraph, ctx: LinkContext): string[][] {
  const sets = new StringUnionFind();
  for (const m of graph.messages) {
    sets.add(m.id);
    for (const id of m.links) sets.union(m.id, id);
    for (const t of m.tokens) for (const target of graph.targetsByToken.get(t) ?? []) sets.union(m.id, target);
  }
  for (const group of subjectGroups(graph.messages)) linkSubjectGroup(group, ctx.windowMs, sets);
  return sets.groups();
}
