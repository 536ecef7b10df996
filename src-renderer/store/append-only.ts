/**
 * Appending a page to a long list in O(page), not O(list).
 *
 * Why: scrolling a drawer of 100,000 conversations loads a page every few
 * screens. Dropping duplicates by building a Set of every loaded id, and
 * copying the id → triage Map, for each page cost 20-30 ms at 50,000 rows:
 * main-thread work that grows with the list and ends in long tasks.
 *
 * Invariants: both helpers return exactly what the plain versions would
 * (`uniqueById([...list, ...page])`; a copy of the map with the entries
 * set), and nothing handed out ever changes as seen through its own API:
 * an older `AppendOnlyMap` view keeps its size and entries after newer views
 * grew from it. Only appending from the newest view is O(page); anything
 * else (appending to an old view, overwriting a key) copies once, O(list).
 */

/** The ids of a list, kept only for the newest list built by `appendUnique` (moved, never shared). */
const idsOfList = new WeakMap<readonly { id: number }[], Set<number>>();

/**
 * `list` (already free of duplicates) followed by the items of `page` whose id
 * it does not hold yet (the first of a repeated id wins): `uniqueById([...list,
 * ...page])`. The dedupe is O(page) when `list` is the newest list made here;
 * the new array is still a copy of `list` (React needs a new reference), but a
 * flat copy of pointers with no per-item work.
 */
export function appendUnique<T extends { id: number }>(list: readonly T[], page: readonly T[]): T[] {
  let ids = idsOfList.get(list);
  if (ids) idsOfList.delete(list);
  else ids = new Set(list.map((item) => item.id));
  const fresh: T[] = [];
  for (const item of page) {
    if (ids.has(item.id)) continue;
    ids.add(item.id);
    fresh.push(item);
  }
  const next = list.concat(fresh);
  idsOfList.set(next, ids);
  return next;
}

export class AppendOnlyMap<K, V> implements ReadonlyMap<K, V> {
  /**
   * Shared by every view grown from the same `from`: values, and each key's
   * insertion index (a view sees the keys below its size). Two maps of plain
   * values rather than one map of {value, index} records: at 100,000 rows
   * that is 100,000 fewer heap objects for every major GC to mark and move.
   */
  readonly #values: Map<K, V>;
  readonly #index: Map<K, number>;
  readonly #size: number;

  private constructor(values: Map<K, V>, index: Map<K, number>, size: number) {
    this.#values = values;
    this.#index = index;
    this.#size = size;
  }

  /** Like `new Map(entries)`: later entries win. */
  static from<K, V>(entries: Iterable<readonly [K, V]>): AppendOnlyMap<K, V> {
    const values = new Map<K, V>();
    for (const [key, value] of entries) values.set(key, value);
    const index = new Map<K, number>();
    let next = 0;
    for (const key of values.keys()) index.set(key, next++);
    return new AppendOnlyMap(values, index, next);
  }

  /** A view with `entries` set (later ones win), as `new Map(this)` then `set` each would give. */
  with(entries: Iterable<readonly [K, V]>): AppendOnlyMap<K, V> {
    const list = [...entries];
    const newest = this.#size === this.#values.size;
    if (!newest || list.some(([key]) => this.#values.has(key))) return AppendOnlyMap.from([...this.entries(), ...list]);
    let next = this.#size;
    for (const [key, value] of list) {
      // A repeat within `entries` (index >= size) is still ours alone to overwrite.
      if (!this.#index.has(key)) this.#index.set(key, next++);
      this.#values.set(key, value);
    }
    return new AppendOnlyMap(this.#values, this.#index, next);
  }

  get size(): number {
    return this.#size;
  }

  get(key: K): V | undefined {
    return this.has(key) ? this.#values.get(key) : undefined;
  }

  has(key: K): boolean {
    const at = this.#index.get(key);
    return at !== undefined && at < this.#size;
  }

  *entries(): MapIterator<[K, V]> {
    // Both maps are in insertion order, so the first `size` values are this view's.
    let seen = 0;
    for (const entry of this.#values) {
      if (seen++ >= this.#size) return;
      yield entry;
    }
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/** `map` with `entries` set: O(entries) when `map` is the newest view of an `AppendOnlyMap`. */
export function withEntries<K, V>(map: ReadonlyMap<K, V>, entries: Iterable<readonly [K, V]>): AppendOnlyMap<K, V> {
  return map instanceof AppendOnlyMap ? map.with(entries) : AppendOnlyMap.from([...map, ...entries]);
}
