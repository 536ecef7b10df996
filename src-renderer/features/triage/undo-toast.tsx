import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { triageSummary } from './triage-summary.ts';

const UNDO_TOAST_MS = 10_000;

/** What the last triage action did, with Undo (z works as long as no newer action replaced it); then that it was undone. */
export function UndoToast() {
  const { undo, undoLast, hide, directory, settings } = useDesk(
    useShallow((s) => ({ undo: s.lastUndo, undoLast: s.undoLastTriage, hide: s.hideUndo, directory: s.directory, settings: s.triageSettings })),
  );
  const visible = undo?.shown === true;
  const id = undo?.id;
  useEffect(() => {
    if (!visible) return;
    const timer = setTimeout(hide, UNDO_TOAST_MS);
    return () => clearTimeout(timer);
  }, [visible, id, hide]);
  if (!undo || !visible) return null;
  const summary = triageSummary(undo.action, undo.applied, directory, settings);
  return (
    <div className="undo-toast" role="status" data-testid="undo-toast" data-undone={undo.undone} key={undo.id}>
      <span data-testid="undo-summary">{undo.undone ? t('triage.undone', { summary }) : summary}</span>
      {!undo.undone && (
        <button type="button" className="link-button" data-testid="undo-button" onClick={() => void undoLast()}>
          {t('triage.undo')} <kbd>z</kbd>
        </button>
      )}
      <button type="button" className="link-button" aria-label={t('common.dismiss')} onClick={hide}>×</button>
    </div>
  );
}
