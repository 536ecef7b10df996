/**
 * Which element (slot) each rendered row uses: the list's React keys.
 *
 * Why: keyed by conversation, every row scrolling into view was a new subtree
 * and the one scrolling out garbage (DOM nodes, styles, layout objects on
 * Blink's heap), which the major GC then had to collect while the agent
 * scrolled. A row entering view takes the slot of a row that left, so React
 * only updates its text and attributes.
 *
 * Invariants: slots are unique within one assignment; a conversation that
 * stays in the window keeps its slot (its element), even when the list is
 * reordered under it, so an element never starts showing another
 * conversation while its own is still shown; slots are numbered from 0 and
 * never exceed the largest window seen.
 */
import { useRef } from 'react';

export function assignSlots(previous: ReadonlyMap<number, number>, ids: readonly number[]): Map<number, number> {
  const next = new Map<number, number>();
  const taken = new Set<number>();
  for (const id of ids) {
    const slot = previous.get(id);
    if (slot !== undefined && !next.has(id)) {
      next.set(id, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  for (const id of ids) {
    if (next.has(id)) continue;
    while (taken.has(free)) free++;
    next.set(id, free);
    taken.add(free);
  }
  return next;
}

/** The slot of each id in `ids` (the rows rendered now), stable across renders as described above. */
export function useRowSlots(ids: readonly number[]): ReadonlyMap<number, number> {
  const slots = useRef<Map<number, number>>(new Map());
  slots.current = assignSlots(slots.current, ids);
  return slots.current;
}
