import type { Address, MessageDetail } from '../../../src-preload/api.ts';
import { PaperclipIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import { formatAddress, formatBytes, formatFullDate } from '../../i18n/format.ts';
import { MailFrame } from './mail-frame.tsx';

function AddressLine({ label, addresses }: { label: string; addresses: Address[] }) {
  if (addresses.length === 0) return null;
  return (
    <div className="meta-row">
      <dt>{label}</dt>
      <dd>{addresses.map(formatAddress).join(', ')}</dd>
    </div>
  );
}

export function MessageView({ message }: { message: MessageDetail }) {
  const subject = message.subject.trim() || t('message.noSubject');
  return (
    <article className="message-view" aria-labelledby="reading-subject">
      <header className="message-header">
        <h1 id="reading-subject" className="reading-subject" data-testid="reading-subject">{subject}</h1>
        <dl className="meta">
          <AddressLine label={t('reading.from')} addresses={[message.from]} />
          <AddressLine label={t('reading.to')} addresses={message.to} />
          <AddressLine label={t('reading.cc')} addresses={message.cc} />
          <div className="meta-row">
            <dt>{t('reading.date')}</dt>
            <dd><time dateTime={new Date(message.date).toISOString()}>{formatFullDate(message.date)}</time></dd>
          </div>
        </dl>
        {message.attachments.length > 0 && (
          <ul className="attachments" aria-label={t('reading.attachments', { count: message.attachments.length })}>
            {message.attachments.map((attachment) => (
              <li key={attachment.id} className="attachment" title={attachment.contentType}>
                <PaperclipIcon />
                <span className="attachment-name">{attachment.filename || t('reading.unnamedAttachment')}</span>
                <span className="attachment-size">{formatBytes(attachment.size)}</span>
              </li>
            ))}
          </ul>
        )}
      </header>
      {message.html !== null ? (
        <MailFrame key={message.id} html={message.html} subject={subject} />
      ) : (
        // Plain text stays text: no links are made, so nothing in a mail can navigate the app.
        <pre className="text-body" tabIndex={0}>{message.text}</pre>
      )}
    </article>
  );
}
