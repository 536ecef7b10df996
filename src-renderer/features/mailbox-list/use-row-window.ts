/**
 * The row window (row-window.ts) of a scrolling list element, kept in step
 * with its scroll position and size.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { RowWindow, Viewport } from './row-window.ts';
import { rowWindow, scrollTopToShow } from './row-window.ts';

export interface FixedRowWindow extends RowWindow {
  scrollToIndex(index: number): void;
}

/**
 * The window of `scrollRef`'s list. Re-renders only when the window itself
 * changes, not on every scroll event: rows are positioned absolutely, so a
 * scroll inside the same window needs no React work at all.
 */
export function useFixedRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number): FixedRowWindow {
  const [viewport, setViewport] = useState<Viewport>({ scrollTop: 0, height: 0 });
  const shown = useRef({ viewport, rowHeight });
  shown.current = { viewport, rowHeight };

  const read = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const next = { scrollTop: el.scrollTop, height: el.clientHeight };
    const { viewport: before, rowHeight: size } = shown.current;
    // The window depends only on the top row and the height (and the count, read at render).
    if (before.height === next.height && Math.floor(before.scrollTop / size) === Math.floor(next.scrollTop / size)) return;
    setViewport(next);
  }, [scrollRef]);

  useLayoutEffect(() => {
    read();
    const el = scrollRef.current;
    if (!el) return;
    el.addEventListener('scroll', read, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize?.disconnect();
    };
  }, [scrollRef, read]);

  // A refresh can shorten the list under a scrolled viewport; not every engine fires a scroll event when it clamps scrollTop.
  useEffect(() => read(), [count, rowHeight, read]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const target = scrollTopToShow(index, shown.current.rowHeight, { scrollTop: el.scrollTop, height: el.clientHeight });
      if (target !== null) el.scrollTop = target;
      read();
    },
    [scrollRef, read],
  );

  return { ...rowWindow(viewport, rowHeight, count, overscan), scrollToIndex };
}
