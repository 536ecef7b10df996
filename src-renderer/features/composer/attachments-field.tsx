import { useRef, useState } from 'react';
import type { AttachmentInfo } from '../../../src-preload/api.ts';
import { PaperclipIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import { formatBytes } from '../../i18n/format.ts';

interface AttachmentsFieldProps {
  attachments: AttachmentInfo[];
  /** Names of files being read and uploaded right now. */
  uploading: string[];
  onPick(files: File[]): void;
  onRemove(id: number): void;
}

/** The draft's attachments with remove buttons, and the file picker (dropping files anywhere on the composer works too). */
export function AttachmentsField({ attachments, uploading, onPick, onRemove }: AttachmentsFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  return (
    <div className="composer-attachments">
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="composer-file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onPick(files);
        }}
      />
      <button type="button" className="button button-small button-quiet" data-testid="composer-attach" onClick={() => input.current?.click()}>
        <PaperclipIcon /> {t('composer.attach')}
      </button>
      {(attachments.length > 0 || uploading.length > 0) && (
        <ul className="attachment-chips" aria-label={t('composer.attachments')}>
          {attachments.map((a) => (
            <li key={a.id} className="attachment-chip" data-testid="composer-attachment">
              <span className="attachment-chip-name" title={a.filename}>{a.filename}</span>
              <span className="attachment-chip-size">{formatBytes(a.size)}</span>
              <button
                type="button"
                className="recipient-chip-remove"
                disabled={removing === a.id}
                aria-label={t('composer.removeAttachment', { name: a.filename })}
                onClick={() => {
                  setRemoving(a.id);
                  onRemove(a.id);
                }}
              >
                ×
              </button>
            </li>
          ))}
          {uploading.map((name) => (
            <li key={`up-${name}`} className="attachment-chip is-uploading" aria-busy="true">
              <span className="attachment-chip-name">{name}</span>
              <span className="attachment-chip-size">{t('composer.uploading')}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
