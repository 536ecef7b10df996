import { useId } from 'react';
import { t } from '../i18n/i18n.ts';
import { useDesk } from '../store/store-context.tsx';
import { shortcutHelpRows } from './shortcuts.ts';
import { Modal } from './ui/modal.tsx';

export function ShortcutHelp() {
  const open = useDesk((s) => s.helpOpen);
  const setHelpOpen = useDesk((s) => s.setHelpOpen);
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={() => setHelpOpen(false)} className="shortcut-help">
      <h2 id={titleId} className="modal-title">{t('shortcuts.title')}</h2>
      <table className="shortcut-table">
        <tbody>
          {shortcutHelpRows().map((row) => (
            <tr key={row.description}>
              <td className="shortcut-keys">
                {row.labels.map((label) => <kbd key={label}>{label}</kbd>)}
              </td>
              <td>{t(row.description)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button type="button" className="button" autoFocus onClick={() => setHelpOpen(false)}>{t('common.close')}</button>
      </div>
    </Modal>
  );
}
