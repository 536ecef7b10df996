import { useState } from 'react';
import type { AttachmentInfo } from '../../../src-preload/api.ts';
import { PaperclipIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import { formatBytes } from '../../i18n/format.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { inlineTypeFor, openAttachment, saveAttachment } from './attachment-file.ts';

function AttachmentItem({ attachment }: { attachment: AttachmentInfo }) {
  const getAttachment = useDesk((s) => s.getAttachment);
  const showNotice = useDesk((s) => s.showNotice);
  const [busy, setBusy] = useState<'open' | 'save' | null>(null);
  const name = attachment.filename.trim() || t('reading.unnamedAttachment');
  const opensInline = inlineTypeFor(attachment.contentType) !== null;

  async function run(action: 'open' | 'save'): Promise<void> {
    setBusy(action);
    const result = await getAttachment(attachment.id);
    setBusy(null);
    if (!result.ok) {
      showNotice(t('reading.attachmentFailed', { name, reason: describeError(result.error) }));
      return;
    }
    if (action === 'save') saveAttachment(result.value, name);
    else if (!openAttachment(result.value, name)) showNotice(t('reading.attachmentSavedInstead', { name }));
  }

  return (
    <li className="attachment" data-testid="attachment" title={`${name} · ${attachment.contentType}`}>
      <PaperclipIcon />
      <span className="attachment-name">{name}</span>
      <span className="attachment-size">{formatBytes(attachment.size)}</span>
      <span className="attachment-actions">
        {opensInline && (
          <button type="button" className="link-button" data-testid="attachment-open" disabled={busy !== null} onClick={() => void run('open')}>
            {busy === 'open' ? t('common.working') : t('reading.openAttachment')}
          </button>
        )}
        <button type="button" className="link-button" data-testid="attachment-save" disabled={busy !== null} onClick={() => void run('save')}>
          {busy === 'save' ? t('common.working') : t('reading.saveAttachment')}
        </button>
      </span>
    </li>
  );
}

export function AttachmentList({ attachments }: { attachments: AttachmentInfo[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('reading.attachments', { count: attachments.length })}>
      {attachments.map((attachment) => <AttachmentItem key={attachment.id} attachment={attachment} />)}
    </ul>
  );
}
