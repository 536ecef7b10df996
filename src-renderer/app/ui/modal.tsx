import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  open: boolean;
  labelledBy: string;
  className?: string;
  /** While true, Escape and clicks outside do not close (an action is running). */
  locked?: boolean;
  onClose(): void;
  children: ReactNode;
}

/**
 * A native modal <dialog>: the browser traps focus, makes the rest inert,
 * closes on Escape and gives focus back to where it was.
 */
export function Modal({ open, labelledBy, className, locked = false, onClose, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        if (!locked) onClose();
      }}
      onClick={(event) => {
        // A click on the dialog element itself is a click on the backdrop.
        if (event.target === ref.current && !locked) onClose();
      }}
    >
      {open && <div className="modal-body">{children}</div>}
    </dialog>
  );
}
