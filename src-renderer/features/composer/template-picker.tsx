import { useEffect, useId, useState } from 'react';
import type { DeskError, Template } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { htmlText } from './sanitize-draft-html.ts';

interface TemplatePickerProps {
  open: boolean;
  onPick(template: Template): void;
  onClose(): void;
}

/** Searchable list of canned replies: type to filter (shortcut words match first), arrows to choose, Enter to insert. */
export function TemplatePicker({ open, onPick, onClose }: TemplatePickerProps) {
  const titleId = useId();
  const composeCall = useDesk((s) => s.composeCall);
  const openSettings = useDesk((s) => s.openSettings);
  const version = useDesk((s) => s.templatesVersion);
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<Template[]>([]);
  const [error, setError] = useState<DeskError | null>(null);
  const [loading, setLoading] = useState(false);
  const [index, setIndex] = useState(0);
  // The query `items` answer. Until the answer for what is typed arrives they are another query's (or the last
  // opening's), and Enter waits for it: ";;lamp⏎" typed fast must not insert the template "order" had listed.
  const [listedFor, setListedFor] = useState<string | null>(null);
  const [enterWaiting, setEnterWaiting] = useState(false);

  useEffect(() => {
    if (!open) return;
    let stale = false;
    setLoading(true);
    const asked = query.trim();
    void composeCall('templates.list', { query: asked }).then((result) => {
      if (stale) return;
      setLoading(false);
      if (result.ok) {
        setItems(result.value);
        setListedFor(asked);
        setError(null);
        setIndex(0);
      } else setError(result.error);
    });
    return () => {
      stale = true;
    };
  }, [open, query, composeCall, version]);

  useEffect(() => {
    if (open) return;
    setQuery('');
    setItems([]);
    setListedFor(null);
    setEnterWaiting(false);
  }, [open]);

  const current = listedFor === query.trim();
  const chosen = current ? items[index] : undefined;

  useEffect(() => {
    if (!enterWaiting || !current) return;
    setEnterWaiting(false);
    if (items[0]) onPick(items[0]);
  }, [enterWaiting, current, items, onPick]);
  return (
    <Modal open={open} labelledBy={titleId} onClose={onClose} className="template-picker">
      <h2 id={titleId} className="modal-title">{t('templates.pickTitle')}</h2>
      <input
        className="template-search"
        type="search"
        value={query}
        autoFocus
        placeholder={t('templates.searchPlaceholder')}
        aria-label={t('templates.searchPlaceholder')}
        aria-controls={`${titleId}-list`}
        aria-activedescendant={chosen ? `${titleId}-${chosen.id}` : undefined}
        data-testid="template-search"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setIndex((i) => Math.min(items.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setIndex((i) => Math.max(0, i - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (chosen) onPick(chosen);
            else if (!current) setEnterWaiting(true);
          }
        }}
      />
      {error && <ErrorNote error={error} />}
      <ul id={`${titleId}-list`} className="template-list" role="listbox" aria-label={t('templates.pickTitle')} aria-busy={loading}>
        {items.map((template, i) => (
          <li
            key={template.id}
            id={`${titleId}-${template.id}`}
            role="option"
            aria-selected={i === index}
            className={`template-option${i === index ? ' is-active' : ''}`}
            data-testid="template-option"
            onMouseEnter={() => setIndex(i)}
            onClick={() => onPick(template)}
          >
            <span className="template-option-name">{template.name}</span>
            {template.shortcut && <kbd className="template-option-shortcut">{template.shortcut}</kbd>}
            <span className="template-option-preview">{htmlText(template.body).slice(0, 140)}</span>
          </li>
        ))}
        {!loading && items.length === 0 && !error && (
          <li className="template-empty">{query.trim() ? t('templates.noMatch') : t('templates.none')}</li>
        )}
      </ul>
      <div className="modal-actions">
        <button
          type="button"
          className="link-button template-manage"
          onClick={() => {
            onClose();
            openSettings('templates');
          }}
        >
          {t('templates.manage')}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </Modal>
  );
}
