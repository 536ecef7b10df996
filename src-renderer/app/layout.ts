/**
 * The window widths at which the workspace changes shape, shared by the CSS
 * (app.css, same numbers) and the components that must know which shape is on
 * screen. Why these: below 1200 px a fourth column for the customer left the
 * conversation ~190 px wide (a word a line, toolbar in six rows); below
 * 1000 px the drawers' column did the same to the conversation even without
 * the customer. Electron's window may be as small as 720 × 480
 * (src-main/app/windows.ts), and agents tile it to half a screen.
 */
import { useSyncExternalStore } from 'react';

/** The customer panel lies over the conversation instead of beside it. */
export const CONTACT_OVERLAY_QUERY = '(max-width: 1199px)';
/** The drawers' column is hidden and opened from the list's heading. */
export const SIDEBAR_OVERLAY_QUERY = '(max-width: 999px)';

function subscribe(query: string): (onChange: () => void) => () => void {
  return (onChange) => {
    const list = window.matchMedia(query);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  };
}

const subscribers = new Map<string, (onChange: () => void) => () => void>();

/** Whether `query` matches now; re-renders when the window crosses it. */
export function useMediaQuery(query: string): boolean {
  let sub = subscribers.get(query);
  if (!sub) {
    sub = subscribe(query);
    subscribers.set(query, sub);
  }
  return useSyncExternalStore(sub, () => window.matchMedia(query).matches);
}
