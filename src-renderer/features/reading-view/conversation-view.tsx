import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ActivityItem, ConversationDetail, ConversationMessage } from '../../../src-preload/api.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { ConversationActions } from './conversation-actions.tsx';
import { MergeConversationDialog } from './merge-conversation-dialog.tsx';
import { MessageCard } from './message-card.tsx';
import { OriginalDialog } from './original-dialog.tsx';
import { ActivityCard } from '../activity/activity-card.tsx';
import { LogCallDialog } from '../activity/log-call-dialog.tsx';
import { NoteBox } from '../activity/note-box.tsx';
import { TriageBar } from '../triage/triage-bar.tsx';
// Replying (issue 6): toolbar buttons, the composer under the conversation, and 'replying' presence.
import { ComposerSlot } from '../composer/composer-slot.tsx';
import { ReplyButtons } from '../composer/reply-buttons.tsx';
import { useConversationPresence } from '../composer/use-conversation-presence.ts';
import { useContactPanel } from '../contact-panel/use-contact-panel.ts';
import { usePrintRequests } from './use-print-requests.ts';

type TimelineEntry = { kind: 'message'; at: number; message: ConversationMessage; index: number } | { kind: 'activity'; at: number; item: ActivityItem };

/** Messages and activity in one line of time; on equal times the message first (a note is usually about it). */
function timeline(messages: ConversationMessage[], activity: ActivityItem[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...messages.map((message, index) => ({ kind: 'message' as const, at: message.date, message, index })),
    ...activity.map((item) => ({ kind: 'activity' as const, at: item.at, item })),
  ];
  return entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1));
}

/** Up to this many messages, all start open; longer threads open only the newest and the unread. Out-of-offices start folded. */
const ALL_OPEN_UP_TO = 3;

function openByDefault(message: ConversationMessage, index: number, count: number): boolean {
  // An out-of-office says nothing the agent must read: folded, unless it is all there is.
  if (message.autoReply && count > 1) return false;
  return count <= ALL_OPEN_UP_TO || index === count - 1 || message.unread;
}

/**
 * Which messages are open. A message's default is decided when it is first
 * seen and then kept, so a reply arriving while the agent reads does not
 * fold away the message they are reading. One exception: mail found to be an
 * out-of-office after it was shown (core reads its headers seconds after the
 * sync) folds then, unless the agent opened or closed it themselves.
 */
function useExpanded(messages: ConversationMessage[]): [(id: number) => boolean, (id: number) => void, (open: boolean) => void] {
  const [state, setState] = useState<Record<number, boolean>>(() =>
    Object.fromEntries(messages.map((m, i) => [m.id, openByDefault(m, i, messages.length)])),
  );
  const chosen = useRef(new Set<number>());
  useEffect(() => {
    const unseen = messages.filter((m) => !(m.id in state));
    const foundAutomatic = messages.length > 1 ? messages.filter((m) => m.autoReply && state[m.id] === true && !chosen.current.has(m.id)) : [];
    if (unseen.length === 0 && foundAutomatic.length === 0) return;
    for (const m of foundAutomatic) chosen.current.add(m.id);
    setState((prev) => ({
      ...prev,
      ...Object.fromEntries(unseen.map((m) => [m.id, openByDefault(m, messages.indexOf(m), messages.length)])),
      ...Object.fromEntries(foundAutomatic.map((m) => [m.id, false])),
    }));
  }, [messages, state]);
  const isOpen = useCallback((id: number) => state[id] ?? true, [state]);
  const toggle = useCallback((id: number) => {
    chosen.current.add(id);
    setState((prev) => ({ ...prev, [id]: !(prev[id] ?? true) }));
  }, []);
  const setAll = useCallback((open: boolean) => {
    for (const m of messages) chosen.current.add(m.id);
    setState(Object.fromEntries(messages.map((m) => [m.id, open])));
  }, [messages]);
  return [isOpen, toggle, setAll];
}

