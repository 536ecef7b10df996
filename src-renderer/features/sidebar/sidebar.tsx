import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { t } from '../../i18n/i18n.ts';
import { AccountItem } from './account-item.tsx';
import { FolderList } from './folder-list.tsx';
import { DrawerList } from './drawer-list.tsx';
import { SmartFolderList } from './smart-folder-list.tsx';
import { AgentBanner } from '../team/agent-banner.tsx';
import { NotificationBell } from '../notifications/notification-center.tsx';
import { OutboxSidebarEntry } from '../outbox/outbox-sidebar-entry.tsx';
import { SyncStatus } from './sync-status.tsx';
import { TeamStatus } from '../team/team-status.tsx';
import { useSidebarOverlay } from './use-sidebar-overlay.ts';
import './sidebar.css';

export function Sidebar() {
  const { accounts, scope, appInfo } = useDesk(useShallow((s) => ({ accounts: s.accounts, scope: s.scopeAccountId, appInfo: s.appInfo })));
  const { setScope, removeDemo, setView, showNotice, setSettingsOpen, setRulesOpen, setReportOpen } = useDesk(
    useShallow((s) => ({
      setScope: s.setScope,
      removeDemo: s.removeDemo,
      setView: s.setView,
      showNotice: s.showNotice,
      setSettingsOpen: s.setSettingsOpen,
      setRulesOpen: s.setRulesOpen,
      setReportOpen: s.setReportOpen,
    })),
  );
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [removing, setRemoving] = useState(false);
  const sidebar = useSidebarOverlay();
  const navRef = useRef<HTMLElement>(null);

  useEffect(() => {
    // Opened over the list: the keyboard lands on the drawer in view, so Tab and Enter work at once,
    // and goes back where it was (the ☰ button) when the column closes, not to a hidden drawer.
    if (!sidebar.open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const nav = navRef.current;
    (nav?.querySelector<HTMLElement>('[aria-current="page"]') ?? nav?.querySelector<HTMLElement>('button'))?.focus();
    return () => {
      const at = document.activeElement;
      if (at === document.body || (at && navRef.current?.contains(at))) before?.focus();
    };
  }, [sidebar.open]);

  async function confirmRemoval(): Promise<void> {
    setRemoving(true);
    const result = await removeDemo();
    setRemoving(false);
    setConfirmingRemoval(false);
    if (!result.ok) showNotice(t('sidebar.removeDemoFailed', { reason: describeError(result.error) }));
  }

  return (
    <nav
      ref={navRef}
      className="sidebar"
      aria-label={t('sidebar.label')}
      data-testid="sidebar"
      // Hidden off to the side in a narrow window: out of the tab order and of screen readers too.
      inert={sidebar.overlay && !sidebar.open}
      onClick={(e) => {
        // A drawer, a folder or a setting chosen: the list (or the dialog) is what the agent wants to see now.
        if (sidebar.open && e.target instanceof Element && e.target.closest('button, a')) sidebar.setOpen(false);
      }}
      onKeyDown={(e) => {
        if (sidebar.open && e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          sidebar.setOpen(false);
        }
      }}
    >
      <h1 className="brand">
        <span className="brand-mark" aria-hidden="true" />
        {t('app.name')}
      </h1>
      <AgentBanner />
      <DrawerList />
      <SmartFolderList />
      <OutboxSidebarEntry />
      <h2 className="section-label">{t('sidebar.mailbox')}</h2>
      <FolderList />
      <h2 className="section-label">{t('sidebar.accounts')}</h2>
      <ul className="account-list">
        {accounts.length > 1 && (
          <li>
            <button type="button" className={`scope-button${scope === null ? ' is-active' : ''}`} aria-pressed={scope === null} data-testid="scope-all" onClick={() => setScope(null)}>
              {t('sidebar.allAccounts')}
            </button>
          </li>
        )}
        {accounts.map((account) => (
          <AccountItem
            key={account.id}
            account={account}
            active={scope === account.id}
            // A second click on the active account goes back to all accounts: the filter is a toggle.
            onSelect={(id) => setScope(scope === id && accounts.length > 1 ? null : id)}
            onRemoveDemo={() => setConfirmingRemoval(true)}
          />
        ))}
      </ul>
      <button type="button" className="button button-quiet add-account" onClick={() => setView('connect')}>
        {t('sidebar.addAccount')}
      </button>
      <TeamStatus />
      <div className="sidebar-tools">
        <NotificationBell />
        <button type="button" className="link-button" data-testid="open-triage-settings" onClick={() => setSettingsOpen(true)}>{t('sidebar.triageSettings')}</button>
        <button type="button" className="link-button" data-testid="open-rules" onClick={() => setRulesOpen(true)}>{t('sidebar.rules')}</button>
        <button type="button" className="link-button" data-testid="open-report" onClick={() => setReportOpen(true)}>{t('sidebar.report')}</button>
      </div>
      <div className="sidebar-footer">
        {appInfo && t('sidebar.version', { version: appInfo.version })}
        <span className="sidebar-help">{t('sidebar.shortcutHint')}</span>
      </div>
      <SyncStatus accounts={accounts} />
      <ConfirmDialog
        open={confirmingRemoval}
        title={t('sidebar.removeDemoTitle')}
        body={t('sidebar.removeDemoBody')}
        confirmLabel={t('sidebar.removeDemoConfirm')}
        busy={removing}
        danger
        onConfirm={() => void confirmRemoval()}
        onCancel={() => setConfirmingRemoval(false)}
      />
    </nav>
  );
}
