import { useShallow } from 'zustand/react/shallow';
import type { FolderSummary, MessageFolderRole } from '../../../src-preload/api.ts';
import { formatCount } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { ROLE_FOLDERS, foldersInScope, sameFolderChoice, type FolderChoice } from '../../store/folders.slice.ts';
import { useDesk } from '../../store/store-context.tsx';
import { ROLE_LABEL } from '../mailbox-list/list-title.ts';

function unreadOf(folders: FolderSummary[], role: MessageFolderRole): number {
  return folders.filter((f) => f.role === role).reduce((sum, f) => sum + f.unread, 0);
}

interface FolderButtonProps {
  choice: FolderChoice;
  label: string;
  /** The account a custom folder belongs to, when several are listed together. */
  owner?: string;
  unread: number;
  testId: string;
}

function FolderButton({ choice, label, owner, unread, testId }: FolderButtonProps) {
  const current = useDesk((s) => s.folderChoice);
  const setFolderChoice = useDesk((s) => s.setFolderChoice);
  const searching = useDesk((s) => s.searchQuery.trim() !== '');
  const active = !searching && sameFolderChoice(current, choice);
  return (
    <li>
      <button
        type="button"
        className={`folder-button${active ? ' is-active' : ''}`}
        aria-current={active ? 'page' : undefined}
        data-testid={testId}
        onClick={() => setFolderChoice(choice)}
      >
        <span className="folder-name" title={owner ? `${label} · ${owner}` : label}>
          {label}
          {owner && <span className="folder-owner"> · {owner}</span>}
        </span>
        {unread > 0 && <span className="folder-unread" aria-label={t('sidebar.unreadCount', { count: unread })}>{formatCount(unread)}</span>}
      </button>
    </li>
  );
}

/** Inbox, Sent, Archive, Junk, Trash for the account filter, then that filter's own folders. */
export function FolderList() {
  const { folders, scope, accounts } = useDesk(useShallow((s) => ({ folders: s.folders, scope: s.scopeAccountId, accounts: s.accounts })));
  const inScope = foldersInScope(folders, scope);
  const custom = inScope.filter((f) => f.role === 'other').sort((a, b) => a.path.localeCompare(b.path));
  const showAccount = scope === null && accounts.length > 1;
  return (
    <>
      <ul className="folder-list" data-testid="folder-list">
        {ROLE_FOLDERS.map((role) => (
          <FolderButton
            key={role}
            choice={{ kind: 'role', role }}
            label={role === 'inbox' && scope === null ? t('list.allInboxes') : t(ROLE_LABEL[role])}
            unread={role === 'junk' || role === 'trash' || role === 'sent' ? 0 : unreadOf(inScope, role)}
            testId={`folder-${role}`}
          />
        ))}
      </ul>
      {custom.length > 0 && (
        <>
          <h2 className="section-label">{t('sidebar.folders')}</h2>
          <ul className="folder-list" data-testid="custom-folders">
            {custom.map((folder) => {
              const owner = showAccount ? accounts.find((a) => a.id === folder.accountId)?.name : undefined;
              return (
                <FolderButton
                  key={folder.id}
                  choice={{ kind: 'folder', folderId: folder.id }}
                  label={folder.path}
                  owner={owner}
                  unread={folder.unread}
                  testId="folder-custom"
                />
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
