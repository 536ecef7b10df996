import { useShallow } from 'zustand/react/shallow';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { drawerLabel } from '../triage/triage-labels.ts';
import type { MessageFolderRole } from '../../../src-preload/api.ts';

export const ROLE_LABEL: Record<MessageFolderRole, MessageKey> = {
  inbox: 'folders.inbox',
  sent: 'folders.sent',
  archive: 'folders.archive',
  junk: 'folders.junk',
  trash: 'folders.trash',
  drafts: 'folders.drafts',
  other: 'folders.other',
};

/** "Inbox · Acme Support", "Archive · All accounts", a custom folder's name, or a drawer ("Mine · All accounts"). */
export function useListTitle(): string {
  const { choice, folders, accounts, scope, directory, settings } = useDesk(
    useShallow((s) => ({
      choice: s.folderChoice,
      folders: s.folders,
      accounts: s.accounts,
      scope: s.scopeAccountId,
      directory: s.directory,
      settings: s.triageSettings,
    })),
  );
  const account = accounts.find((a) => a.id === scope)?.name ?? null;
  if (choice.kind === 'role' && choice.role === 'inbox' && account === null) return t('list.allInboxes');
  let folder: string;
  if (choice.kind === 'role') folder = t(ROLE_LABEL[choice.role]);
  else if (choice.kind === 'drawer') folder = drawerLabel(choice.drawer, directory, settings);
  else folder = folders.find((f) => f.id === choice.folderId)?.name ?? t('folders.other');
  return t('list.titleInScope', { folder, scope: account ?? t('sidebar.allAccounts') });
}
