import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { t } from '../../i18n/i18n.ts';
import { MessageRow, ROW_HEIGHT, messageRowId } from './message-row.tsx';
import './mailbox-list.css';

/** Rows from the end at which the next page is fetched. */
const PREFETCH_ROWS = 20;

/** Re-renders once a minute so "10:42" becomes "Yesterday" without a reload. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function MessageList({ listRef }: { listRef: RefObject<HTMLDivElement | null> }) {
  const { messages, nextCursor, listStatus, listError, loadingMore, selectedId, openedId } = useDesk(
    useShallow((s) => ({
      messages: s.messages,
      nextCursor: s.nextCursor,
      listStatus: s.listStatus,
      listError: s.listError,
      loadingMore: s.loadingMore,
      selectedId: s.selectedMessageId,
      openedId: s.opened?.id ?? null,
    })),
  );
  const { loadMessages, loadMoreMessages, openMessage } = useDesk(
    useShallow((s) => ({ loadMessages: s.loadMessages, loadMoreMessages: s.loadMoreMessages, openMessage: s.openMessage })),
  );
  const scope = useDesk((s) => s.scopeAccountId);
  const title = useDesk((s) => s.accounts.find((a) => a.id === s.scopeAccountId)?.name ?? null);
  const now = useMinuteClock();

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => messages[index]?.id ?? index,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? -1;

  useEffect(() => {
    if (nextCursor && !loadingMore && lastVisible >= messages.length - PREFETCH_ROWS) void loadMoreMessages();
  }, [lastVisible, messages.length, nextCursor, loadingMore, loadMoreMessages]);

  const selectedIndex = messages.findIndex((m) => m.id === selectedId);
  const lastScrolledTo = useRef<number | null>(null);
  useEffect(() => {
    // Follow the keyboard selection; leave the scroll alone when a refresh re-renders the same row.
    if (selectedIndex < 0 || lastScrolledTo.current === selectedId) return;
    lastScrolledTo.current = selectedId;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, selectedId, virtualizer]);

  useEffect(() => {
    // Another inbox starts at its newest mail, not at the old scroll offset.
    listRef.current?.scrollTo({ top: 0 });
    lastScrolledTo.current = null;
  }, [scope, listRef]);

  const activate = useCallback(
    (id: number) => {
      listRef.current?.focus({ preventScroll: true });
      void openMessage(id);
    },
    [listRef, openMessage],
  );

  let body;
  if (listStatus === 'error' && messages.length === 0) {
    body = (
      <div className="list-empty" role="alert">
        <p>{t('list.loadFailed', { reason: listError ? describeError(listError) : '' })}</p>
        <button type="button" className="button" onClick={() => void loadMessages()}>{t('common.retry')}</button>
      </div>
    );
  } else if ((listStatus === 'loading' || listStatus === 'idle') && messages.length === 0) {
    body = <div className="list-empty" aria-busy="true">{t('list.loading')}</div>;
  } else if (messages.length === 0) {
    body = <div className="list-empty">{t('list.empty')}</div>;
  }

  return (
    <section className="message-list-pane" aria-labelledby="message-list-title">
      <header className="list-header">
        <h2 id="message-list-title" className="list-title">{title ?? t('list.allInboxes')}</h2>
        {loadingMore && <span className="list-status">{t('list.loadingMore')}</span>}
      </header>
      <div
        ref={listRef}
        className="message-list"
        data-testid="message-list"
        role="listbox"
        tabIndex={0}
        aria-labelledby="message-list-title"
        aria-activedescendant={selectedIndex >= 0 && selectedId !== null ? messageRowId(selectedId) : undefined}
      >
        {body ?? (
          <div className="message-list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualItems.map((item) => {
              const message = messages[item.index];
              if (!message) return null;
              return (
                <MessageRow
                  key={item.key}
                  message={message}
                  selected={message.id === selectedId}
                  open={message.id === openedId}
                  top={item.start}
                  now={now}
                  onActivate={activate}
                />
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
