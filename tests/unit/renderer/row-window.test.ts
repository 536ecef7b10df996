import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowWindow, scrollTopToShow } from '../../../src-renderer/features/mailbox-list/row-window.ts';

const ROW = 102;

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan on both sides, clipped to the list', () => {
    // 850 px from 1020 show rows 10 to 18; the window allows for a partial row at each edge (10 rows).
    expect(rowWindow({ scrollTop: 1020, height: 850 }, ROW, 1000, 12)).toEqual({ first: 0, last: 31 });
    expect(rowWindow({ scrollTop: 50_000, height: 850 }, ROW, 1000, 12)).toEqual({ first: 478, last: 511 });
    expect(rowWindow({ scrollTop: 0, height: 850 }, ROW, 5, 12)).toEqual({ first: 0, last: 4 });
  });

  it('is empty for an empty list, and still shows the end after the list shrank under a deep scroll', () => {
    expect(rowWindow({ scrollTop: 0, height: 850 }, ROW, 0, 12)).toEqual({ first: 0, last: -1 });
    const shrunk = rowWindow({ scrollTop: 1_000_000, height: 850 }, ROW, 40, 12);
    expect(shrunk.last).toBe(39);
    expect(shrunk.first).toBeLessThanOrEqual(39);
  });

  it('holds every row that intersects the viewport, and no more than the viewport and overscan allow', () => {
    fc.assert(
      fc.property(
        fc.nat(200_000),
        fc.nat(3_000),
        fc.integer({ min: 20, max: 200 }),
        fc.nat(100_000),
        fc.nat(20),
        (scrollTop, height, rowHeight, count, overscan) => {
          const win = rowWindow({ scrollTop, height }, rowHeight, count, overscan);
          const length = win.last - win.first + 1;
          expect(length).toBeGreaterThanOrEqual(0);
          expect(length).toBeLessThanOrEqual(Math.ceil(height / rowHeight) + 1 + 2 * overscan);
          if (count === 0) return;
          expect(win.first).toBeGreaterThanOrEqual(0);
          expect(win.last).toBeLessThan(count);
          const bottom = scrollTop + height;
          for (let i = 0; i < count; i++) {
            const top = i * rowHeight;
            if (top < bottom && top + rowHeight > scrollTop && top < count * rowHeight) {
              expect(i).toBeGreaterThanOrEqual(win.first);
              expect(i).toBeLessThanOrEqual(win.last);
            }
            if (top > bottom) break;
          }
        },
      ),
    );
  });
});

describe('scrollTopToShow', () => {
  const viewport = { scrollTop: 1020, height: 850 };

  it('leaves the scroll alone when the row is fully in view', () => {
    expect(scrollTopToShow(10, ROW, viewport)).toBeNull();
    expect(scrollTopToShow(16, ROW, viewport)).toBeNull();
  });

  it('moves as little as it can: the row above to the top, the row below to the bottom', () => {
    expect(scrollTopToShow(9, ROW, viewport)).toBe(9 * ROW);
    // Row 18 is partly hidden at the bottom: scrolled until its bottom edge is the viewport's.
    expect(scrollTopToShow(18, ROW, viewport)).toBe(19 * ROW - 850);
    expect(scrollTopToShow(500, ROW, viewport)).toBe(501 * ROW - 850);
  });
});
