import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppendOnlyMap, appendUnique, withEntries } from '../../../src-renderer/store/append-only.ts';

/** The plain version appendUnique must agree with: the first of each id, in order. */
function uniqueById<T extends { id: number }>(items: readonly T[]): T[] {
  const seen = new Set<number>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id) !== undefined);
}

const rows = (...ids: number[]) => ids.map((id) => ({ id, label: `row ${id}` }));

describe('appendUnique', () => {
  it('appends the new rows of a page and drops the ones the list already holds', () => {
    const first = appendUnique([], rows(1, 2, 3));
    const second = appendUnique(first, [{ id: 3, label: 'moved' }, ...rows(4, 4, 5)]);
    expect(second).toEqual(rows(1, 2, 3, 4, 5));
    expect(first).toEqual(rows(1, 2, 3));
  });

  it('gives the same list as uniqueById, whichever list a page is appended to', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.array(fc.nat(30), { maxLength: 12 })), { maxLength: 12 }), (steps) => {
        // Each step appends a page to some earlier list (not always the newest), as a refresh racing a page might.
        const lists: { id: number }[][] = [[]];
        for (const [from, ids] of steps) {
          const base = lists[from % lists.length] as { id: number }[];
          const page = ids.map((id) => ({ id }));
          const next = appendUnique(base, page);
          expect(next).toEqual(uniqueById([...base, ...page]));
          lists.push(next);
        }
      }),
    );
  });
});

describe('AppendOnlyMap', () => {
  it('reads like a Map, and older views do not see what newer ones added', () => {
    const a = AppendOnlyMap.from([[1, 'one'], [2, 'two']]);
    const b = a.with([[3, 'three']]);
    expect([...b]).toEqual([[1, 'one'], [2, 'two'], [3, 'three']]);
    expect(b.get(3)).toBe('three');
    expect(a.size).toBe(2);
    expect(a.has(3)).toBe(false);
    expect(a.get(3)).toBeUndefined();
    expect([...a.keys()]).toEqual([1, 2]);
  });

  it('overwrites a key without changing older views', () => {
    const a = AppendOnlyMap.from([[1, 'one']]);
    const b = a.with([[1, 'uno'], [2, 'two']]);
    expect(a.get(1)).toBe('one');
    expect([...b]).toEqual([[1, 'uno'], [2, 'two']]);
  });

  it('matches a copied Map for any order of appends to any view', () => {
    const entry = fc.tuple(fc.nat(20), fc.string({ maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), fc.array(fc.tuple(fc.nat(5), fc.array(entry, { maxLength: 6 })), { maxLength: 10 }), (start, steps) => {
        const views: { map: ReadonlyMap<number, string>; model: Map<number, string> }[] = [{ map: new Map(start), model: new Map(start) }];
        for (const [from, entries] of steps) {
          const base = views[from % views.length] as (typeof views)[number];
          const model = new Map(base.model);
          for (const [key, value] of entries) model.set(key, value);
          views.push({ map: withEntries(base.map, entries), model });
        }
        for (const { map, model } of views) {
          expect([...map]).toEqual([...model]);
          expect(map.size).toBe(model.size);
          for (let key = 0; key <= 20; key++) {
            expect(map.has(key)).toBe(model.has(key));
            expect(map.get(key)).toBe(model.get(key));
          }
        }
      }),
    );
  });
});
