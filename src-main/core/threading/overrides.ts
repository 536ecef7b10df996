/**
 * Agents' manual corrections on top of automatic threading.
 *
 * Overrides arrive as team-state ops that name messages by Message-ID, so
 * every desktop holds the same list. Invariant: they are applied after the
 * automatic links, one by one in (seq, kind, ids) order, each to the
 * conversations as the previous ones left them; the outcome is therefore the
 * same on every desktop whatever order the ops or the mail arrived in.
 *
 * - split(X): X and everything below it (conversation-root.ts parent edges,
 *   within X's current conversation) become a conversation of their own, with
 *   X as its root. Later replies to anything in that part land there too,
 *   because the override is applied again on every run.
 * - merge(A, B): the conversations holding A and B become one; the older root
 *   stays the root, the other root's token stays an alias.
 * An override naming an id that is not (yet) present does nothing until it is.
 */
import { descendantsOf, familyOf } from './conversation-root.ts';
import type { LinkGraph } from './link-graph.ts';
import { normalizeMessageId } from './message-id.ts';
import type { Override } from './types.ts';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function overrideIds(o: Override): string[] {
  return o.kind === 'split' ? [o.messageId] : [o.messageIdA, o.messageIdB];
}

/** Overrides with clean ids (invalid ones dropped), in the order they apply. */
export function orderOverrides(overrides: readonly Override[]): Override[] {
  const clean: Override[] = [];
  for (const o of overrides) {
    if (o.kind === 'split') {
      const id = normalizeMessageId(o.messageId);
      if (id !== null) clean.push({ kind: 'split', seq: String(o.seq), messageId: id });
    } else if (o.kind === 'merge') {
      const a = normalizeMessageId(o.messageIdA);
      const b = normalizeMessageId(o.messageIdB);
      if (a !== null && b !== null && a !== b) clean.push({ kind: 'merge', seq: String(o.seq), messageIdA: a, messageIdB: b });
    }
  }
  return clean.sort(
    (x, y) =>
      compareStrings(x.seq, y.seq) || compareStrings(x.kind, y.kind) || compareStrings(overrideIds(x).join('\n'), overrideIds(y).join('\n')),
  );
}

export function splitIdsOf(overrides: readonly Override[]): Set<string> {
  return new Set(overrides.flatMap((o) => (o.kind === 'split' ? [o.messageId] : [])));
}


/** Applies ordered overrides to the automatic components (lists of ids); returns the final groups of ids. */
export function applyOverrides(
  components: readonly string[][],
  ordered: readonly Override[],
  graph: LinkGraph,
  windowMs: number,
): Set<string>[] {
  const groups = new Set<Set<string>>();
  const groupOf = new Map<string, Set<string>>();
  for (const component of components) {
    const group = new Set(component);
    groups.add(group);
    for (const id of component) groupOf.set(id, group);
  }
  for (const o of ordered) {
    if (o.kind === 'split') {
      const group = groupOf.get(o.messageId);
      if (!group) continue;
      const part = descendantsOf(o.messageId, familyOf(group, graph, windowMs));
      if (part.size === group.size) continue;
      for (const id of part) {
        group.delete(id);
        groupOf.set(id, part);
      }
      groups.add(part);
    } else {
      const a = groupOf.get(o.messageIdA);
      const b = groupOf.get(o.messageIdB);
      if (!a || !b || a === b) continue;
      const [big, small] = a.size >= b.size ? [a, b] : [b, a];
      for (const id of small) {
        big.add(id);
        groupOf.set(id, big);
      }
      groups.delete(small);
    }
  }
  return [...groups];
}
