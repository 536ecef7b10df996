import { memo } from 'react';
import type { ActivityItem } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { formatFullDate, formatRelativeTime } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';
import { activityEventText } from './activity-event-text.ts';
import { parseNote, type Inline } from './note-markdown.ts';

function InlineText({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((part, i) => {
        switch (part.kind) {
          case 'strong':
            return <strong key={i}>{part.text}</strong>;
          case 'em':
            return <em key={i}>{part.text}</em>;
          case 'code':
            return <code key={i}>{part.text}</code>;
          case 'link':
            return <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">{part.text}</a>;
          case 'mention':
            return <span key={i} className="mention">{part.text}</span>;
          default:
            return <span key={i}>{part.text}</span>;
        }
      })}
    </>
  );
}

export function NoteText({ markdown }: { markdown: string }) {
  return (
    <div className="note-text">
      {parseNote(markdown).map((block, i) =>
        block.kind === 'list' ? (
          <ul key={i}>{block.items.map((item, j) => <li key={j}><InlineText inlines={item} /></li>)}</ul>
        ) : (
          <p key={i}><InlineText inlines={block.inlines} /></p>
        ),
      )}
    </div>
  );
}

/** A note, a call or a triage event in the conversation's timeline, between the messages. */
export const ActivityCard = memo(function ActivityCard({ item }: { item: ActivityItem }) {
  const who = item.author?.name ?? (item.kind === 'event' && item.rule !== null ? t('activity.rule', { name: item.rule }) : t('activity.someone'));
  const directory = useDesk((s) => s.directory);
  const settings = useDesk((s) => s.triageSettings);
  const when = (
    <time className="activity-date" dateTime={new Date(item.at).toISOString()} title={formatFullDate(item.at)}>{formatRelativeTime(item.at)}</time>
  );
  if (item.kind === 'event') {
    return (
      <div className="activity-event" data-testid="activity-event">
        <span className="activity-event-text">{activityEventText(who, item.change, directory, settings)}</span>
        {when}
      </div>
    );
  }
  if (item.kind === 'call') {
    return (
      <article className="activity-card is-call" data-testid="activity-call">
        <header className="activity-header">
          <span className="activity-kind">{t(item.direction === 'inbound' ? 'call.inbound' : 'call.outbound')}</span>
          <span className="activity-author">{t('call.byMinutes', { name: who, count: item.minutes })}</span>
          {when}
        </header>
        {item.summary && <NoteText markdown={item.summary} />}
      </article>
    );
  }
  return (
    <article className="activity-card is-note" data-testid="activity-note">
      <header className="activity-header">
        <span className="activity-kind">{t('notes.internalLabel')}</span>
        <span className="activity-author" style={item.author ? { color: item.author.colour } : undefined}>{who}</span>
        {when}
      </header>
      <NoteText markdown={item.markdown} />
    </article>
  );
});