export function ConversationView({ detail }: { detail: ConversationDetail }) {
  const { summary, messages, contact } = detail;
  const { openedTriage, applyTriage } = useDesk(useShallow((s) => ({ openedTriage: s.openedTriage, applyTriage: s.applyTriage })));
  const triageData = openedTriage?.id === summary.id ? openedTriage.data : null;
  const { splitFromMessage, setContactRemoteImages, showNotice } = useDesk(
    useShallow((s) => ({
      splitFromMessage: s.splitFromMessage,
      setContactRemoteImages: s.setContactRemoteImages,
      showNotice: s.showNotice,
    })),
  );
  const contactPanel = useContactPanel();
  const [isOpen, toggle, setAll] = useExpanded(messages);
  const articleRef = useRef<HTMLElement>(null);
  usePrintRequests(setAll, articleRef);
  const printConversation = useDesk((s) => s.printOpenedConversation);
  useConversationPresence(summary.id, 'viewing');
  const [splitting, setSplitting] = useState<ConversationMessage | null>(null);
  const [originalOf, setOriginalOf] = useState<ConversationMessage | null>(null);
  const startCompose = useDesk((s) => s.startCompose);
  const respond = useCallback((mode: 'reply' | 'forward', message: ConversationMessage) => void startCompose(mode, message.id), [startCompose]);
  const [splitBusy, setSplitBusy] = useState(false);
  const [merging, setMerging] = useState(false);
  const subject = summary.subject.trim() || t('message.noSubject');
  const allOpen = messages.every((m) => isOpen(m.id));

  const alwaysAllow = useCallback(() => {
    if (!contact) return;
    void setContactRemoteImages(contact.id, true).then((result) => {
      if (!result.ok) showNotice(t('contact.actionFailed', { reason: describeError(result.error) }));
    });
  }, [contact, setContactRemoteImages, showNotice]);

  async function confirmSplit(): Promise<void> {
    if (!splitting) return;
    setSplitBusy(true);
    const result = await splitFromMessage(splitting.id);
    setSplitBusy(false);
    setSplitting(null);
    if (!result.ok) showNotice(t('reading.splitFailed', { reason: describeError(result.error) }));
  }

  return (
    <article ref={articleRef} className="conversation-view" aria-labelledby="reading-subject" data-conversation-id={summary.id}>
      <header className="conversation-header">
        <div className="conversation-title-row">
          <h1 id="reading-subject" className="reading-subject" data-testid="reading-subject">{subject}</h1>
        </div>
        <div className="conversation-meta">
          <span className="ticket-badge" data-testid="reading-ticket">#{summary.ticket}</span>
          <span className="muted">{t('reading.messageCount', { count: messages.length })}</span>
          {messages.length > ALL_OPEN_UP_TO && (
            <button type="button" className="link-button" onClick={() => setAll(!allOpen)}>
              {allOpen ? t('reading.collapseAll') : t('reading.expandAll')}
            </button>
          )}
        </div>
        <TriageBar conversationId={summary.id} data={triageData} />
        <div className="conversation-toolbar" role="toolbar" aria-label={t('reading.actions')}>
          {/* Reply, Reply all and Forward by email (the composer: r, R, f) go first in this toolbar. */}
          <ReplyButtons />
          <button type="button" className="button button-small" data-testid="done-conversation" title={t('reading.doneHint')} onClick={() => void applyTriage({ kind: 'status', status: 'done' }, [summary.id])}>
            {t('triageBar.done')}
          </button>
          <ConversationActions conversationId={summary.id} onMerge={() => setMerging(true)} onPrint={printConversation} onShowContact={contactPanel.shown ? null : contactPanel.show} />
          <span className="toolbar-spacer" />
          {/* While the panel is open its own close button hides it; here we only offer to bring it back. */}
          {!contactPanel.shown && (
            <button type="button" className="button button-small button-quiet toolbar-show-contact" data-testid="show-contact-panel" onClick={contactPanel.show}>
              {t('contact.showPanel')}
            </button>
          )}
        </div>
      </header>
      <div className="conversation-messages" tabIndex={-1}>
        {timeline(messages, triageData?.activity ?? []).map((entry) =>
          entry.kind === 'message' ? (
            <MessageCard
              key={`m${entry.message.id}`}
              message={entry.message}
              subject={subject}
              expanded={isOpen(entry.message.id)}
              canSplit={entry.index > 0}
              onToggle={toggle}
              onSplit={setSplitting}
              onShowOriginal={setOriginalOf}
              onRespond={respond}
              onAlwaysAllowImages={contact && !contact.remoteImagesAllowed ? alwaysAllow : null}
            />
          ) : (
            <ActivityCard key={`a${entry.item.id}`} item={entry.item} conversationId={summary.id} />
          ),
        )}
        <NoteBox conversationId={summary.id} />
      </div>
      <ComposerSlot conversationId={summary.id} />
      <LogCallDialog conversationId={summary.id} />
      <ConfirmDialog
        open={splitting !== null}
        title={t('reading.splitTitle')}
        body={t('reading.splitBody', { sender: splitting ? splitting.from.name || splitting.from.address : '' })}
        confirmLabel={t('reading.splitConfirm')}
        busy={splitBusy}
        onConfirm={() => void confirmSplit()}
        onCancel={() => setSplitting(null)}
      />
      <MergeConversationDialog open={merging} source={summary} contact={contact} onClose={() => setMerging(false)} />
      <OriginalDialog messageId={originalOf?.id ?? null} subject={subject} onClose={() => setOriginalOf(null)} />
    </article>
  );
}
