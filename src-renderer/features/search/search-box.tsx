import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { SearchHelp } from './search-help.tsx';
import { searchWarningText } from './search-words.ts';
import './search.css';

interface SearchBoxProps {
  inputRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLElement | null>;
}

/** The query field above the list: as you type, `/` to get here, Esc to leave and clear. */
export function SearchBox({ inputRef, listRef }: SearchBoxProps) {
  const { query, warnings } = useDesk(useShallow((s) => ({ query: s.searchQuery, warnings: s.searchWarnings })));
  const warning = searchWarningText(warnings);
  const { setSearchQuery, clearSearch, openSelected } = useDesk(
    useShallow((s) => ({ setSearchQuery: s.setSearchQuery, clearSearch: s.clearSearch, openSelected: s.openSelected })),
  );
  const [helpOpen, setHelpOpen] = useState(false);
  const helpId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!helpOpen) return;
    function onPointerDown(event: PointerEvent): void {
      if (wrapRef.current && event.target instanceof Node && !wrapRef.current.contains(event.target)) setHelpOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [helpOpen]);

  return (
    <div
      className="search-box"
      ref={wrapRef}
      onKeyDown={(event) => {
        // Esc anywhere in the box closes the help first; the next Esc clears the search.
        if (event.key === 'Escape' && helpOpen) {
          event.preventDefault();
          event.stopPropagation();
          setHelpOpen(false);
          inputRef.current?.focus();
        }
      }}
    >
      <div className="search-field">
        <svg className="icon search-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <circle cx="7" cy="7" r="4.8" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="m10.6 10.6 3.6 3.6" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        <input
          ref={inputRef}
          type="search"
          className="search-input"
          data-testid="search-input"
          value={query}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          aria-describedby={warning ? `${helpId}-warning` : undefined}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setSearchQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !helpOpen) {
              event.preventDefault();
              clearSearch();
              listRef.current?.focus({ preventScroll: true });
            } else if (event.key === 'ArrowDown') {
              event.preventDefault();
              listRef.current?.focus({ preventScroll: true });
            } else if (event.key === 'Enter') {
              event.preventDefault();
              listRef.current?.focus({ preventScroll: true });
              openSelected();
            }
          }}
        />
        <kbd className="search-kbd" aria-hidden="true">/</kbd>
        <button
          type="button"
          className="search-help-toggle"
          data-testid="search-help-toggle"
          aria-expanded={helpOpen}
          aria-controls={helpId}
          title={t('search.helpTitle')}
          onClick={() => setHelpOpen((open) => !open)}
        >
          ?
        </button>
      </div>
      {warning && (
        <p id={`${helpId}-warning`} className="search-warning" role="status" data-testid="search-warning">{warning}</p>
      )}
      {helpOpen && (
        <SearchHelp
          id={helpId}
          onPick={(example) => {
            setHelpOpen(false);
            setSearchQuery(example);
            inputRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
