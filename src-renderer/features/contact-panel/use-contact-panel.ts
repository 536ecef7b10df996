/**
 * Whether the customer panel is on screen, and how, for the window's width:
 * beside the conversation it follows the agent's lasting choice; over it
 * (CONTACT_OVERLAY_QUERY) it is opened for one conversation at a time.
 */
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CONTACT_OVERLAY_QUERY, useMediaQuery } from '../../app/layout.ts';
import { useDesk } from '../../store/store-context.tsx';

export interface ContactPanelState {
  shown: boolean;
  /** Lying over the conversation rather than in a column of its own. */
  overlay: boolean;
  show(): void;
  hide(): void;
}

export function useContactPanel(): ContactPanelState {
  const overlay = useMediaQuery(CONTACT_OVERLAY_QUERY);
  const { openedId, open, peekFor, setOpen, setPeekFor } = useDesk(
    useShallow((s) => ({
      openedId: s.opened?.detail?.summary.id ?? null,
      open: s.contactPanelOpen,
      peekFor: s.contactPeekFor,
      setOpen: s.setContactPanelOpen,
      setPeekFor: s.setContactPeekFor,
    })),
  );
  const shown = openedId !== null && (overlay ? peekFor === openedId : open);
  // Stable, so effects that close the panel do not re-run on every render.
  const show = useCallback(() => (overlay ? setPeekFor(openedId) : setOpen(true)), [overlay, openedId, setOpen, setPeekFor]);
  const hide = useCallback(() => (overlay ? setPeekFor(null) : setOpen(false)), [overlay, setOpen, setPeekFor]);
  return { shown, overlay, show, hide };
}
