/**
 * Messages → conversations (tickets), in one batch.
 *
 * Invariant: `partition` is a pure function of the SET of messages (plus the
 * options and the overrides): same conversations, roots, tokens and order
 * for any permutation of the input. Every desktop holding the same mail and
 * the same override ops shows the same tickets under the same tokens. Only
 * `keys` (local row ids) differ between desktops.
 *
 * Pipeline: thread-keys.ts (per message) → link-graph.ts (components of the
 * graph {messages} ∪ {Message-IDs}) → overrides.ts (agents' split/merge in op
 * order) → conversation-root.ts (root, token, aliases per conversation).
 *
 * Incremental use goes through thread-index.ts, which reruns this very
 * function on the clusters one message touches; a cluster is a set of
 * automatic components joined by merge overrides, the largest unit any rule
 * or override can reach across.
 */
import { aliasesOf, chooseRoot, familyOf, membersOf, sortedKeys } from './conversation-root.ts';
import { buildLinkGraph, linkComponents } from './link-graph.ts';
import type { LinkContext, LinkGraph } from './link-graph.ts';
import { applyOverrides, orderOverrides, splitIdsOf } from './overrides.ts';
import { ownAddressSet, subjectWindowMs, threadKeysOf } from './thread-keys.ts';
import type { ThreadKeys } from './thread-keys.ts';
import { tokenForRoot } from './ticket-token.ts';
import { UnionFind } from './union-find.ts';
import type { Conversation, Override, ThreadInput, ThreadingOptions } from './types.ts';

export interface Cluster {
  /** Every id node of the cluster, phantoms included. */
  ids: string[];
  keys: number[];
  conversations: Conversation[];
}

export interface ThreadingRun {
  windowMs: number;
  /** Overrides as returned by orderOverrides. */
  overrides: readonly Override[];
  tokenOf: (id: string) => string;
}

/** tokenForRoot with a cache: a run hashes each target id once. */
export function tokenMemo(): (id: string) => string {
  const cache = new Map<string, string>();
  return (id) => {
    let token = cache.get(id);
    if (token === undefined) {
      token = tokenForRoot(id);
      cache.set(id, token);
    }
    return token;
  };
}

export function compareConversations(a: Conversation, b: Conversation): number {
  return a.rootDate - b.rootDate || (a.rootId < b.rootId ? -1 : a.rootId > b.rootId ? 1 : 0);
}

function conversationOf(group: ReadonlySet<string>, graph: LinkGraph, run: ThreadingRun): Conversation | null {
  const members = membersOf(group, graph);
  if (members.length === 0) return null;
  const rootId = chooseRoot(group, familyOf(group, graph, run.windowMs), graph);
  return {
    rootId,
    rootDate: graph.idDate.get(rootId) ?? 0,
    token: run.tokenOf(rootId),
    aliases: aliasesOf(group, graph, run.tokenOf),
    keys: sortedKeys(members),
  };
}

/** Threads already-derived keys; returns the clusters with their conversations. */
export function threadClusters(messages: readonly ThreadKeys[], run: ThreadingRun): Cluster[] {
  const ctx: LinkContext = { windowMs: run.windowMs, splitIds: splitIdsOf(run.overrides), tokenOf: run.tokenOf };
  const graph = buildLinkGraph(messages, ctx);
  const components = linkComponents(graph, ctx);

  const componentOf = new Map<string, number>();
  components.forEach((ids, index) => ids.forEach((id) => componentOf.set(id, index)));
  const clusters = new UnionFind();
  components.forEach(() => clusters.add());
  for (const o of run.overrides) {
    if (o.kind !== 'merge') continue;
    const a = componentOf.get(o.messageIdA);
    const b = componentOf.get(o.messageIdB);
    if (a !== undefined && b !== undefined) clusters.union(a, b);
  }

  const byCluster = new Map<number, Cluster>();
  components.forEach((ids, index) => {
    const root = clusters.find(index);
    let cluster = byCluster.get(root);
    if (!cluster) {
      cluster = { ids: [], keys: [], conversations: [] };
      byCluster.set(root, cluster);
    }
    cluster.ids.push(...ids);
    for (const m of membersOf(ids, graph)) cluster.keys.push(m.key);
  });
  for (const group of applyOverrides(components, run.overrides, graph, run.windowMs)) {
    const conversation = conversationOf(group, graph, run);
    if (conversation === null) continue;
    const first = group.values().next().value as string;
    byCluster.get(clusters.find(componentOf.get(first) ?? -1))?.conversations.push(conversation);
  }
  for (const cluster of byCluster.values()) cluster.conversations.sort(compareConversations);
  return [...byCluster.values()];
}

export function keysOfMessages(messages: readonly ThreadInput[], options: ThreadingOptions): ThreadKeys[] {
  const own = ownAddressSet(options);
  const seen = new Set<number>();
  return messages.map((m) => {
    if (seen.has(m.key)) throw new Error(`partition: duplicate key ${m.key}`);
    seen.add(m.key);
    return threadKeysOf(m, own);
  });
}

/** All conversations of these messages, sorted by (rootDate, rootId). */
export function partition(
  messages: readonly ThreadInput[],
  options: ThreadingOptions,
  overrides: readonly Override[] = [],
): Conversation[] {
  return partitionKeys(keysOfMessages(messages, options), options, overrides);
}

/** `partition` for keys the caller already computed (`keysOfMessages`), so they are derived once. */
export function partitionKeys(keys: readonly ThreadKeys[], options: ThreadingOptions, overrides: readonly Override[] = []): Conversation[] {
  const run: ThreadingRun = { windowMs: subjectWindowMs(options), overrides: orderOverrides(overrides), tokenOf: tokenMemo() };
  return threadClusters(keys, run)
    .flatMap((c) => c.conversations)
    .sort(compareConversations);
}
