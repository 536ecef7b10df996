import { memo } from 'react';
import type { ConversationSummary, Highlight } from '../../../src-preload/api.ts';
import { PaperclipIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import { displayName, formatFullDate, formatRelativeTime } from '../../i18n/format.ts';
import { HighlightedText } from '../search/highlighted-text.tsx';

export const ROW_HEIGHT = 80;
/** Search results show two lines of snippet, so the match is rarely cut off. */
export const SEARCH_ROW_HEIGHT = 98;

export function conversationRowId(id: number): string {
  return `conversation-row-${id}`;
}

interface ConversationRowProps {
  conversation: ConversationSummary;
  /** Highlighted snippet when the row is a search result. */
  highlight: Highlight[] | null;
  selected: boolean;
  open: boolean;
  top: number;
  height: number;
  now: number;
  onActivate(id: number): void;
}

export const ConversationRow = memo(function ConversationRow({ conversation, highlight, selected, open, top, height, now, onActivate }: ConversationRowProps) {
  const classes = ['conversation-row'];
  if (selected) classes.push('is-selected');
  if (open) classes.push('is-open');
  if (conversation.unread) classes.push('is-unread');
  if (highlight) classes.push('is-hit');
  return (
    <div
      id={conversationRowId(conversation.id)}
      role="option"
      aria-selected={selected}
      // `message-row` predates conversations; the e2e specs and tools still find rows by it.
      data-testid="message-row"
      data-conversation-id={conversation.id}
      data-ticket={conversation.ticket}
      data-unread={conversation.unread}
      className={classes.join(' ')}
      style={{ transform: `translateY(${top}px)`, height }}
      onMouseDown={(event) => event.preventDefault() /* keep focus on the list, not the row */}
      onClick={() => onActivate(conversation.id)}
    >
      <span className="unread-dot" aria-label={conversation.unread ? t('list.unread') : undefined} role={conversation.unread ? 'img' : undefined} />
      <div className="row-line row-top">
        <span className="row-customer">{displayName(conversation.customer)}</span>
        {conversation.messageCount > 1 && (
          <span className="row-count" aria-label={t('list.messageCount', { count: conversation.messageCount })}>
            {conversation.messageCount}
          </span>
        )}
        {conversation.hasAttachments && (
          <span className="row-attachment" role="img" aria-label={t('list.hasAttachments')}>
            <PaperclipIcon />
          </span>
        )}
        <time className="row-date" dateTime={new Date(conversation.lastMessageAt).toISOString()} title={formatFullDate(conversation.lastMessageAt)}>
          {formatRelativeTime(conversation.lastMessageAt, now)}
        </time>
      </div>
      <div className="row-line row-subject">{conversation.subject.trim() || t('message.noSubject')}</div>
      <div className={`row-snippet${highlight ? ' row-snippet-hit' : ''}`}>
        <span className="row-ticket" data-testid="row-ticket">#{conversation.ticket}</span>
        {highlight ? <HighlightedText segments={highlight} /> : conversation.snippet}
      </div>
    </div>
  );
});
