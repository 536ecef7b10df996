/**
 * Printing a conversation (More → Print, Ctrl+P, or the palette): every
 * message is opened first, the mail frames of the ones just opened are given
 * time to load and be measured, then the browser's print dialog opens. The
 * print stylesheet (app/print.css) leaves out everything but the
 * conversation.
 */
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useDesk } from '../../store/store-context.tsx';

/** Longest wait for the mail frames before printing anyway (a frame that never loads must not block the agent). */
const FRAMES_TIMEOUT_MS = 3_000;

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

async function framesReady(root: HTMLElement | null): Promise<void> {
  // React renders the messages just opened first.
  await nextFrame();
  const frames = [...(root?.querySelectorAll('iframe') ?? [])];
  const loads = frames.map((frame) =>
    frame.contentDocument?.readyState === 'complete' ? Promise.resolve() : new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true })),
  );
  await Promise.race([Promise.all(loads), new Promise((resolve) => setTimeout(resolve, FRAMES_TIMEOUT_MS))]);
  // A frame's height is set from its content once it has loaded.
  await nextFrame();
}

export function usePrintRequests(openAll: (open: boolean) => void, root: RefObject<HTMLElement | null>): void {
  const request = useDesk((s) => s.printRequest);
  const seen = useRef(request);
  // Through a ref: openAll changes with every re-read of the conversation, which must not cancel a print under way.
  const open = useRef(openAll);
  open.current = openAll;
  useEffect(() => {
    if (request === seen.current) return;
    seen.current = request;
    open.current(true);
    void framesReady(root.current).then(() => window.print());
  }, [request, root]);
}
