import { useShallow } from 'zustand/react/shallow';
import type { DrawerId } from '../../../src-preload/api.ts';
import { formatCount } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { memberOf } from '../../store/team-members.ts';
import { ALL_STATUSES } from '../../store/triage-optimistic.ts';
import { drawerLabel, FIXED_DRAWERS } from '../triage/triage-labels.ts';

/** Drawers whose count is bad news: shown in red when not empty. */
const ALARMING = new Set<DrawerId>(['overdue', 'alerts']);

function DrawerButton({ drawer, colour }: { drawer: DrawerId; colour?: string }) {
  const { active, count, directory, settings, setFolderChoice } = useDesk(
    useShallow((s) => ({
      // While a search (or a smart folder) is on screen, the list is not this drawer.
      active: s.searchQuery.trim() === '' && s.folderChoice.kind === 'drawer' && s.folderChoice.drawer === drawer,
      count: s.drawerCounts.get(drawer),
      directory: s.directory,
      settings: s.triageSettings,
      setFolderChoice: s.setFolderChoice,
    })),
  );
  const label = drawerLabel(drawer, directory, settings);
  const total = count?.count ?? 0;
  const classes = ['folder-button', 'drawer-button'];
  if (active) classes.push('is-active');
  if (ALARMING.has(drawer) && total > 0) classes.push('is-alarming');
  return (
    <li>
      <button
        type="button"
        className={classes.join(' ')}
        aria-current={active ? 'page' : undefined}
        data-testid={`drawer-${drawer}`}
        data-count={count ? total : undefined}
        onClick={() => setFolderChoice({ kind: 'drawer', drawer })}
      >
        <span className="folder-name" title={label}>
          {colour && <span className="member-dot" style={{ background: colour }} aria-hidden="true" />}
          <span className="drawer-label">{label}</span>
        </span>
        {count && total > 0 && (
          <span
            className={`drawer-count${count.unread > 0 ? ' has-unread' : ''}`}
            data-testid="drawer-count"
            aria-label={t('sidebar.drawerCount', { count: total, unread: count.unread })}
          >
            {formatCount(total)}
          </span>
        )}
      </button>
    </li>
  );
}

/** The triage drawers with live counts: fixed views, statuses, team members and groups, tags. */
export function DrawerList() {
  const { directory, countKeys } = useDesk(useShallow((s) => ({ directory: s.directory, countKeys: [...s.drawerCounts.keys()].join('\n') })));
  const members = [...(directory?.agents ?? []), ...(directory?.groups ?? [])];
  const memberDrawers = new Set(members.map((m) => `assignee:${m.ref}`));
  // Counted assignees the directory does not know yet still get a row.
  for (const key of countKeys.split('\n')) if (key.startsWith('assignee:')) memberDrawers.add(key);
  const tags = new Set((directory?.tags ?? []).map((tag) => `tag:${tag}`));
  for (const key of countKeys.split('\n')) if (key.startsWith('tag:')) tags.add(key);

  return (
    <div className="drawer-list" data-testid="drawer-list">
      <ul className="folder-list">
        {FIXED_DRAWERS.map((drawer) => <DrawerButton key={drawer} drawer={drawer} />)}
      </ul>
      <h2 className="section-label">{t('sidebar.statuses')}</h2>
      <ul className="folder-list">
        {ALL_STATUSES.map((status) => <DrawerButton key={status} drawer={`status:${status}`} />)}
      </ul>
      {memberDrawers.size > 0 && (
        <>
          <h2 className="section-label">{t('sidebar.team')}</h2>
          <ul className="folder-list">
            {[...memberDrawers].map((drawer) => (
              <DrawerButton key={drawer} drawer={drawer} colour={memberOf(directory, drawer.slice('assignee:'.length)).colour} />
            ))}
          </ul>
        </>
      )}
      {tags.size > 0 && (
        <>
          <h2 className="section-label">{t('sidebar.tags')}</h2>
          <ul className="folder-list">
            {[...tags].sort().map((drawer) => <DrawerButton key={drawer} drawer={drawer} />)}
          </ul>
        </>
      )}
    </div>
  );
}
