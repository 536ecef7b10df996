/**
 * The conversation toolbar's less frequent actions: in a row when the
 * conversation is wide enough, behind "More" when it is not (the container
 * query in reading-view.css decides, so a window resized mid-work follows at
 * once). Why: in a narrow conversation ten buttons wrapped into up to six
 * rows and pushed the mail below the fold; most of these also have a key or
 * a command in Ctrl+K. Which moves are offered follows the folder on screen:
 * out of Junk, Archive or Trash back to the Inbox, and from Trash deleting
 * for good (confirmed: core then expunges the mail).
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MoveTarget } from '../../../src-preload/api.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

interface Action {
  testId: string;
  label: string;
  title?: string;
  run(): void;
}

interface ConversationActionsProps {
  conversationId: number;
  onMerge(): void;
  onPrint(): void;
  /** Brings the customer panel back; null while it is shown. Only in the menu: the row has a button of its own. */
  onShowContact: (() => void) | null;
}

export function ConversationActions({ conversationId, onMerge, onPrint, onShowContact }: ConversationActionsProps) {
  const { openPicker, setCallFormOpen, setDelegateFor, moveConversation } = useDesk(
    useShallow((s) => ({ openPicker: s.openPicker, setCallFormOpen: s.setCallFormOpen, setDelegateFor: s.setDelegateFor, moveConversation: s.moveConversation })),
  );
  // The folder the list shows, when it is one (not a drawer or a search): what "move" can mean depends on it.
  const viewing = useDesk((s) => (s.folderChoice.kind === 'role' && s.searchQuery.trim() === '' ? s.folderChoice.role : null));
  const [confirmPurge, setConfirmPurge] = useState(false);
  const move = (to: MoveTarget): void => void moveConversation(conversationId, to);
  const stays = viewing === 'sent' || viewing === 'drafts';
  const moves = (role: typeof viewing): Action[] => [
    ...(role === 'archive' ? [] : [{ testId: 'archive-conversation', label: t('reading.archive'), title: t('reading.archiveHint'), run: () => move('archive') }]),
    ...(role === 'junk' ? [] : [{ testId: 'junk-conversation', label: t('reading.junk'), title: t('reading.junkHint'), run: () => move('junk') }]),
    role === 'trash'
      ? { testId: 'purge-conversation', label: t('reading.deleteForever'), run: () => setConfirmPurge(true) }
      : { testId: 'delete-conversation', label: t('reading.delete'), title: t('reading.deleteHint'), run: () => move('trash') },
  ];
  const restore: Action | null =
    viewing === 'junk' || viewing === 'archive' || viewing === 'trash'
      ? { testId: 'inbox-conversation', label: t(RESTORE_LABEL[viewing]), title: t('reading.toInboxHint'), run: () => move('inbox') }
      : null;
  const actions: Action[] = [
    { testId: 'forward-colleague', label: t('reading.forwardColleague'), run: () => openPicker('forward', [conversationId]) },
    { testId: 'share-conversation', label: t('reading.share'), run: () => openPicker('share', [conversationId]) },
    { testId: 'delegate-conversation', label: t('reading.delegate'), title: t('reading.delegateHint'), run: () => setDelegateFor(conversationId) },
    { testId: 'log-call', label: t('reading.logCall'), run: () => setCallFormOpen(true) },
    // In Sent and Drafts the copies on screen never move (message-actions.ts): moves are offered where the customer's mail is.
    ...(stays ? [] : moves(viewing)),
    { testId: 'merge-conversation', label: t('reading.mergeInto'), run: onMerge },
    { testId: 'print-conversation', label: t('reading.print'), title: t('reading.printHint'), run: onPrint },
  ];
  return (
    <>
      {/* Out of Junk, Archive or Trash is what an agent is there for: never hidden under "More". */}
      {restore && <ActionButton action={restore} />}
      <span className="toolbar-secondary">
        {actions.map((a) => <ActionButton key={a.testId} action={a} />)}
      </span>
      <MoreMenu actions={onShowContact ? [...actions, { testId: 'show-contact-panel', label: t('contact.showPanel'), run: onShowContact }] : actions} />
      <ConfirmDialog
        open={confirmPurge}
        title={t('reading.deleteForeverTitle')}
        body={t('reading.deleteForeverBody')}
        confirmLabel={t('reading.deleteForever')}
        danger
        onConfirm={() => {
          setConfirmPurge(false);
          void moveConversation(conversationId, 'trash', { forever: true });
        }}
        onCancel={() => setConfirmPurge(false)}
      />
    </>
  );
}

const RESTORE_LABEL = { junk: 'reading.notJunk', archive: 'reading.toInbox', trash: 'reading.restore' } as const;

function ActionButton({ action: a }: { action: Action }) {
  return (
    <button type="button" className="button button-small" data-testid={a.testId} title={a.title} onClick={a.run}>
      {a.label}
    </button>
  );
}

/** A menu button: arrows move, Enter picks, Escape or a click elsewhere closes and gives focus back. */
function MoreMenu({ actions }: { actions: Action[] }) {
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLSpanElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const away = (e: PointerEvent): void => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  function close(): void {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function onMenuKey(e: React.KeyboardEvent): void {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (i: number): void => items[(i + items.length) % items.length]?.focus();
    // Every key is kept from the workspace shortcuts while the menu is open: 'e' here is not "done".
    e.stopPropagation();
    if (e.key === 'ArrowDown') focus(at + 1);
    else if (e.key === 'ArrowUp') focus(at - 1);
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(items.length - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') setOpen(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  }

  return (
    <span className="toolbar-more" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button-small"
        data-testid="more-actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('reading.moreLabel')}
        onClick={() => setOpen((o) => !o)}
      >
        {t('reading.more')} ▾
      </button>
      {open && (
        <div ref={menuRef} className="toolbar-menu" role="menu" aria-label={t('reading.moreLabel')} data-testid="more-actions-menu" onKeyDown={onMenuKey}>
          {actions.map((a) => (
            <button
              key={a.testId}
              type="button"
              role="menuitem"
              className="toolbar-menu-item"
              data-testid={`more-${a.testId}`}
              title={a.title}
              onClick={() => {
                setOpen(false);
                a.run();
              }}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
