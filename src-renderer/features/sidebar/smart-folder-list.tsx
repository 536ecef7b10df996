import { useShallow } from 'zustand/react/shallow';
import type { SmartFolder } from '../../../src-preload/api.ts';
import { formatCount } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

// One array for "none yet": a fresh [] per render would never compare equal and re-render forever.
const NONE: readonly SmartFolder[] = [];

/**
 * The team's smart folders: each runs its saved search, so the list shows
 * what matches now. Saved from the search results' header (list-header).
 */
export function SmartFolderList() {
  const { folders, counts, query, setSearchQuery } = useDesk(
    useShallow((s) => ({ folders: s.directory?.smartFolders ?? NONE, counts: s.smartFolderCounts, query: s.searchQuery.trim(), setSearchQuery: s.setSearchQuery })),
  );
  if (folders.length === 0) return null;
  return (
    <>
      <h2 className="section-label">{t('smartFolders.title')}</h2>
      <ul className="folder-list" data-testid="smart-folder-list">
        {folders.map((folder) => {
          const active = query === folder.query;
          const count = counts.get(folder.query);
          return (
            <li key={folder.id}>
              <button
                type="button"
                className={`folder-button${active ? ' is-active' : ''}`}
                aria-current={active ? 'page' : undefined}
                data-testid="smart-folder"
                title={folder.query}
                onClick={() => setSearchQuery(folder.query)}
              >
                <span className="folder-name">{folder.name}</span>
                {count && count.count > 0 && (
                  <span className="drawer-count" data-testid="smart-folder-count" aria-label={t(count.more ? 'smartFolders.countMore' : 'smartFolders.count', { count: count.count })}>
                    {count.more ? `${formatCount(count.count)}+` : formatCount(count.count)}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
