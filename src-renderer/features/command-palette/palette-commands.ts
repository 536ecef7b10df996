/**
 * Everything the command palette offers: every shortcut (with its keys, so
 * the palette teaches them), and the commands that have no key of their own:
 * going to a drawer or folder, the other statuses, forward, share, calls,
 * settings (each mailbox's too), identity, notifications.
 */
import type { ConversationStatus, DrawerId } from '../../../src-preload/api.ts';
import { SHORTCUTS } from '../../app/shortcuts.ts';
import { t } from '../../i18n/i18n.ts';
import type { DeskState } from '../../store/desk-store.ts';
import { ROLE_FOLDERS } from '../../store/folders.slice.ts';
import { ROLE_LABEL } from '../mailbox-list/list-title.ts';
import { drawerLabel, FIXED_DRAWERS, statusLabel } from '../triage/triage-labels.ts';
import { ALL_STATUSES } from '../../store/triage-optimistic.ts';

export interface PaletteCommand {
  id: string;
  title: string;
  /** Key labels, when a shortcut does the same. */
  keys: string[];
  run(state: DeskState): void;
}

/** Every drawer the sidebar shows: fixed ones, statuses, agents and groups, tags. */
export function allDrawers(state: DeskState): DrawerId[] {
  const drawers: DrawerId[] = [...FIXED_DRAWERS, ...ALL_STATUSES.map((s) => `status:${s}`)];
  for (const member of [...(state.directory?.agents ?? []), ...(state.directory?.groups ?? [])]) drawers.push(`assignee:${member.ref}`);
  for (const drawer of state.drawerCounts.keys()) if (!drawers.includes(drawer)) drawers.push(drawer);
  for (const tag of state.directory?.tags ?? []) if (!drawers.includes(`tag:${tag}`)) drawers.push(`tag:${tag}`);
  return drawers;
}

const DIRECT_STATUSES: ConversationStatus[] = ['pending', 'waiting', 'on_hold', 'closed'];

export function paletteCommands(state: DeskState): PaletteCommand[] {
  const commands: PaletteCommand[] = SHORTCUTS.filter((s) => !s.noPalette).map((s) => ({
    id: s.id,
    title: s.title ? s.title() : t(s.description),
    keys: s.labels,
    run: (st) => s.run(st, { focusList: () => undefined, focusSearch: () => document.querySelector<HTMLInputElement>('[data-testid="search-input"]')?.focus() }),
  }));
  for (const status of DIRECT_STATUSES) {
    commands.push({ id: `status-${status}`, title: t('palette.statusTo', { status: statusLabel(status, state.triageSettings) }), keys: [], run: (s) => void s.applyTriage({ kind: 'status', status }) });
  }
  commands.push(
    { id: 'status-picker', title: t('palette.statusPicker'), keys: [], run: (s) => s.openPicker('status') },
    { id: 'deadline', title: t('palette.deadline'), keys: [], run: (s) => s.openPicker('deadline') },
    { id: 'forward-colleague', title: t('palette.forward'), keys: [], run: (s) => s.openPicker('forward') },
    { id: 'share', title: t('palette.share'), keys: [], run: (s) => s.openPicker('share') },
    { id: 'log-call', title: t('palette.logCall'), keys: [], run: (s) => (s.opened ? s.setCallFormOpen(true) : s.showNotice(t('palette.openFirst'))) },
    // The checked conversations, or the selected one, as every triage command.
    { id: 'archive', title: t('shortcuts.archive'), keys: [], run: (s) => void s.moveChecked('archive') },
    { id: 'junk', title: t('shortcuts.junk'), keys: [], run: (s) => void s.moveChecked('junk') },
    { id: 'to-inbox', title: t('shortcuts.toInbox'), keys: [], run: (s) => void s.moveChecked('inbox') },
    { id: 'settings', title: t('palette.settings'), keys: [], run: (s) => s.setSettingsOpen(true) },
    { id: 'rules', title: t('palette.rules'), keys: [], run: (s) => s.setRulesOpen(true) },
    { id: 'report', title: t('palette.report'), keys: [], run: (s) => s.setReportOpen(true) },
    { id: 'drafts', title: t('drafts.title'), keys: [], run: (s) => s.setDraftsOpen(true) },
    { id: 'to-send', title: t('outbox.title'), keys: [], run: (s) => s.setOutboxOpen(true) },
    state.drawerOrder === 'newest'
      ? { id: 'order-oldest', title: t('palette.orderOldest'), keys: [], run: (s) => s.setDrawerOrder('oldest') }
      : { id: 'order-newest', title: t('palette.orderNewest'), keys: [], run: (s) => s.setDrawerOrder('newest') },
    { id: 'delegate', title: t('palette.delegate'), keys: [], run: (s) => (s.opened ? s.setDelegateFor(s.opened.id) : s.showNotice(t('triage.nothingSelected'))) },
    { id: 'identity', title: t('palette.identity'), keys: [], run: (s) => s.setAgentDialogOpen(true) },
    { id: 'notifications', title: t('palette.notifications'), keys: [], run: (s) => s.setNotificationsOpen(true) },
    { id: 'desktop-notifications', title: t('palette.desktopNotifications'), keys: [], run: () => void requestDesktopNotifications() },
  );
  for (const drawer of allDrawers(state)) {
    commands.push({
      id: `go-${drawer}`,
      title: t('palette.goTo', { place: drawerLabel(drawer, state.directory, state.triageSettings) }),
      keys: [],
      run: (s) => s.setFolderChoice({ kind: 'drawer', drawer }),
    });
  }
  for (const folder of state.directory?.smartFolders ?? []) {
    commands.push({ id: `smart-${folder.id}`, title: t('palette.goTo', { place: folder.name }), keys: [], run: (s) => s.setSearchQuery(folder.query) });
  }
  for (const account of state.accounts) {
    if (account.kind !== 'imap') continue;
    const title = account.health.state === 'auth-failed' ? t('palette.updatePassword', { account: account.name }) : t('palette.accountSettings', { account: account.name });
    commands.push({ id: `account-${account.id}`, title, keys: [], run: (s) => s.editAccount(account.id) });
  }
  for (const role of ROLE_FOLDERS) {
    commands.push({ id: `folder-${role}`, title: t('palette.goToFolder', { folder: t(ROLE_LABEL[role]) }), keys: [], run: (s) => s.setFolderChoice({ kind: 'role', role }) });
  }
  return commands;
}

/** Asks the browser once; the answer is the browser's to remember. */
export async function requestDesktopNotifications(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}
