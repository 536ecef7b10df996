/**
 * The workspace's keyboard shortcuts, in one list that the key handler, the
 * help overlay and the command palette all read, so neither the help nor the
 * palette can drift from the behaviour.
 *
 * Kept free on purpose: r, R (shift+r), f and c belong to the composer
 * (reply, reply all, forward, compose).
 */
import type { MessageKey } from '../i18n/i18n.ts';
import { t } from '../i18n/i18n.ts';
import type { DeskState } from '../store/desk-store.ts';
import { searchMode } from '../store/visible-list.ts';
import { PRIORITY_KEYS, PRIORITY_LABEL } from '../features/triage/triage-labels.ts';

/** What a shortcut may do besides changing state: move the focus. */
export interface ShortcutContext {
  focusSearch(): void;
  focusList(): void;
}

export interface Shortcut {
  /** Identifies the action (palette, tests). */
  id: string;
  /** `KeyboardEvent.key` values; `Mod+x` is Ctrl+x, or Cmd+x on a Mac. */
  keys: string[];
  /** What the help overlay shows for the keys. */
  labels: string[];
  description: MessageKey;
  /** The palette's name for it when the help's description is shared (1-4 all "set priority"). */
  title?: () => string;
  /** Arrows and Enter keep their usual meaning outside the conversation list. */
  listOnly?: boolean;
  /** The shortcut places the focus itself (the list is not focused first). */
  ownsFocus?: boolean;
  /** Works while typing in a field too (the palette key). */
  global?: boolean;
  /** Not offered in the command palette (moving the cursor is not a command). */
  noPalette?: boolean;
  run(state: DeskState, context: ShortcutContext): void;
}

export const MOD_LABEL = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const prioritySetters: Shortcut[] = PRIORITY_KEYS.map((priority, index) => ({
  id: `priority-${priority}`,
  keys: [String(index + 1)],
  labels: [String(index + 1)],
  description: 'shortcuts.priorityNumber',
  title: () => t('palette.priorityTo', { priority: t(PRIORITY_LABEL[priority]) }),
  run: (s) => void s.applyTriage({ kind: 'priority', priority }),
}));

