import { memo } from 'react';
import type { ActivityItem } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { formatFullDate, formatRelativeTime } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';
import { activityEventText } from './activity-event-text.ts';
import { NoteCard } from './note-card.tsx';

/** A note, a call or a triage event in the conversation's timeline, between the messages. */
export const ActivityCard = memo(function ActivityCard({ item, conversationId }: { item: ActivityItem; conversationId: number }) {
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
  const kind = item.kind === 'call' ? t(item.direction === 'inbound' ? 'call.inbound' : 'call.outbound') : t('notes.internalLabel');
  const author =
    item.kind === 'call' ? (
      <span className="activity-author">{t('call.byMinutes', { name: who, count: item.minutes })}</span>
    ) : (
      <span className="activity-author" style={item.author ? { color: item.author.colour } : undefined}>{who}</span>
    );
  return (
    <NoteCard
      item={item}
      conversationId={conversationId}
      header={
        <>
          <span className="activity-kind">{kind}</span>
          {author}
          {when}
        </>
      }
    />
  );
});
