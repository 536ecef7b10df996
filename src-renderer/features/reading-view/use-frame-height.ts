/**
 * Keeps the mail frame exactly as tall as the mail. The frame is same-origin
 * but runs no script (see mail-frame.tsx), so only the app measures: it reads
 * the frame document's layout from outside and watches it with a
 * ResizeObserver of its own, which sees every change that moves the content
 * (images arriving, the pane's width re-wrapping text, fonts).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

/**
 * Beyond this the frame scrolls inside after all. Newsletters and long
 * letters stay well under it; a pasted log or a forwarded thread of hundreds
 * of mails would otherwise push the next message and the reply box tens of
 * thousands of pixels down the pane. It also ends the feedback loop of mail
 * sized by the frame's own height (`min-height: 100vh` plus a margin grows
 * with every resize).
 */
export const MAX_FRAME_HEIGHT = 10_000;

function contentHeight(doc: Document): number {
  const root = doc.documentElement;
  const style = getComputedStyle(root);
  // The root box holds the body and its margins; it is not stretched to the
  // viewport (see the sanitizer's base style), so it can shrink below it.
  const box = root.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  // Content outside the root box (positioned, negative margins) still scrolls.
  const overflow = root.scrollHeight > root.clientHeight ? root.scrollHeight : 0;
  // A horizontal scrollbar (a newsletter wider than the pane) takes its height from the viewport.
  const scrollbar = (doc.defaultView?.innerHeight ?? root.clientHeight) - root.clientHeight;
  return Math.ceil(Math.max(box, overflow) + scrollbar);
}

/** The `initial` height stands until the frame's document is there to measure. */
export function useFrameHeight(frameRef: RefObject<HTMLIFrameElement | null>, srcdoc: string, initial: () => number): { height: number; onLoad: () => void } {
  const [height, setHeight] = useState(initial);
  const watched = useRef<{ doc: Document; stop: () => void } | null>(null);

  const watch = useCallback((doc: Document | null | undefined) => {
    // Null once the frame shows another origin: keep the last height.
    if (!doc?.body || watched.current?.doc === doc) return;
    watched.current?.stop();
    const root = doc.documentElement;
    const measure = (): void => {
      const content = contentHeight(doc);
      // No scrollbar of its own while it fits, so the wheel scrolls the pane;
      // horizontal overflow (a fixed-width newsletter in a narrow pane) still
      // scrolls inside rather than being cut off.
      root.style.setProperty('overflow-y', content > MAX_FRAME_HEIGHT ? 'auto' : 'hidden', 'important');
      setHeight(Math.min(MAX_FRAME_HEIGHT, content));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    observer.observe(doc.body);
    // An image that loads without changing the root's size can still overflow it.
    doc.addEventListener('load', measure, true);
    measure();
    watched.current = {
      doc,
      stop: () => {
        observer.disconnect();
        doc.removeEventListener('load', measure, true);
      },
    };
  }, []);

  // Remote images hold the frame's `load` back; start as soon as the new document is parsed.
  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!frame) return undefined;
    const before = frame.contentDocument;
    let raf = 0;
    const poll = (): void => {
      const doc = frame.contentDocument;
      if (doc === before || doc?.readyState === 'loading') raf = requestAnimationFrame(poll);
      else watch(doc);
    };
    raf = requestAnimationFrame(poll);
    return () => cancelAnimationFrame(raf);
  }, [frameRef, srcdoc, watch]);

  useEffect(() => () => watched.current?.stop(), []);

  const onLoad = useCallback(() => watch(frameRef.current?.contentDocument), [frameRef, watch]);
  return { height, onLoad };
}
