/**
 * The workspace's keyboard shortcuts, in one list that both the key handler
 * and the help overlay read, so the help can never drift from the behaviour.
 */
import type { MessageKey } from '../i18n/i18n.ts';
import type { DeskState } from '../store/desk-store.ts';
import { searchMode } from '../store/visible-list.ts';

/** What a shortcut may do besides changing state: move the focus. */
export interface ShortcutContext {
  focusSearch(): void;
  focusList(): void;
}

export interface Shortcut {
  /** `KeyboardEvent.key` values. */
  keys: string[];
  /** What the help overlay shows for the keys. */
  labels: string[];
  description: MessageKey;
  /** Arrows and Enter keep their usual meaning outside the conversation list. */
  listOnly?: boolean;
  /** The shortcut places the focus itself (the list is not focused first). */
  ownsFocus?: boolean;
  run(state: DeskState, context: ShortcutContext): void;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['j'], labels: ['j'], description: 'shortcuts.next', run: (s) => s.moveSelection(1) },
  { keys: ['k'], labels: ['k'], description: 'shortcuts.previous', run: (s) => s.moveSelection(-1) },
  { keys: ['ArrowDown'], labels: ['↓'], description: 'shortcuts.next', listOnly: true, run: (s) => s.moveSelection(1) },
  { keys: ['ArrowUp'], labels: ['↑'], description: 'shortcuts.previous', listOnly: true, run: (s) => s.moveSelection(-1) },
  { keys: ['Enter'], labels: ['Enter'], description: 'shortcuts.open', listOnly: true, run: (s) => s.openSelected() },
  { keys: ['o'], labels: ['o'], description: 'shortcuts.open', run: (s) => s.openSelected() },
  { keys: ['u'], labels: ['u'], description: 'shortcuts.toggleRead', run: (s) => s.toggleReadSelected() },
  { keys: ['e'], labels: ['e'], description: 'shortcuts.archive', run: (s) => s.moveSelected('archive') },
  { keys: ['!'], labels: ['!'], description: 'shortcuts.junk', run: (s) => s.moveSelected('junk') },
  { keys: ['/'], labels: ['/'], description: 'shortcuts.search', ownsFocus: true, run: (_s, c) => c.focusSearch() },
  {
    keys: ['Escape'],
    labels: ['Esc'],
    description: 'shortcuts.escape',
    ownsFocus: true,
    run: (s, c) => {
      if (searchMode(s)) s.clearSearch();
      c.focusList();
    },
  },
  { keys: ['?'], labels: ['?'], description: 'shortcuts.help', ownsFocus: true, run: (s) => s.setHelpOpen(!s.helpOpen) },
];

/** Rows for the help overlay: shortcuts with the same description are shown together. */
export function shortcutHelpRows(): { labels: string[]; description: MessageKey }[] {
  const rows: { labels: string[]; description: MessageKey }[] = [];
  for (const shortcut of SHORTCUTS) {
    const row = rows.find((r) => r.description === shortcut.description);
    if (row) row.labels.push(...shortcut.labels);
    else rows.push({ labels: [...shortcut.labels], description: shortcut.description });
  }
  return rows;
}
