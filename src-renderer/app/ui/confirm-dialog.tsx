import { useId } from 'react';
import { t } from '../../i18n/i18n.ts';
import { Modal } from './modal.tsx';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ open, title, body, confirmLabel, busy = false, danger = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  return (
    <Modal open={open} labelledBy={titleId} locked={busy} onClose={onCancel} className="confirm-dialog">
      <h2 id={titleId} className="modal-title">{title}</h2>
      <p className="modal-text">{body}</p>
      <div className="modal-actions">
        {/* Cancel first and focused: the safe choice is the default one. */}
        <button type="button" className="button" autoFocus disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button-danger' : 'button-primary'}`}
          data-testid="confirm"
          disabled={busy}
          onClick={onConfirm}
        >
          {busy ? t('common.working') : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
