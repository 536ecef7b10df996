import { memo } from 'react';
import type { Address, ConversationMessage } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { displayName, formatAddress, formatFullDate, formatRelativeTime } from '../../i18n/format.ts';
import { AttachmentList } from './attachment-list.tsx';
import { MailFrame } from './mail-frame.tsx';
import { TextBody } from './text-body.tsx';

interface MessageCardProps {
  message: ConversationMessage;
  subject: string;
  expanded: boolean;
  /** The first message cannot be split off: it is what the conversation is. */
  canSplit: boolean;
  onToggle(id: number): void;
  onSplit(message: ConversationMessage): void;
  onShowOriginal(message: ConversationMessage): void;
  /** Answer or forward this message rather than the conversation's latest. */
  onRespond(mode: 'reply' | 'forward', message: ConversationMessage): void;
  onAlwaysAllowImages: (() => void) | null;
}

function recipients(label: string, list: Address[]): string | null {
  return list.length > 0 ? `${label} ${list.map(formatAddress).join(', ')}` : null;
}

export const MessageCard = memo(function MessageCard({ message, subject, expanded, canSplit, onToggle, onSplit, onShowOriginal, onRespond, onAlwaysAllowImages }: MessageCardProps) {
  const classes = ['message-card'];
  if (message.outgoing) classes.push('is-outgoing');
  if (!expanded) classes.push('is-collapsed');
  if (message.unread) classes.push('is-unread');
  // Where a reply goes when that is not the sender (a contact form's noreply@ naming the customer).
  const replyTo = message.replyTo.some((a) => a.address.toLowerCase() !== message.from.address.toLowerCase()) ? message.replyTo : [];
  const to = [recipients(t('reading.to'), message.to), recipients(t('reading.cc'), message.cc), recipients(t('reading.replyTo'), replyTo)].filter(Boolean).join(' · ');

  return (
    <article className={classes.join(' ')} data-testid="conversation-message" data-message-id={message.id} data-outgoing={message.outgoing}>
      <header className="message-card-header">
        <button
          type="button"
          className="message-card-toggle"
          aria-expanded={expanded}
          onClick={() => onToggle(message.id)}
        >
          <span className="message-from">
            <span className="message-from-name">{displayName(message.from)}</span>
            {message.from.name && <span className="message-from-address">{message.from.address}</span>}
            {message.automatic ? (
              <span className="agent-badge is-automatic" data-testid="automatic-reply" title={t('reading.automaticReplyHint')}>{t('reading.automaticReply')}</span>
            ) : (
              message.outgoing && <span className="agent-badge" data-testid="agent-reply">{t('reading.agentReply')}</span>
            )}
            {message.autoReply && (
              <span className="agent-badge is-automatic" data-testid="customer-auto-reply" title={t('reading.customerAutoReplyHint')}>{t('reading.customerAutoReply')}</span>
            )}
          </span>
          <time className="message-date" dateTime={new Date(message.date).toISOString()} title={formatFullDate(message.date)}>
            {formatRelativeTime(message.date)}
          </time>
          {expanded
            ? to && <span className="message-recipients" title={to}>{to}</span>
            : <span className="message-collapsed-snippet">{message.snippet}</span>}
        </button>
      </header>
      {expanded && (
        <>
          <div className="message-card-body">
            {message.html !== null ? (
              <MailFrame
                html={message.html}
                subject={subject}
                text={message.text}
                remoteAllowed={message.remoteImagesAllowed}
                onAlwaysAllow={onAlwaysAllowImages}
              />
            ) : (
              <TextBody parts={message.textParts} fallback={message.text} />
            )}
          </div>
          <footer className="message-card-footer">
            <AttachmentList attachments={message.attachments} />
            <span className="message-card-links">
              <button type="button" className="link-button" data-testid="message-reply" aria-label={t('reading.replyToMessage')} onClick={() => onRespond('reply', message)}>
                {t('composer.reply')}
              </button>
              <button type="button" className="link-button" data-testid="message-forward" aria-label={t('reading.forwardMessage')} onClick={() => onRespond('forward', message)}>
                {t('composer.forward')}
              </button>
              <button type="button" className="link-button" data-testid="show-original" onClick={() => onShowOriginal(message)}>
                {t('reading.showOriginal')}
              </button>
              {canSplit && (
                <button type="button" className="link-button" data-testid="split-message" onClick={() => onSplit(message)}>
                  {t('reading.splitFromHere')}
                </button>
              )}
            </span>
          </footer>
        </>
      )}
    </article>
  );
});
