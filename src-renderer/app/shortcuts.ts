/**
 * The workspace's keyboard shortcuts, in one list that both the key handler
 * and the help overlay read, so the help can never drift from the behaviour.
 */
import type { MessageKey } from '../i18n/i18n.ts';
import type { DeskState } from '../store/desk-store.ts';

export interface Shortcut {
  /** `KeyboardEvent.key` values. */
  keys: string[];
  /** What the help overlay shows for the keys. */
  labels: string[];
  description: MessageKey;
  /** Arrows and Enter keep their usual meaning outside the message list. */
  listOnly?: boolean;
  run(state: DeskState): void;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['j'], labels: ['j'], description: 'shortcuts.next', run: (s) => s.moveSelection(1) },
  { keys: ['k'], labels: ['k'], description: 'shortcuts.previous', run: (s) => s.moveSelection(-1) },
  { keys: ['ArrowDown'], labels: ['↓'], description: 'shortcuts.next', listOnly: true, run: (s) => s.moveSelection(1) },
  { keys: ['ArrowUp'], labels: ['↑'], description: 'shortcuts.previous', listOnly: true, run: (s) => s.moveSelection(-1) },
  { keys: ['Enter'], labels: ['Enter'], description: 'shortcuts.open', listOnly: true, run: (s) => s.openSelected() },
  { keys: ['o'], labels: ['o'], description: 'shortcuts.open', run: (s) => s.openSelected() },
  { keys: ['u'], labels: ['u'], description: 'shortcuts.toggleRead', run: (s) => s.toggleReadSelected() },
  { keys: ['?'], labels: ['?'], description: 'shortcuts.help', run: (s) => s.setHelpOpen(!s.helpOpen) },
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
