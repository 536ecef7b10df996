/**
 * The drawers' column in a narrow window (SIDEBAR_OVERLAY_QUERY): hidden,
 * opened over the list from the list's heading, closed by a choice made in
 * it, by Escape or by a click beside it. In a wide window it is always there
 * and `open` means nothing.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SIDEBAR_OVERLAY_QUERY, useMediaQuery } from '../../app/layout.ts';
import { useDesk } from '../../store/store-context.tsx';

export interface SidebarOverlay {
  overlay: boolean;
  /** Shown over the list (only ever true when `overlay`). */
  open: boolean;
  setOpen(open: boolean): void;
}

export function useSidebarOverlay(): SidebarOverlay {
  const overlay = useMediaQuery(SIDEBAR_OVERLAY_QUERY);
  const { open, setOpen } = useDesk(useShallow((s) => ({ open: s.sidebarOpen, setOpen: s.setSidebarOpen })));
  useEffect(() => {
    // Widened while open: the column is back in place, and narrowing again should not pop it over the list.
    if (!overlay && open) setOpen(false);
  }, [overlay, open, setOpen]);
  return { overlay, open: overlay && open, setOpen };
}
