import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConversationSummary, Highlight } from '../../../src-preload/api.ts';
import { useTick } from '../../app/use-tick.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { t } from '../../i18n/i18n.ts';
import { SearchBox } from '../search/search-box.tsx';
import { SmartFolderActions } from '../search/smart-folder-actions.tsx';
import { ConversationRow, ROW_HEIGHT, SEARCH_ROW_HEIGHT, TRIAGE_ROW_HEIGHT, conversationRowId } from './conversation-row.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { DrawerOrderChoice } from './drawer-order.tsx';
import { useListTitle } from './list-title.ts';
import { useFixedRowWindow } from './use-row-window.ts';
import { useRowSlots } from './row-slots.ts';
import { OverdueSince } from '../triage/overdue-since.tsx';
import { useSidebarOverlay } from '../sidebar/use-sidebar-overlay.ts';
import './mailbox-list.css';

/** Rows from the end at which the next page is fetched. */
const PREFETCH_ROWS = 20;
/** Rows rendered beyond each edge of the viewport, so a fast scroll does not show blank space. */
const OVERSCAN = 12;

function windowRows(items: readonly ConversationSummary[], first: number, last: number): { index: number; conversation: ConversationSummary }[] {
  const out: { index: number; conversation: ConversationSummary }[] = [];
  for (let index = first; index <= last; index++) {
    const conversation = items[index];
    if (conversation) out.push({ index, conversation });
  }
  return out;
}

