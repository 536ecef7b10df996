/**
 * Which rows of a fixed-height list to render, and where: the list's own
 * virtualization.
 *
 * Why not a general virtualizer: every row of the conversation list has the
 * same height, so a row's position is `index * rowHeight` and the window is
 * two divisions. @tanstack/react-virtual measured every row again whenever the
 * row count changed (each page loaded while scrolling): at 48,000 rows that
 * was arrays of 100,000 entries and more allocated per page, and collecting
 * them made the major GC pauses of the long tasks while scrolling 100,000
 * conversations. Here scrolling and loading a page cost O(rows in view).
 * The hook that applies it to the list element is use-row-window.ts.
 *
 * Invariants: the window is a contiguous index range inside [0, count) that
 * holds every row intersecting the viewport plus `overscan` rows either side,
 * and its length is bounded by the viewport height, not by the count.
 */
export interface Viewport {
  scrollTop: number;
  height: number;
}

export interface RowWindow {
  /** First index to render (inclusive). */
  first: number;
  /** Last index to render (inclusive); `first - 1` when there is nothing to render. */
  last: number;
}

/** Rows any part of which can be in a viewport of `height`: a partial row at the top and bottom. */
function rowsInView(height: number, rowHeight: number): number {
  return Math.ceil(Math.max(0, height) / rowHeight) + 1;
}

export function rowWindow(viewport: Viewport, rowHeight: number, count: number, overscan: number): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const top = Math.min(Math.max(0, Math.floor(viewport.scrollTop / rowHeight)), count - 1);
  const first = Math.max(0, top - overscan);
  const last = Math.min(count - 1, top + rowsInView(viewport.height, rowHeight) - 1 + overscan);
  return { first, last };
}

/** The scrollTop that brings row `index` fully into view with the least movement, or null if it is already. */
export function scrollTopToShow(index: number, rowHeight: number, viewport: Viewport): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < viewport.scrollTop) return top;
  if (bottom > viewport.scrollTop + viewport.height) return Math.max(0, bottom - viewport.height);
  return null;
}
