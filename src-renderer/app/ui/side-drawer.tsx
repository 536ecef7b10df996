import { useId, type ReactNode } from 'react';
import type { DeskError } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { ErrorNote } from './error-note.tsx';
import { Modal } from './modal.tsx';
import './side-drawer.css';

interface SideDrawerProps {
  open: boolean;
  title: string;
  lead: string;
  error: DeskError | null;
  /** `${testId}` on the content, `${closeTestId}` on Close (the e2e specs find them by these). */
  testId: string;
  closeTestId: string;
  onClose(): void;
  children: ReactNode;
}

/** A modal panel along the window's right edge with a title, Close and a lead line: "To send", "My drafts". */
export function SideDrawer({ open, title, lead, error, testId, closeTestId, onClose, children }: SideDrawerProps) {
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} onClose={onClose} className="side-drawer">
      <div className="side-drawer-inner" data-testid={testId}>
        <header className="side-drawer-header">
          <h2 id={titleId} className="modal-title">{title}</h2>
          <span className="toolbar-spacer" />
          <button type="button" className="button button-small button-quiet" data-testid={closeTestId} onClick={onClose}>
            {t('common.close')}
          </button>
        </header>
        <p className="modal-text">{lead}</p>
        {error && <ErrorNote error={error} />}
        {children}
      </div>
    </Modal>
  );
}
