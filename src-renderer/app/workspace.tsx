import { useEffect, useRef } from 'react';
import { t } from '../i18n/i18n.ts';
import { ContactPanel } from '../features/contact-panel/contact-panel.tsx';
import { useContactPanel } from '../features/contact-panel/use-contact-panel.ts';
import { useSidebarOverlay } from '../features/sidebar/use-sidebar-overlay.ts';
import { ConversationList } from '../features/mailbox-list/conversation-list.tsx';
import { ReadingPane } from '../features/reading-view/reading-pane.tsx';
import { Sidebar } from '../features/sidebar/sidebar.tsx';
import { useDeskStore } from '../store/store-context.tsx';
import { ShortcutHelp } from './shortcut-help.tsx';
import { CommandPalette } from '../features/command-palette/command-palette.tsx';
import { NotificationList, NotificationToasts } from '../features/notifications/notification-center.tsx';
import { AgentDialog } from '../features/team/agent-dialog.tsx';
import { TriagePickers } from '../features/triage/triage-pickers.tsx';
import { TriageSettingsDialog } from '../features/triage/triage-settings-dialog.tsx';
import { RulesDialog } from '../features/rules/rules-dialog.tsx';
import { TeamReportDialog } from '../features/report/team-report-dialog.tsx';
import { DelegateDialog } from '../features/reading-view/delegate-dialog.tsx';
import { UndoToast } from '../features/triage/undo-toast.tsx';
import { useWorkspaceShortcuts } from './use-workspace-shortcuts.ts';
// Replying (issue 6): new-mail dock, undo-send toast, "To send" drawer, reply settings.
import { NewMailDock } from '../features/composer/new-mail-dock.tsx';
import { OutboxDrawer } from '../features/outbox/outbox-drawer.tsx';
import { DraftsDrawer } from '../features/drafts/drafts-drawer.tsx';
import { UndoSendToast } from '../features/outbox/undo-send-toast.tsx';
import { SettingsView } from '../features/settings/settings-view.tsx';

/** Drawers, accounts and folders, the conversation list, the conversation, and the customer beside it. */
export function Workspace() {
  const store = useDeskStore();
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const contactPanel = useContactPanel();
  const withContact = contactPanel.shown && !contactPanel.overlay;
  const sidebar = useSidebarOverlay();
  useWorkspaceShortcuts(store, listRef, searchRef);

  useEffect(() => {
    // Data arrives through the store (resync, workspace commands, change events); this only sets focus.
    // Start keyboard-ready: j/k work at once and the focus ring shows where they act.
    if (document.activeElement === document.body) listRef.current?.focus({ preventScroll: true });
  }, [store]);

  return (
    <div className={`workspace${withContact ? ' has-contact' : ''}${sidebar.open ? ' sidebar-open' : ''}`}>
      <Sidebar />
      {sidebar.open && <div className="sidebar-scrim" aria-hidden="true" onPointerDown={() => sidebar.setOpen(false)} />}
      {/* The list and the conversation are the page's main content; `display: contents` keeps them cells of the grid. */}
      <main className="workspace-main" aria-label={t('workspace.main')}>
        <ConversationList listRef={listRef} searchRef={searchRef} />
        <ReadingPane />
      </main>
      <ContactPanel />
      <ShortcutHelp />
      <TriagePickers />
      <CommandPalette />
      <AgentDialog />
      <TriageSettingsDialog />
      <RulesDialog />
      <TeamReportDialog />
      <DelegateDialog />
      <NotificationList />
      <UndoToast />
      <NotificationToasts />
      <NewMailDock />
      <UndoSendToast />
      <OutboxDrawer />
      <DraftsDrawer />
      <SettingsView />
    </div>
  );
}