interface ConversationListProps {
  listRef: RefObject<HTMLDivElement | null>;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function ConversationList({ listRef, searchRef }: ConversationListProps) {
  const sidebar = useSidebarOverlay();
  const browse = useDesk(
    useShallow((s) => ({
      conversations: s.conversations,
      nextCursor: s.nextCursor,
      status: s.listStatus,
      error: s.listError,
      loadingMore: s.loadingMore,
    })),
  );
  const search = useDesk(
    useShallow((s) => ({
      query: s.searchQuery,
      hits: s.searchHits,
      cursor: s.searchCursor,
      status: s.searchStatus,
      error: s.searchError,
      loadingMore: s.searchLoadingMore,
    })),
  );
  const { selectedId, openedId } = useDesk(useShallow((s) => ({ selectedId: s.selectedConversationId, openedId: s.opened?.id ?? null })));
  const draftConversations = useDesk((s) => s.draftConversations);
  const { rowTriage, checkedIds, directory, settings } = useDesk(
    useShallow((s) => ({ rowTriage: s.rowTriage, checkedIds: s.checkedIds, directory: s.directory, settings: s.triageSettings })),
  );
  const { loadConversations, loadMoreConversations, loadMoreSearch, openConversation, setSearchQuery } = useDesk(
    useShallow((s) => ({
      loadConversations: s.loadConversations,
      loadMoreConversations: s.loadMoreConversations,
      loadMoreSearch: s.loadMoreSearch,
      openConversation: s.openConversation,
      setSearchQuery: s.setSearchQuery,
    })),
  );
  const scopeKey = useDesk((s) => `${s.scopeAccountId}:${JSON.stringify(s.folderChoice)}`);
  // An empty list during an account's first listing is "not here yet", not "nothing here".
  const stillListing = useDesk((s) =>
    s.accounts.some((a) => (s.scopeAccountId === null || a.id === s.scopeAccountId) && a.health.state === 'syncing' && a.health.progress?.phase === 'headers'),
  );
  const overdueDrawer = useDesk((s) => s.folderChoice.kind === 'drawer' && s.folderChoice.drawer === 'overdue');
  const onDrawer = useDesk((s) => s.folderChoice.kind === 'drawer');
  const title = useListTitle();
  const now = useTick(60_000);

  const searching = search.query.trim() !== '';
  const smartFolder = directory?.smartFolders.find((f) => f.query === search.query.trim()) ?? null;
  const items = useMemo(() => (searching ? search.hits.map((h) => h.conversation) : browse.conversations), [searching, search.hits, browse.conversations]);
  const highlights = useMemo(() => new Map<number, Highlight[]>(search.hits.map((h) => [h.conversation.id, h.snippet])), [search.hits]);
  const inNotes = useMemo(() => new Set(search.hits.filter((h) => h.inNote === true).map((h) => h.conversation.id)), [search.hits]);
  const withBadges = !searching && rowTriage.size > 0;
  const rowHeight = searching ? SEARCH_ROW_HEIGHT : withBadges ? TRIAGE_ROW_HEIGHT : ROW_HEIGHT;
  const more = searching ? search.cursor : browse.nextCursor;
  const loadingMore = searching ? search.loadingMore : browse.loadingMore;
  const loadMore = searching ? loadMoreSearch : loadMoreConversations;

  const rows = useFixedRowWindow(listRef, items.length, rowHeight, OVERSCAN);
  const lastVisible = rows.last;
  const shown = windowRows(items, rows.first, rows.last);
  const slots = useRowSlots(shown.map((row) => row.conversation.id));

  useEffect(() => {
    if (more && !loadingMore && lastVisible >= items.length - PREFETCH_ROWS) void loadMore();
  }, [lastVisible, items.length, more, loadingMore, loadMore]);

  const selectedIndex = useMemo(() => items.findIndex((c) => c.id === selectedId), [items, selectedId]);
  const lastScrolledTo = useRef<number | null>(null);
  useEffect(() => {
    // Follow the keyboard selection; leave the scroll alone when a refresh re-renders the same row.
    if (selectedIndex < 0 || lastScrolledTo.current === selectedId) return;
    lastScrolledTo.current = selectedId;
    rows.scrollToIndex(selectedIndex);
  }, [selectedIndex, selectedId, rows.scrollToIndex]);

  useEffect(() => {
    // Another folder, account or query starts at the top, not at the old scroll offset.
    listRef.current?.scrollTo({ top: 0 });
    lastScrolledTo.current = null;
  }, [scopeKey, searching, listRef]);

  const activate = useCallback(
    (id: number) => {
      listRef.current?.focus({ preventScroll: true });
      void openConversation(id);
    },
    [listRef, openConversation],
  );

  let body;
  if (searching) {
    if (search.status === 'error' && items.length === 0) {
      body = (
        <div className="list-empty" role="alert">
          <p>{t('search.failed', { reason: search.error ? describeError(search.error) : '' })}</p>
          <button type="button" className="button" onClick={() => setSearchQuery(search.query)}>{t('common.retry')}</button>
        </div>
      );
    } else if (search.status === 'searching' && items.length === 0) {
      body = <div className="list-empty" aria-busy="true">{t('search.searching')}</div>;
    } else if (items.length === 0) {
      body = <div className="list-empty" data-testid="search-empty">{t('search.noResults')}</div>;
    }
  } else if (browse.status === 'error' && items.length === 0) {
    body = (
      <div className="list-empty" role="alert">
        <p>{t('list.loadFailed', { reason: browse.error ? describeError(browse.error) : '' })}</p>
        <button type="button" className="button" onClick={() => void loadConversations()}>{t('common.retry')}</button>
      </div>
    );
  } else if ((browse.status === 'loading' || browse.status === 'idle') && items.length === 0) {
    body = <div className="list-empty" aria-busy="true">{t('list.loading')}</div>;
  } else if (items.length === 0) {
    body = stillListing ? (
      <div className="list-empty" aria-busy="true" data-testid="list-still-listing">{t('list.emptyWhileListing')}</div>
    ) : (
      <div className="list-empty">
        {t('list.empty')}
        {overdueDrawer && <OverdueSince />}
      </div>
    );
  }

  const heading = searching ? (smartFolder?.name ?? t('search.resultsTitle')) : title;
  return (
    <section className="message-list-pane" aria-labelledby="message-list-title">
      <SearchBox inputRef={searchRef} listRef={listRef} />
      <header className="list-header">
        {sidebar.overlay && (
          <button
            type="button"
            className="sidebar-toggle"
            data-testid="sidebar-toggle"
            aria-label={t('sidebar.show')}
            title={t('sidebar.show')}
            aria-expanded={sidebar.open}
            onClick={() => sidebar.setOpen(!sidebar.open)}
          >
            <span aria-hidden="true">☰</span>
          </button>
        )}
        {/* Cut short beside the ☰ and the order in a narrow list: the whole of it on hover. */}
        <h2 id="message-list-title" className="list-title" data-testid="list-title" title={heading}>{heading}</h2>
        {loadingMore && <span className="list-status">{t('list.loadingMore')}</span>}
        {searching && search.status === 'searching' && items.length > 0 && <span className="list-status">{t('search.searching')}</span>}
        {searching && <SmartFolderActions />}
        {!searching && onDrawer && <DrawerOrderChoice />}
      </header>
      <BulkBar />
      <div
        ref={listRef}
        className="message-list"
        data-testid="message-list"
        data-mode={searching ? 'search' : 'browse'}
        data-total={items.length}
        data-complete={more === null}
        role="listbox"
        aria-multiselectable="true"
        tabIndex={0}
        aria-labelledby="message-list-title"
        aria-busy={searching && search.status === 'searching'}
        aria-activedescendant={selectedIndex >= 0 && selectedId !== null ? conversationRowId(selectedId) : undefined}
      >
        {body ?? (
          <div className="message-list-inner" style={{ height: items.length * rowHeight }}>
            {shown.map(({ index, conversation }) => (
              <ConversationRow
                key={slots.get(conversation.id)}
                conversation={conversation}
                highlight={searching ? (highlights.get(conversation.id) ?? null) : null}
                highlightInNote={searching && inNotes.has(conversation.id)}
                selected={conversation.id === selectedId}
                open={conversation.id === openedId}
                top={index * rowHeight}
                height={rowHeight}
                now={now}
                triage={searching ? null : (rowTriage.get(conversation.id) ?? null)}
                checked={checkedIds.has(conversation.id)}
                hasDraft={draftConversations.has(conversation.id)}
                directory={directory}
                settings={settings}
                onActivate={activate}
              />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
