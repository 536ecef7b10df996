import { memo } from 'react';
import type { ConversationSummary, Highlight, TeamDirectory, TriageSettings, TriageState } from '../../../src-preload/api.ts';
import { PaperclipIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';
import { displayName, formatFullDate, formatRelativeTime } from '../../i18n/format.ts';
import { HighlightedText } from '../search/highlighted-text.tsx';
import { AlertMark, RowBadges } from '../triage/row-badges.tsx';

export const ROW_HEIGHT = 80;
/** Search results show two lines of snippet, so the match is rarely cut off. */
export const SEARCH_ROW_HEIGHT = 98;
/** Drawer rows add a line of triage badges. */
export const TRIAGE_ROW_HEIGHT = 102;

export function conversationRowId(id: number): string {
  return `conversation-row-${id}`;
}

interface ConversationRowProps {
  conversation: ConversationSummary;
  /** Highlighted snippet when the row is a search result. */
  highlight: Highlight[] | null;
  /** The highlight is from the team's internal note, not from the mail. */
  highlightInNote?: boolean;
  selected: boolean;
  open: boolean;
  top: number;
  height: number;
  now: number;
  /** Drawer rows: the triage state for the badges. */
  triage: TriageState | null;
  /** Part of the multi-selection (x, Shift+j/k). */
  checked: boolean;
  /** This desktop has an unsent draft in it ("My drafts"). */
  hasDraft: boolean;
  directory: TeamDirectory | null;
  settings: TriageSettings | null;
  onActivate(id: number): void;
}

export const ConversationRow = memo(function ConversationRow(props: ConversationRowProps) {
  const { conversation, highlight, highlightInNote = false, selected, open, top, height, now, triage, checked, hasDraft, directory, settings, onActivate } = props;
  const classes = ['conversation-row'];
  if (triage) classes.push('has-triage');
  if (checked) classes.push('is-checked');
  if (triage?.alert) classes.push('is-alert');
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
      data-checked={checked}
      data-status={triage?.status}
      className={classes.join(' ')}
      style={{ transform: `translateY(${top}px)`, height }}
      onMouseDown={(event) => event.preventDefault() /* keep focus on the list, not the row */}
      onClick={() => onActivate(conversation.id)}
    >
      {checked && <span className="row-check" role="img" aria-label={t('list.checked')}>✓</span>}
      <span className="unread-dot" aria-label={conversation.unread ? t('list.unread') : undefined} role={conversation.unread ? 'img' : undefined} />
      <div className="row-line row-top">
        {triage?.alert && <AlertMark alert={triage.alert} />}
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
        {hasDraft && <span className="row-draft" data-testid="row-draft">{t('list.draft')}</span>}
        {highlightInNote && <span className="row-note-label" data-testid="row-note-match">{t('search.inNote')}</span>}
        {highlight ? <HighlightedText segments={highlight} /> : conversation.snippet}
      </div>
      {triage && <RowBadges triage={triage} directory={directory} settings={settings} now={now} />}
    </div>
  );
});
