import { useEffect, useRef } from 'react';
import { MessageList } from '../features/mailbox-list/message-list.tsx';
import { ReadingPane } from '../features/reading-view/reading-pane.tsx';
import { Sidebar } from '../features/sidebar/sidebar.tsx';
import { useDeskStore } from '../store/store-context.tsx';
import { ShortcutHelp } from './shortcut-help.tsx';
import { useWorkspaceShortcuts } from './use-workspace-shortcuts.ts';

/** The three panes: accounts, the message list, the message being read. */
export function Workspace() {
  const store = useDeskStore();
  const listRef = useRef<HTMLDivElement>(null);
  useWorkspaceShortcuts(store, listRef);

  useEffect(() => {
    // Data arrives through the store (resync, workspace commands, change events); this only sets focus.
    // Start keyboard-ready: j/k work at once and the focus ring shows where they act.
    if (document.activeElement === document.body) listRef.current?.focus({ preventScroll: true });
  }, [store]);

  return (
    <div className="workspace">
      <Sidebar />
      <MessageList listRef={listRef} />
      <ReadingPane />
      <ShortcutHelp />
    </div>
  );
}
