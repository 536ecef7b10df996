import { useShallow } from 'zustand/react/shallow';
import type { MoveTarget } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

const RESTORE_LABEL = { junk: 'reading.notJunk', archive: 'reading.toInbox', trash: 'reading.restore' } as const;

/**
 * Shown while rows are checked: how many, and the bulk actions (the same keys
 * work too). Moves follow the folder on screen as the reading view's do; from
 * Trash there is no bulk "delete for good": that asks, one conversation at a time.
 */
export function BulkBar() {
  const { count, applyTriage, openPicker, clearChecked, moveChecked } = useDesk(
    useShallow((s) => ({ count: s.checkedIds.size, applyTriage: s.applyTriage, openPicker: s.openPicker, clearChecked: s.clearChecked, moveChecked: s.moveChecked })),
  );
  const viewing = useDesk((s) => (s.folderChoice.kind === 'role' && s.searchQuery.trim() === '' ? s.folderChoice.role : null));
  if (count === 0) return null;
  const moves: Array<{ to: MoveTarget; label: string; title?: string }> = [];
  if (viewing === 'junk' || viewing === 'archive' || viewing === 'trash') moves.push({ to: 'inbox', label: t(RESTORE_LABEL[viewing]), title: t('reading.toInboxHint') });
  // Sent and Drafts copies never move (message-actions.ts): there is nothing here to move.
  const stays = viewing === 'sent' || viewing === 'drafts';
  if (!stays && viewing !== 'archive') moves.push({ to: 'archive', label: t('reading.archive'), title: t('reading.archiveHint') });
  if (!stays && viewing !== 'junk') moves.push({ to: 'junk', label: t('reading.junk'), title: t('reading.junkHint') });
  if (!stays && viewing !== 'trash') moves.push({ to: 'trash', label: t('reading.delete'), title: t('reading.deleteHint') });
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')} data-testid="bulk-bar">
      <span className="bulk-count" data-testid="bulk-count">{t('bulk.count', { count })}</span>
      <button type="button" className="button button-small" title="e" onClick={() => void applyTriage({ kind: 'status', status: 'done' })}>{t('triageBar.done')}</button>
      <button type="button" className="button button-small" title="a" onClick={() => openPicker('assign')}>{t('triageBar.assign')}</button>
      <button type="button" className="button button-small" title="s" onClick={() => openPicker('snooze')}>{t('triageBar.snooze')}</button>
      <button type="button" className="button button-small" title="t" onClick={() => openPicker('tag')}>{t('triageBar.tag')}</button>
      {moves.map((m) => (
        <button key={m.to} type="button" className="button button-small" data-testid={`bulk-${m.to}`} title={m.title} onClick={() => void moveChecked(m.to)}>
          {m.label}
        </button>
      ))}
      <button type="button" className="link-button" title="Esc" onClick={clearChecked}>{t('bulk.clear')}</button>
    </div>
  );
}
