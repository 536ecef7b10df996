import { useEffect, useId, useState } from 'react';
import type { DeskError, MessageOriginal } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { formatBytes } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';
import { saveAttachment } from './attachment-file.ts';
import { originalText } from './original-text.ts';

interface OriginalDialogProps {
  /** The message whose original is shown; null: closed. */
  messageId: number | null;
  subject: string;
  onClose(): void;
}

/** "Show original": the message as the mail server holds it, to read, copy the headers of or save as .eml. */
export function OriginalDialog({ messageId, subject, onClose }: OriginalDialogProps) {
  const titleId = useId();
  return (
    <Modal open={messageId !== null} labelledBy={titleId} onClose={onClose} className="original-dialog">
      {messageId !== null && <OriginalBody key={messageId} titleId={titleId} messageId={messageId} subject={subject} onClose={onClose} />}
    </Modal>
  );
}

function OriginalBody({ titleId, messageId, subject, onClose }: { titleId: string; messageId: number; subject: string; onClose(): void }) {
  const getOriginal = useDesk((s) => s.getOriginal);
  const [original, setOriginal] = useState<MessageOriginal | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    let live = true;
    void getOriginal(messageId).then((result) => {
      if (!live) return;
      if (result.ok) setOriginal(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [getOriginal, messageId]);

  const text = original ? originalText(original.dataBase64) : null;

  async function copyHeaders(): Promise<void> {
    if (!text) return;
    await navigator.clipboard.writeText(text.headers).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <>
      <h2 id={titleId} className="modal-title">{t('reading.originalTitle', { subject: subject || t('message.noSubject') })}</h2>
      <p className="modal-text muted">{t('reading.originalHint')}</p>
      {error && <ErrorNote error={error} testId="original-error" />}
      {!error && !text && <p className="modal-text" role="status" data-testid="original-loading">{t('reading.originalLoading')}</p>}
      {text && original && (
        <>
          <pre className="original-source" data-testid="original-source" tabIndex={0} aria-label={t('reading.showOriginal')}>
            <span className="original-headers">{text.headers}</span>
            {'\n\n'}
            {text.body}
          </pre>
          {text.cut > 0 && (
            <p className="modal-text muted" data-testid="original-cut">
              {t('reading.originalCut', { shown: formatBytes(original.size - text.cut), size: formatBytes(original.size) })}
            </p>
          )}
        </>
      )}
      <div className="modal-actions">
        {text && <span className="original-copied muted" role="status">{copied ? t('reading.originalCopied') : ''}</span>}
        {text && (
          <button type="button" className="button" data-testid="original-copy" onClick={() => void copyHeaders()}>
            {t('reading.originalCopyHeaders')}
          </button>
        )}
        {original && (
          <button
            type="button"
            className="button"
            data-testid="original-save"
            onClick={() => saveAttachment({ filename: original.fileName, contentType: 'message/rfc822', size: original.size, dataBase64: original.dataBase64 }, 'message.eml')}
          >
            {t('reading.originalSave')}
          </button>
        )}
        <button type="button" className="button button-primary" data-testid="original-close" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </>
  );
}
