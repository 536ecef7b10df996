/**
 * Inside one conversation: who is whose parent, which id is the root, which
 * tokens it answers to.
 *
 * Parent edges (only between ids of the same conversation, never an id to
 * itself):
 * - a message with reply headers: its direct parent (In-Reply-To, else the
 *   last Reference). Its own headers win: References chains and fallbacks of
 *   other messages cannot give it another parent;
 * - for an id without such a message (phantom, or a message without
 *   headers): the parent each References chain claims for it;
 * - a message that follows a token: the token's target;
 * - a subject link: the later of the two messages, by (date, id), is the
 *   child, unless it has reply headers.
 *
 * Root: among the ids with no parent inside the conversation, the earliest by
 * (date of the message with that id; for a phantom the earliest date of the
 * messages that reference it), ties broken by the id string in UTF-16 code
 * unit order. Only when loops leave no parentless id: the earliest token
 * target, else the earliest id. All of it is a function of the set of
 * messages, so every desktop picks the same root and so the same token.
 *
 * Stability: a reply has a parent, so it never becomes the root and never
 * changes it. Neither does a fresh mail that follows the token (its parent is
 * the target) nor a late subject-fallback reply (its parent is the earlier
 * mail). The token changes only when conversations merge: when a message
 * links two conversations (by headers, tokens or subject), when References
 * reveal an ancestor of the root, or when an agent merges. The merged conversation keeps the token of the
 * older root, and the younger root's token keeps resolving to it: every
 * parentless id of a conversation is a token target, and `aliases` lists the
 * tokens of all targets it contains.
 */
import { subjectGroups } from './link-graph.ts';
import type { LinkGraph } from './link-graph.ts';
import type { ThreadKeys } from './thread-keys.ts';

export interface Family {
  parents: Map<string, Set<string>>;
  children: Map<string, Set<string>>;
}

export function membersOf(ids: Iterable<string>, graph: LinkGraph): ThreadKeys[] {
  const out: ThreadKeys[] = [];
  for (const id of ids) out.push(...(graph.messagesById.get(id) ?? []));
  return out;
}

export function familyOf(ids: ReadonlySet<string>, graph: LinkGraph, windowMs: number): Family {
  const parents = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  const addEdge = (parent: string, child: string): void => {
    if (parent === child || !ids.has(parent) || !ids.has(child)) return;
    const ps = parents.get(child);
    if (ps) ps.add(parent);
    else parents.set(child, new Set([parent]));
    const cs = children.get(parent);
    if (cs) cs.add(child);
    else children.set(parent, new Set([child]));
  };
  const members = membersOf(ids, graph);
  for (const m of members) {
    if (m.parent !== null) addEdge(m.parent, m.id);
    for (const [parent, child] of m.chain) if (!graph.ownParented.has(child)) addEdge(parent, child);
    if (graph.ownParented.has(m.id)) continue;
    for (const t of m.tokens) for (const target of graph.targetsByToken.get(t) ?? []) addEdge(target, m.id);
  }
  for (const group of subjectGroups(members)) {
    for (let i = 0; i < group.length; i++) {
      const earlier = group[i] as ThreadKeys;
      for (let j = i + 1; j < group.length; j++) {
        const later = group[j] as ThreadKeys;
        if (later.date - earlier.date > windowMs) break;
        if (!earlier.subjectFallback && !later.subjectFallback) continue;
        if (!graph.ownParented.has(later.id)) addEdge(earlier.id, later.id);
      }
    }
  }
  return { parents, children };
}

/** Orders ids by (date, id string): the order roots are chosen in. */
export function compareIds(graph: LinkGraph, a: string, b: string): number {
  const da = graph.idDate.get(a) ?? Number.MAX_SAFE_INTEGER;
  const db = graph.idDate.get(b) ?? Number.MAX_SAFE_INTEGER;
  return da - db || (a < b ? -1 : a > b ? 1 : 0);
}

function earliest(ids: readonly string[], graph: LinkGraph): string | null {
  let best: string | null = null;
  for (const id of ids) if (best === null || compareIds(graph, id, best) < 0) best = id;
  return best;
}

export function chooseRoot(ids: ReadonlySet<string>, family: Family, graph: LinkGraph): string {
  const all = [...ids];
  const root =
    earliest(all.filter((id) => !family.parents.has(id)), graph) ??
    earliest(all.filter((id) => graph.isTarget(id)), graph) ??
    earliest(all, graph);
  if (root === null) throw new Error('chooseRoot: empty conversation');
  return root;
}

/** `start` and every id below it. Visits each id once, so reference loops end. */
export function descendantsOf(start: string, family: Family): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const child of family.children.get(id) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      stack.push(child);
    }
  }
  return seen;
}

/** Tokens that resolve to this conversation (rule 2), sorted. */
export function aliasesOf(ids: Iterable<string>, graph: LinkGraph, tokenOf: (id: string) => string): string[] {
  const tokens = new Set<string>();
  for (const id of ids) if (graph.isTarget(id)) tokens.add(tokenOf(id));
  return [...tokens].sort();
}

/** Member keys sorted by date, then key. */
export function sortedKeys(members: readonly ThreadKeys[]): number[] {
  return [...members].sort((a, b) => a.date - b.date || a.key - b.key).map((m) => m.key);
}
