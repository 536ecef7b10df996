/**
 * Incremental threading: add or remove one message (or one override) and get
 * back only the conversations that changed.
 *
 * Invariant: after any sequence of `add`, `remove` and `addOverride`,
 * `conversations()` equals `partition(all current messages, options, all
 * overrides)`, whatever the order of the calls.
 *
 * Why that holds: a change can only alter links that touch it. Adding message
 * m creates the edges m itself states (its ids, its tokens' targets, its
 * subject partners) and may change whether m's ids are token targets (a
 * phantom that arrives with reply headers stops being one; a new id starts
 * being one), which alters the edges of the messages that carry those ids'
 * tokens. Every other edge is a relation between two other messages and stays
 * as it was. So the clusters holding anything m links to, plus the clusters
 * of those token carriers, plus clusters joined to them by merge overrides,
 * are rethreaded with partition.ts's own batch code; every other cluster is
 * left untouched. Removing m touches m's cluster and the same carriers; an
 * override touches the clusters of the ids it names (and for a split, the
 * carriers of that id's token, which has just become a target).
 */
import { compareConversations, threadClusters, tokenMemo } from './partition.ts';
import type { Cluster, ThreadingRun } from './partition.ts';
import { orderOverrides, overrideIds } from './overrides.ts';
import { canonicalToken } from './ticket-token.ts';
import { ownAddressSet, subjectWindowMs, threadKeysOf } from './thread-keys.ts';
import type { ThreadKeys } from './thread-keys.ts';
import type { Conversation, ConversationChange, Override, ThreadInput, ThreadingOptions } from './types.ts';

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function deleteFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

export class ThreadIndex {
  private readonly own: ReadonlySet<string>;
  private readonly windowMs: number;
  private readonly tokenOf = tokenMemo();
  private overrides: Override[] = [];
  private readonly overridesById = new Map<string, Set<Override>>();
  private readonly messages = new Map<number, ThreadKeys>();
  /** How many messages mention each id node (as own id or link). */
  private readonly idRefs = new Map<string, number>();
  private readonly idsByToken = new Map<string, Set<string>>();
  /** Keys of messages that follow each token. */
  private readonly carriers = new Map<string, Set<number>>();
  private readonly bySubject = new Map<string, Set<number>>();
  private readonly clusters = new Set<Cluster>();
  private readonly clusterOfKey = new Map<number, Cluster>();
  private readonly clusterOfId = new Map<string, Cluster>();
  private readonly conversationOfKey = new Map<number, Conversation>();
  private readonly conversationsByToken = new Map<string, Set<Conversation>>();

  constructor(options: ThreadingOptions, overrides: readonly Override[] = []) {
    this.own = ownAddressSet(options);
    this.windowMs = subjectWindowMs(options);
    for (const o of orderOverrides(overrides)) this.registerOverride(o);
    this.overrides = orderOverrides(this.overrides);
  }

  get size(): number {
    return this.messages.size;
  }

  add(input: ThreadInput): ConversationChange {
    if (this.messages.has(input.key)) throw new Error(`ThreadIndex.add: key ${input.key} is already threaded; remove it first`);
    const m = threadKeysOf(input, this.own);
    const touched = new Set<Cluster>();
    this.touchIdsAndTheirCarriers([m.id, ...m.links], touched);
    for (const t of m.tokens) for (const id of this.idsByToken.get(t) ?? []) this.touchId(id, touched);
    if (m.subjectKey !== null) {
      for (const key of this.bySubject.get(m.subjectKey) ?? []) {
        const other = this.messages.get(key);
        if (!other || Math.abs(other.date - m.date) > this.windowMs) continue;
        if (m.subjectFallback || other.subjectFallback) this.touchKey(key, touched);
      }
    }
    this.register(m);
    return this.rethread(touched, [m.key]);
  }

  remove(key: number): ConversationChange {
    const m = this.messages.get(key);
    if (!m) throw new Error(`ThreadIndex.remove: key ${key} is not threaded`);
    const touched = new Set<Cluster>();
    this.touchKey(key, touched);
    this.touchIdsAndTheirCarriers([m.id, ...m.links], touched);
    this.unregister(m);
    return this.rethread(touched, []);
  }

  addOverride(override: Override): ConversationChange {
    const [clean] = orderOverrides([override]);
    if (!clean) return { removed: [], added: [] };
    this.registerOverride(clean);
    this.overrides = orderOverrides(this.overrides);
    const touched = new Set<Cluster>();
    if (clean.kind === 'split') this.touchIdsAndTheirCarriers([clean.messageId], touched);
    else for (const id of overrideIds(clean)) this.touchId(id, touched);
    return this.rethread(touched, []);
  }

  /** All conversations, sorted like partition's result. */
  conversations(): Conversation[] {
    return [...this.clusters].flatMap((c) => c.conversations).sort(compareConversations);
  }

  conversationOf(key: number): Conversation | undefined {
    return this.conversationOfKey.get(key);
  }

  /** The conversations a typed or pasted token resolves to (more than one only on a token collision). */
  conversationsForToken(token: string): Conversation[] {
    const canonical = canonicalToken(token);
    return canonical === null ? [] : [...(this.conversationsByToken.get(canonical) ?? [])].sort(compareConversations);
  }

