import { useEffect, useId, useState, type ReactNode } from 'react';

export interface PickerOption {
  id: string;
  label: string;
  hint?: string;
  /** A coloured dot before the label (agents, groups). */
  colour?: string;
  /** Shown as already applied (a tag the conversation has). */
  checked?: boolean;
}

interface TypeAheadProps {
  label: string;
  placeholder: string;
  /** The options for what is typed, best first. */
  options(query: string): PickerOption[];
  onPick(option: PickerOption, query: string): void;
  /** Lets the caller react to typing (e.g. to show an error only for the current text). */
  onQueryChange?(query: string): void;
  testId: string;
  autoFocus?: boolean;
  empty?: ReactNode;
}

/**
 * A text field over a list: typing filters, ↑/↓ move, Enter picks. The
 * field keeps the focus the whole time (the list is its aria-activedescendant),
 * so a keyboard-only agent never has to leave it.
 */
export function TypeAhead({ label, placeholder, options, onPick, onQueryChange, testId, autoFocus = true, empty }: TypeAheadProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = options(query);
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));
  useEffect(() => setActive(0), [query]);

  return (
    <div className="type-ahead">
      <input
        className="type-ahead-input"
        data-testid={`${testId}-input`}
        role="combobox"
        aria-label={label}
        aria-expanded={shown.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown.length > 0 ? `${id}-${activeIndex}` : undefined}
        aria-autocomplete="list"
        placeholder={placeholder}
        value={query}
        autoFocus={autoFocus}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          setQuery(event.target.value);
          onQueryChange?.(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || (event.key === 'n' && event.ctrlKey)) {
            event.preventDefault();
            setActive(Math.min(shown.length - 1, activeIndex + 1));
          } else if (event.key === 'ArrowUp' || (event.key === 'p' && event.ctrlKey)) {
            event.preventDefault();
            setActive(Math.max(0, activeIndex - 1));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            const option = shown[activeIndex];
            if (option) onPick(option, query);
          }
        }}
      />
      <ul className="type-ahead-list" id={`${id}-list`} role="listbox" aria-label={label} data-testid={`${testId}-options`}>
        {shown.map((option, index) => (
          <li
            key={option.id}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            className={`type-ahead-option${index === activeIndex ? ' is-active' : ''}`}
            data-testid={`${testId}-option`}
            data-option-id={option.id}
            onMouseDown={(event) => event.preventDefault() /* keep the focus in the field */}
            onMouseEnter={() => setActive(index)}
            onClick={() => onPick(option, query)}
          >
            {option.colour && <span className="member-dot" style={{ background: option.colour }} aria-hidden="true" />}
            <span className="type-ahead-label">{option.label}</span>
            {option.checked && <span className="type-ahead-check" aria-hidden="true">✓</span>}
            {option.hint && <span className="type-ahead-hint">{option.hint}</span>}
          </li>
        ))}
        {shown.length === 0 && empty && <li className="type-ahead-empty">{empty}</li>}
      </ul>
    </div>
  );
}
