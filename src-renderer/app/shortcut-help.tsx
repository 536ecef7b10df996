import { useId } from 'react';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { useDesk } from '../store/store-context.tsx';
import { shortcutHelpRows } from './shortcuts.ts';
import { Modal } from './ui/modal.tsx';

type Row = { labels: string[]; description: MessageKey };

/** The composer handles these itself (features/composer/composer.tsx); listed here so they can be found. */
const COMPOSER_KEYS: Row[] = [
  { labels: ['Ctrl+Enter'], description: 'shortcuts.composerSend' },
  { labels: ['Ctrl+Shift+Enter'], description: 'shortcuts.composerSendDone' },
  { labels: ['Ctrl+Shift+T', ';;'], description: 'shortcuts.composerTemplate' },
  { labels: ['Esc'], description: 'shortcuts.composerClose' },
];

function ShortcutTable({ rows, testId }: { rows: Row[]; testId?: string }) {
  return (
    <table className="shortcut-table" data-testid={testId}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.description}>
            <td className="shortcut-keys">
              {row.labels.map((label) => <kbd key={label}>{label}</kbd>)}
            </td>
            <td>{t(row.description)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShortcutHelp() {
  const open = useDesk((s) => s.helpOpen);
  const setHelpOpen = useDesk((s) => s.setHelpOpen);
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={() => setHelpOpen(false)} className="shortcut-help">
      <h2 id={titleId} className="modal-title">{t('shortcuts.title')}</h2>
      <ShortcutTable rows={shortcutHelpRows()} />
      <h3 className="shortcut-section">{t('shortcuts.composerTitle')}</h3>
      <ShortcutTable rows={COMPOSER_KEYS} testId="composer-shortcuts" />
      <div className="modal-actions">
        <button type="button" className="button" autoFocus onClick={() => setHelpOpen(false)}>{t('common.close')}</button>
      </div>
    </Modal>
  );
}
