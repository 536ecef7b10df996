import { useState } from 'react';
import { t } from '../../i18n/i18n.ts';

interface ContactTagsProps {
  tags: string[];
  busy: boolean;
  onChange(tags: string[]): void;
}

/** Tags as removable chips plus a field; Enter or comma adds. */
export function ContactTags({ tags, busy, onChange }: ContactTagsProps) {
  const [draft, setDraft] = useState('');

  function add(): void {
    const fresh = draft.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '' && !tags.includes(tag));
    setDraft('');
    if (fresh.length > 0) onChange([...tags, ...fresh]);
  }

  return (
    <div className="contact-tags">
      {tags.length > 0 && (
        <ul className="tag-list">
          {tags.map((tag) => (
            <li key={tag} className="tag-chip" data-testid="contact-tag">
              <span>{tag}</span>
              <button
                type="button"
                className="tag-remove"
                disabled={busy}
                aria-label={t('contact.removeTag', { tag })}
                title={t('contact.removeTag', { tag })}
                onClick={() => onChange(tags.filter((other) => other !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        className="tag-input"
        data-testid="tag-input"
        value={draft}
        disabled={busy}
        placeholder={t('contact.addTag')}
        aria-label={t('contact.addTag')}
        maxLength={60}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault();
            add();
          } else if (event.key === 'Escape' && draft !== '') {
            event.preventDefault();
            event.stopPropagation();
            setDraft('');
          }
        }}
        onBlur={() => {
          if (draft.trim() !== '') add();
        }}
      />
    </div>
  );
}
