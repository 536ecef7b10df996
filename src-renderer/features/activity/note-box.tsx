import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TeamMember } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { fuzzyFilter } from '../command-palette/fuzzy.ts';
import { insertMention, mentionAtCaret } from './note-markdown.ts';

/** What a mention inserts: the address names one agent exactly, whatever their display name. */
function mentionText(member: TeamMember): string {
  return member.address ?? member.name.replace(/\s+/g, '');
}

/**
 * The internal-note box: markdown, @mentions completed from the team
 * directory, Ctrl/Cmd+Enter to add. Styled and labelled as internal so no
 * agent mistakes it for a reply.
 */
export function NoteBox({ conversationId }: { conversationId: number }) {
  const { addNote, directory, focusRequest, showNotice } = useDesk(
    useShallow((s) => ({ addNote: s.addNote, directory: s.directory, focusRequest: s.noteFocusRequest, showNotice: s.showNotice })),
  );
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const mention = mentionAtCaret(text, caret);
  const candidates = mention ? fuzzyFilter(mention.query, directory?.agents ?? [], (a) => `${a.name} ${a.address ?? ''}`).slice(0, 6) : [];
  const activeIndex = Math.min(active, Math.max(0, candidates.length - 1));

  const seenRequest = useRef(focusRequest);
  useEffect(() => {
    if (focusRequest === seenRequest.current) return;
    seenRequest.current = focusRequest;
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [focusRequest]);

  function choose(member: TeamMember): void {
    const next = insertMention(text, caret, mentionText(member));
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => ref.current?.setSelectionRange(next.caret, next.caret));
  }

  async function submit(): Promise<void> {
    if (text.trim() === '' || busy) return;
    setBusy(true);
    const result = await addNote(conversationId, text.trim());
    setBusy(false);
    if (!result.ok) {
      showNotice(t('notes.addFailed', { reason: describeError(result.error) }));
      return;
    }
    setText('');
    setCaret(0);
  }

  return (
    <form
      className="note-box"
      data-testid="note-box"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="note-box-label" htmlFor={`note-${conversationId}`}>
        <span className="internal-badge">{t('notes.internalLabel')}</span>
        {t('notes.neverSent')}
      </label>
      <textarea
        ref={ref}
        id={`note-${conversationId}`}
        className="note-input"
        data-testid="note-input"
        rows={3}
        placeholder={t('notes.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setCaret(event.target.selectionStart);
          setActive(0);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={(event) => {
          if (candidates.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
            event.preventDefault();
            setActive(Math.max(0, Math.min(candidates.length - 1, activeIndex + (event.key === 'ArrowDown' ? 1 : -1))));
          } else if (candidates.length > 0 && (event.key === 'Enter' || event.key === 'Tab') && !event.ctrlKey && !event.metaKey) {
            event.preventDefault();
            const member = candidates[activeIndex];
            if (member) choose(member);
          } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            ref.current?.blur();
            document.querySelector<HTMLElement>('[data-testid="message-list"]')?.focus({ preventScroll: true });
          }
        }}
      />
      {candidates.length > 0 && (
        <ul className="mention-list" role="listbox" aria-label={t('notes.mentionList')} data-testid="mention-list">
          {candidates.map((member, index) => (
            <li
              key={member.ref}
              role="option"
              aria-selected={index === activeIndex}
              className={`type-ahead-option${index === activeIndex ? ' is-active' : ''}`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(member)}
            >
              <span className="member-dot" style={{ background: member.colour }} aria-hidden="true" />
              <span className="type-ahead-label">{member.name}</span>
              <span className="type-ahead-hint">{member.address}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="note-box-actions">
        <span className="muted note-box-hint">{t('notes.hint')}</span>
        <button type="submit" className="button button-small" data-testid="note-add" disabled={busy || text.trim() === ''}>
          {busy ? t('common.working') : t('notes.add')}
        </button>
      </div>
    </form>
  );
}