export const SHORTCUTS: Shortcut[] = [
  { id: 'next', keys: ['j'], labels: ['j'], description: 'shortcuts.next', noPalette: true, run: (s) => s.moveSelection(1) },
  { id: 'previous', keys: ['k'], labels: ['k'], description: 'shortcuts.previous', noPalette: true, run: (s) => s.moveSelection(-1) },
  { id: 'next-arrow', keys: ['ArrowDown'], labels: ['↓'], description: 'shortcuts.next', listOnly: true, noPalette: true, run: (s) => s.moveSelection(1) },
  { id: 'previous-arrow', keys: ['ArrowUp'], labels: ['↑'], description: 'shortcuts.previous', listOnly: true, noPalette: true, run: (s) => s.moveSelection(-1) },
  { id: 'extend-down', keys: ['J'], labels: ['Shift+j'], description: 'shortcuts.extendDown', noPalette: true, run: (s) => s.extendSelection(1) },
  { id: 'extend-up', keys: ['K'], labels: ['Shift+k'], description: 'shortcuts.extendUp', noPalette: true, run: (s) => s.extendSelection(-1) },
  { id: 'check', keys: ['x'], labels: ['x'], description: 'shortcuts.check', run: (s) => s.toggleChecked() },
  { id: 'select-all', keys: ['Mod+a'], labels: [`${MOD_LABEL}+A`], description: 'shortcuts.selectAll', run: (s) => s.selectAllLoaded() },
  { id: 'open-enter', keys: ['Enter'], labels: ['Enter'], description: 'shortcuts.open', listOnly: true, noPalette: true, run: (s) => s.openSelected() },
  { id: 'open', keys: ['o'], labels: ['o'], description: 'shortcuts.open', run: (s) => s.openSelected() },
  { id: 'toggle-read', keys: ['u'], labels: ['u'], description: 'shortcuts.toggleRead', run: (s) => s.toggleReadSelected() },
  { id: 'done', keys: ['e', 'd'], labels: ['e', 'd'], description: 'shortcuts.done', run: (s) => void s.applyTriage({ kind: 'status', status: 'done' }) },
  { id: 'assign', keys: ['a'], labels: ['a'], description: 'shortcuts.assign', run: (s) => s.openPicker('assign') },
  { id: 'snooze', keys: ['s'], labels: ['s'], description: 'shortcuts.snooze', run: (s) => s.openPicker('snooze') },
  { id: 'unsnooze', keys: ['S'], labels: ['Shift+s'], description: 'shortcuts.unsnooze', run: (s) => void s.applyTriage({ kind: 'unsnooze' }) },
  { id: 'follow', keys: ['w'], labels: ['w'], description: 'shortcuts.follow', run: (s) => void s.toggleFollow() },
  { id: 'tag', keys: ['t', '#'], labels: ['t', '#'], description: 'shortcuts.tag', run: (s) => s.openPicker('tag') },
  { id: 'priority', keys: ['p'], labels: ['p'], description: 'shortcuts.priority', run: (s) => s.openPicker('priority') },
  ...prioritySetters,
  { id: 'spam', keys: ['!'], labels: ['!'], description: 'shortcuts.spam', run: (s) => void s.applyTriage({ kind: 'status', status: 'spam' }) },
  // To the Trash, never for good: in the Trash itself the key does nothing (that asks, from the toolbar).
  { id: 'delete', keys: ['Delete'], labels: ['Del'], description: 'shortcuts.delete', run: (s) => void s.moveChecked('trash') },
  { id: 'note', keys: ['n'], labels: ['n'], description: 'shortcuts.note', ownsFocus: true, run: (s) => (s.opened ? s.requestNoteFocus() : s.openSelected()) },
  // The newest of the last triage action and the last move (each clears the other's undo).
  { id: 'undo', keys: ['z', 'Mod+z'], labels: ['z', `${MOD_LABEL}+Z`], description: 'shortcuts.undo', run: (s) => void (s.moveUndo || s.moveInFlight ? s.undoLastMove() : s.undoLastTriage()) },
  // Replying (issue 6): the composer takes the focus itself.
  { id: 'reply', keys: ['r'], labels: ['r'], description: 'shortcuts.reply', ownsFocus: true, run: (s) => void s.startCompose('reply') },
  { id: 'reply-all', keys: ['R'], labels: ['Shift+r'], description: 'shortcuts.replyAll', ownsFocus: true, run: (s) => void s.startCompose('replyAll') },
  { id: 'forward', keys: ['f'], labels: ['f'], description: 'shortcuts.forward', ownsFocus: true, run: (s) => void s.startCompose('forward') },
  { id: 'compose', keys: ['c'], labels: ['c'], description: 'shortcuts.compose', ownsFocus: true, run: (s) => void s.startCompose('new') },
  { id: 'search', keys: ['/'], labels: ['/'], description: 'shortcuts.search', ownsFocus: true, run: (_s, c) => c.focusSearch() },
  { id: 'palette', keys: ['Mod+k'], labels: [`${MOD_LABEL}+K`], description: 'shortcuts.palette', ownsFocus: true, global: true, noPalette: true, run: (s) => s.setPaletteOpen(!s.paletteOpen) },
  {
    id: 'escape',
    keys: ['Escape'],
    labels: ['Esc'],
    description: 'shortcuts.escape',
    ownsFocus: true,
    noPalette: true,
    run: (s, c) => {
      if (s.checkedIds.size > 0) s.clearChecked();
      else if (searchMode(s)) s.clearSearch();
      c.focusList();
    },
  },
  // The browser's own Ctrl+P would print the conversation with its folded messages folded.
  { id: 'print', keys: ['Mod+p'], labels: [`${MOD_LABEL}+P`], description: 'shortcuts.print', ownsFocus: true, global: true, run: (s) => s.printOpenedConversation() },
  { id: 'help', keys: ['?'], labels: ['?'], description: 'shortcuts.help', ownsFocus: true, run: (s) => s.setHelpOpen(!s.helpOpen) },
];

/** The `keys` value a keydown event stands for: `Mod+k` with Ctrl or Cmd, else the key itself. */
export function keyOf(event: { key: string; ctrlKey: boolean; metaKey: boolean }): string {
  return event.ctrlKey || event.metaKey ? `Mod+${event.key.toLowerCase()}` : event.key;
}

export function findShortcut(key: string): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.keys.includes(key));
}

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
