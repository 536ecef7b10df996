import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSlots } from '../../../src-renderer/features/mailbox-list/row-slots.ts';

describe('assignSlots', () => {
  it('gives a row entering view the slot of a row that left, and keeps the slots of rows still shown', () => {
    const first = assignSlots(new Map(), [10, 11, 12, 13]);
    expect([...first]).toEqual([[10, 0], [11, 1], [12, 2], [13, 3]]);
    // Scrolled by two rows: 10 and 11 left, 14 and 15 take their elements.
    const second = assignSlots(first, [12, 13, 14, 15]);
    expect([...second]).toEqual([[12, 2], [13, 3], [14, 0], [15, 1]]);
  });

  it('keeps a conversation on its element when the list is reordered under it', () => {
    const before = assignSlots(new Map(), [1, 2, 3]);
    const after = assignSlots(before, [3, 1, 2]);
    expect(after.get(1)).toBe(before.get(1));
    expect(after.get(3)).toBe(before.get(3));
  });

  it('keeps slots unique and stable, and uses no more slots than the largest window', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat(60), { maxLength: 25 }), { minLength: 1, maxLength: 30 }), (windows) => {
        let slots = new Map<number, number>();
        let largest = 0;
        for (const ids of windows) {
          const next = assignSlots(slots, ids);
          largest = Math.max(largest, ids.length);
          expect(new Set(next.keys())).toEqual(new Set(ids));
          expect(new Set(next.values()).size).toBe(ids.length);
          for (const [id, slot] of next) {
            expect(slot).toBeLessThan(largest);
            if (slots.has(id)) expect(slot).toBe(slots.get(id));
          }
          slots = next;
        }
      }),
    );
  });
});
