import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

/** Shown while rows are checked: how many, and the bulk actions (the same keys work too). */
export function BulkBar() {
  const { count, applyTriage, openPicker, clearChecked } = useDesk(
    useShallow((s) => ({ count: s.checkedIds.size, applyTriage: s.applyTriage, openPicker: s.openPicker, clearChecked: s.clearChecked })),
  );
  if (count === 0) return null;
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')} data-testid="bulk-bar">
      <span className="bulk-count" data-testid="bulk-count">{t('bulk.count', { count })}</span>
      <button type="button" className="button button-small" title="e" onClick={() => void applyTriage({ kind: 'status', status: 'done' })}>{t('triageBar.done')}</button>
      <button type="button" className="button button-small" title="a" onClick={() => openPicker('assign')}>{t('triageBar.assign')}</button>
      <button type="button" className="button button-small" title="s" onClick={() => openPicker('snooze')}>{t('triageBar.snooze')}</button>
      <button type="button" className="button button-small" title="t" onClick={() => openPicker('tag')}>{t('triageBar.tag')}</button>
      <button type="button" className="link-button" title="Esc" onClick={clearChecked}>{t('bulk.clear')}</button>
    </div>
  );
}
