import { useEffect, type RefObject } from 'react';
import type { DeskStore } from '../store/desk-store.ts';
import { findShortcut, keyOf, type ShortcutContext } from './shortcuts.ts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * One keydown listener for the workspace. Keys typed into fields, pressed
 * with Alt, or inside a dialog are left alone (the palette key excepted
 * while typing); Ctrl/Cmd only with the shortcuts that name it, so the
 * browser keeps its own; arrows and Enter act only when the list (or nothing
 * in particular) has focus, so they still scroll the reading pane and press
 * buttons elsewhere.
 */
export function useWorkspaceShortcuts(
  store: DeskStore,
  listRef: RefObject<HTMLElement | null>,
  searchRef: RefObject<HTMLInputElement | null>,
): void {
  useEffect(() => {
    const context: ShortcutContext = {
      focusSearch: () => {
        searchRef.current?.focus();
        searchRef.current?.select();
      },
      focusList: () => listRef.current?.focus({ preventScroll: true }),
    };
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.altKey || event.isComposing) return;
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      const shortcut = findShortcut(keyOf(event));
      if (!shortcut) return;
      if (isTyping(event.target) && !shortcut.global) return;
      const list = listRef.current;
      const focusInList = list !== null && event.target instanceof Node && list.contains(event.target);
      const focusNowhere = event.target === document.body || event.target === document.documentElement;
      if (shortcut.listOnly && !focusInList && !focusNowhere) return;
      event.preventDefault();
      // Bring focus to the list so the selection the keys move is where the focus ring is.
      if (!focusInList && !shortcut.ownsFocus) list?.focus({ preventScroll: true });
      shortcut.run(store.getState(), context);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, listRef, searchRef]);
}
