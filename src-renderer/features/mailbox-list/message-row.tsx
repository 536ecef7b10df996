import { memo } from 'react';
import type { MessageSummary } from '../../../src-preload/api.ts';
import { PaperclipIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import { displayName, formatFullDate, formatListDate } from '../../i18n/format.ts';

export const ROW_HEIGHT = 76;

export function messageRowId(id: number): string {
  return `message-row-${id}`;
}

interface MessageRowProps {
  message: MessageSummary;
  selected: boolean;
  open: boolean;
  top: number;
  now: number;
  onActivate(id: number): void;
}

export const MessageRow = memo(function MessageRow({ message, selected, open, top, now, onActivate }: MessageRowProps) {
  const classes = ['message-row'];
  if (selected) classes.push('is-selected');
  if (open) classes.push('is-open');
  if (message.unread) classes.push('is-unread');
  return (
    <div
      id={messageRowId(message.id)}
      role="option"
      aria-selected={selected}
      data-testid="message-row"
      data-message-id={message.id}
      data-unread={message.unread}
      className={classes.join(' ')}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onMouseDown={(event) => event.preventDefault() /* keep focus on the list, not the row */}
      onClick={() => onActivate(message.id)}
    >
      <span className="unread-dot" aria-label={message.unread ? t('list.unread') : undefined} role={message.unread ? 'img' : undefined} />
      <div className="row-line row-top">
        <span className="row-sender">{displayName(message.from)}</span>
        {message.hasAttachments && (
          <span className="row-attachment" role="img" aria-label={t('list.hasAttachments')}>
            <PaperclipIcon />
          </span>
        )}
        <time className="row-date" dateTime={new Date(message.date).toISOString()} title={formatFullDate(message.date)}>
          {formatListDate(message.date, now)}
        </time>
      </div>
      <div className="row-line row-subject">{message.subject.trim() || t('message.noSubject')}</div>
      <div className="row-line row-snippet">{message.snippet}</div>
    </div>
  );
});