  private registerOverride(o: Override): void {
    this.overrides.push(o);
    for (const id of overrideIds(o)) addTo(this.overridesById, id, o);
  }

  private touchKey(key: number, touched: Set<Cluster>): void {
    const cluster = this.clusterOfKey.get(key);
    if (cluster) touched.add(cluster);
  }

  private touchId(id: string, touched: Set<Cluster>): void {
    const cluster = this.clusterOfId.get(id);
    if (cluster) touched.add(cluster);
  }

  /** The ids' clusters and those of messages following their tokens (whose targets may appear or vanish). */
  private touchIdsAndTheirCarriers(ids: readonly string[], touched: Set<Cluster>): void {
    for (const id of ids) {
      this.touchId(id, touched);
      if (this.carriers.size === 0) continue;
      for (const key of this.carriers.get(this.tokenOf(id)) ?? []) this.touchKey(key, touched);
    }
  }

  private register(m: ThreadKeys): void {
    this.messages.set(m.key, m);
    for (const id of new Set([m.id, ...m.links])) {
      const refs = this.idRefs.get(id) ?? 0;
      this.idRefs.set(id, refs + 1);
      if (refs === 0) addTo(this.idsByToken, this.tokenOf(id), id);
    }
    for (const t of m.tokens) addTo(this.carriers, t, m.key);
    if (m.subjectKey !== null) addTo(this.bySubject, m.subjectKey, m.key);
  }

  private unregister(m: ThreadKeys): void {
    this.messages.delete(m.key);
    for (const id of new Set([m.id, ...m.links])) {
      const refs = (this.idRefs.get(id) ?? 1) - 1;
      if (refs > 0) {
        this.idRefs.set(id, refs);
        continue;
      }
      this.idRefs.delete(id);
      deleteFrom(this.idsByToken, this.tokenOf(id), id);
    }
    for (const t of m.tokens) deleteFrom(this.carriers, t, m.key);
    if (m.subjectKey !== null) deleteFrom(this.bySubject, m.subjectKey, m.key);
  }

  /** Rethreads the touched clusters (closed over merge overrides) plus `extraKeys`, and swaps the result in. */
  private rethread(touched: Set<Cluster>, extraKeys: readonly number[]): ConversationChange {
    const keys = new Set<number>(extraKeys);
    const queue = [...touched];
    const extraIds = extraKeys.flatMap((key) => {
      const m = this.messages.get(key);
      return m ? [m.id, ...m.links] : [];
    });
    const visitIds = (ids: Iterable<string>): void => {
      for (const id of ids) {
        for (const o of this.overridesById.get(id) ?? []) {
          for (const other of overrideIds(o)) {
            const cluster = this.clusterOfId.get(other);
            if (cluster && !touched.has(cluster)) {
              touched.add(cluster);
              queue.push(cluster);
            }
          }
        }
      }
    };
    visitIds(extraIds);
    for (let cluster = queue.pop(); cluster !== undefined; cluster = queue.pop()) visitIds(cluster.ids);
    for (const cluster of touched) for (const key of cluster.keys) if (this.messages.has(key)) keys.add(key);

    const subset = [...keys].map((key) => this.messages.get(key) as ThreadKeys);
    const subsetIds = new Set(subset.flatMap((m) => [m.id, ...m.links]));
    const relevant = this.overrides.filter((o) => overrideIds(o).some((id) => subsetIds.has(id)));
    const run: ThreadingRun = { windowMs: this.windowMs, overrides: relevant, tokenOf: this.tokenOf };
    const fresh = threadClusters(subset, run);

    const before = [...touched].flatMap((c) => c.conversations);
    for (const cluster of touched) this.forgetCluster(cluster);
    for (const cluster of fresh) this.rememberCluster(cluster);
    const after = fresh.flatMap((c) => c.conversations);

    const signature = (c: Conversation): string => JSON.stringify(c);
    const beforeSigs = new Set(before.map(signature));
    const afterSigs = new Set(after.map(signature));
    return {
      removed: before.filter((c) => !afterSigs.has(signature(c))).sort(compareConversations),
      added: after.filter((c) => !beforeSigs.has(signature(c))).sort(compareConversations),
    };
  }

  private forgetCluster(cluster: Cluster): void {
    this.clusters.delete(cluster);
    for (const key of cluster.keys) if (this.clusterOfKey.get(key) === cluster) this.clusterOfKey.delete(key);
    for (const id of cluster.ids) if (this.clusterOfId.get(id) === cluster) this.clusterOfId.delete(id);
    for (const c of cluster.conversations) {
      for (const key of c.keys) if (this.conversationOfKey.get(key) === c) this.conversationOfKey.delete(key);
      for (const token of c.aliases) deleteFrom(this.conversationsByToken, token, c);
    }
  }

  private rememberCluster(cluster: Cluster): void {
    this.clusters.add(cluster);
    for (const key of cluster.keys) this.clusterOfKey.set(key, cluster);
    for (const id of cluster.ids) this.clusterOfId.set(id, cluster);
    for (const c of cluster.conversations) {
      for (const key of c.keys) this.conversationOfKey.set(key, c);
      for (const token of c.aliases) addTo(this.conversationsByToken, token, c);
    }
  }
}
