/**
 * Disjoint sets over dense integer indices (union by size, path halving).
 *
 * Why it is safe for threading: the sets it ends with depend only on which
 * pairs were united, never on the order of the unions, so components computed
 * with it are independent of message arrival order by construction.
 * `find` never recurses, so a million-message mailbox cannot overflow the stack.
 */
export class UnionFind {
  private readonly parent: number[] = [];
  private readonly size: number[] = [];

  /** Adds a singleton set and returns its index. */
  add(): number {
    const index = this.parent.length;
    this.parent.push(index);
    this.size.push(1);
    return index;
  }

  get count(): number {
    return this.parent.length;
  }

  find(index: number): number {
    let i = index;
    for (;;) {
      const p = this.parent[i];
      if (p === undefined) throw new RangeError(`UnionFind: no element ${index}`);
      if (p === i) return i;
      const grand = this.parent[p] ?? p;
      this.parent[i] = grand;
      i = grand;
    }
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] ?? 0) < (this.size[rb] ?? 0)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] ?? 0) + (this.size[rb] ?? 0);
  }
}

/** Interns strings to UnionFind indices. */
export class StringUnionFind {
  private readonly sets = new UnionFind();
  private readonly indexOf = new Map<string, number>();
  private readonly names: string[] = [];

  add(name: string): number {
    let index = this.indexOf.get(name);
    if (index === undefined) {
      index = this.sets.add();
      this.indexOf.set(name, index);
      this.names.push(name);
    }
    return index;
  }

  has(name: string): boolean {
    return this.indexOf.has(name);
  }

  union(a: string, b: string): void {
    this.sets.union(this.add(a), this.add(b));
  }

  /** Representative index of the set holding `name` (adding it when new). */
  find(name: string): number {
    return this.sets.find(this.add(name));
  }

  /** All names grouped by set, each group in insertion order. */
  groups(): string[][] {
    const byRoot = new Map<number, string[]>();
    this.names.forEach((name, index) => {
      const root = this.sets.find(index);
      const group = byRoot.get(root);
      if (group) group.push(name);
      else byRoot.set(root, [name]);
    });
    return [...byRoot.values()];
  }
}
